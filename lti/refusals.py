"""What a refused launch tells the person and the audit log."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import api as accounts_api

__all__ = ["REFUSAL_MESSAGES", "LaunchRefused", "record_refusal"]


class LaunchRefused(Exception):  # noqa: N818  (a refusal, named for what the user sees)
    """A launch the tool does not accept; `code` names the reason (audited, shown translated)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail or code


# Shown on the error page in the LMS's frame; the code goes to the audit log.
REFUSAL_MESSAGES: dict[str, Any] = {
    "unknown_platform": _("This learning platform is not registered with ICIM Academy."),
    "unknown_deployment": _("This deployment of ICIM Academy is not registered."),
    "invalid_state": _("This launch has expired or was already used. Please launch again."),
    "invalid_nonce": _("This launch has expired or was already used. Please launch again."),
    "storage_required": _(
        "Your learning platform did not offer to confirm this browser, as it did before. Please "
        "launch again from your course page."
    ),
    "storage_unverified": _(
        "This launch could not be confirmed as started in this browser. Please launch again "
        "from your course page."
    ),
    "invalid_signature": _("The launch was not signed by your learning platform."),
    "invalid_token": _("The launch could not be verified."),
    "token_expired": _("This launch has expired. Please launch again."),
    "wrong_audience": _("This launch was meant for another tool."),
    "invalid_message": _("The learning platform sent a launch ICIM Academy does not understand."),
    "platform_keys_unavailable": _(
        "Your learning platform's keys could not be fetched. Please try again later."
    ),
    "course_unavailable": _("This course is not available on ICIM Academy."),
    "invalid_selection": _("This selection could not be verified. Please start again."),
    "roster_unavailable": _("The class list could not be read from your learning platform."),
    "invalid_ticket": _("This link has expired or was already used. Please launch again."),
    "invalid_registration_link": _(
        "This registration link is unknown, has expired or was already used. Ask your "
        "organisation's administrator for a new one."
    ),
    "invalid_platform_configuration": _(
        "Your learning platform's configuration could not be read. Please try again later."
    ),
    "issuer_mismatch": _(
        "Your learning platform's configuration names another platform; ICIM Academy was not "
        "registered."
    ),
    "registration_refused": _("Your learning platform did not accept the registration."),
    "registered_elsewhere": _(
        "This learning platform is already registered for another organisation."
    ),
}


def record_refusal(
    *,
    request: HttpRequest,
    code: str,
    detail: str,
    issuer: str = "",
    target_type: str = "lti_launch",
) -> None:
    """Audit a refused LTI launch or registration (`target_type` "lti_registration") as a
    failed sign-in through `lti`, with the reason."""
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.LOGIN_FAILED,
        target_type=target_type,
        target_id=issuer[:100],
        ip_address=accounts_api.client_ip_address(request=request),
        details={"via": "lti", "reason": code, "detail": detail[:300]},
    )
