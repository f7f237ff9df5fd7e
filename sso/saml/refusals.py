"""What a refused SAML sign-in tells the person (translated) and the audit log (the code)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts import api as accounts_api
from sso.provisioning import PROVIDER_DISABLED

__all__ = ["REFUSAL_MESSAGES", "SamlRefused", "record_refusal"]


class SamlRefused(Exception):  # noqa: N818  (a refusal, named for what the user sees)
    """A sign-in the service provider does not accept; `code` names the reason (audited, and
    shown translated); `detail` is for the log only."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail or code


REFUSAL_MESSAGES: dict[str, Any] = {
    "unknown_provider": _("This organisation sign-in does not exist."),
    "provider_disabled": PROVIDER_DISABLED,
    "not_configured": _(
        "Sign-in with organisations is not set up on this server yet. Please sign in with your "
        "password."
    ),
    "invalid_metadata": _(
        "Your organisation's sign-in settings cannot be read. Please tell your organisation's "
        "administrator."
    ),
    "missing_response": _("No answer from your organisation's sign-in was received."),
    "invalid_response": _("The answer from your organisation's sign-in could not be verified."),
    "invalid_signature": _("The answer was not signed by your organisation's sign-in."),
    "wrong_issuer": _("The answer came from another organisation's sign-in."),
    "wrong_audience": _("The answer was meant for another service, not ICIM Academy."),
    "wrong_destination": _("The answer was addressed to another page."),
    "expired": _("The answer from your organisation's sign-in has expired. Please sign in again."),
    "unsolicited": _(
        "This sign-in was not started in this browser, or it was already completed. Please "
        "start again from ICIM Academy."
    ),
    "replayed": _("This sign-in answer was already used. Please sign in again."),
    "idp_refused": _("Your organisation's sign-in did not sign you in."),
    "transient_subject": _(
        "Your organisation's sign-in did not send a lasting identifier for you. Please tell "
        "your organisation's administrator (a persistent NameID is needed)."
    ),
    "unavailable": _("Sign-in is briefly unavailable. Please try again in a minute."),
    "throttled": _("Too many sign-in attempts from your network. Please wait a minute."),
}


def record_refusal(
    *, request: HttpRequest, code: str, detail: str, provider_slug: str = ""
) -> None:
    """Audit a refused SAML sign-in as a failed sign-in through `saml`, with the reason."""
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.LOGIN_FAILED,
        target_type="identity_provider",
        target_id=provider_slug[:100],
        ip_address=accounts_api.client_ip_address(request=request),
        details={"via": "saml", "reason": code, "detail": detail[:300]},
    )
