"""Signing in and out with a password: the credential check that sessions and API tokens share."""

from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from accounts.audit import AuditAction, client_ip_address, record_audit_event, record_failed_login
from accounts.models import User
from accounts.registration import EMAIL_NOT_CONFIRMED, pending_account, resend_confirmation_email

INVALID_CREDENTIALS = gettext_lazy("The e-mail address or password is incorrect.")


def log_in(*, request: HttpRequest, email: str, password: str) -> User:
    """Check the credentials and start a session (rotating the CSRF token).

    Raises ValidationError (code `invalid_credentials`) for a wrong e-mail, wrong password or an
    inactive account, with the same message for each so the answer reveals nothing; with the
    right password of an account whose address is not confirmed yet, code
    `email_not_confirmed` (and the link is re-sent, see `resend_confirmation_email`).
    """
    ip_address = client_ip_address(request=request)
    user = check_credentials(
        request=request, email=email, password=password, ip_address=ip_address, via="session"
    )
    login(request, user)
    record_audit_event(
        action=AuditAction.LOGIN,
        actor=user,
        target_type="user",
        target_id=str(user.pk),
        ip_address=ip_address,
        details={"via": "session"},
    )
    return user


def check_credentials(
    *, request: HttpRequest | None, email: str, password: str, ip_address: str | None, via: str
) -> User:
    """The user these credentials sign in, else ValidationError as `log_in` describes; a refusal
    is audited (`login_failed`, with `via`)."""
    # One password hash on every path (a pending account's is checked here, anyone else's by
    # the backend), so the time taken does not tell a pending account from others.
    pending = pending_account(email=email)
    if pending is not None:
        if resend_confirmation_email(user=pending, password=password):
            record_failed_login(email=email, ip_address=ip_address, via=via)
            raise ValidationError(EMAIL_NOT_CONFIRMED, code="email_not_confirmed")
        user = None
    else:
        user = authenticate(request, username=email.strip().lower(), password=password)
    if not isinstance(user, User):
        record_failed_login(email=email, ip_address=ip_address, via=via)
        raise ValidationError(INVALID_CREDENTIALS, code="invalid_credentials")
    return user


def log_out(*, request: HttpRequest) -> None:
    """End the session, if any."""
    logout(request)
