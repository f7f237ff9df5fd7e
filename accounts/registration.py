"""Self-registration that reveals nothing about who has an account, and e-mail confirmation.

Registration answers the same for every address. A new address gets an account that cannot sign
in until the link e-mailed to it is opened; the owner of a confirmed account gets a notice
instead (nothing changes on the account); an account still waiting for confirmation takes the
new details and a fresh link, which stops the older links working. Every path hashes the
password and queues one e-mail, so neither the answer nor its timing tells them apart.
"""

import logging
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import hashers, login
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from redis.exceptions import RedisError

from accounts.audit import AuditAction, client_ip_address, record_audit_event
from accounts.mail import queue_email
from accounts.models import User
from accounts.names import field_error, normalize_person_name, optional_name

logger = logging.getLogger(__name__)

__all__ = [
    "EMAIL_NOT_CONFIRMED",
    "INVALID_CONFIRMATION_LINK",
    "REGISTRATION_RECEIVED",
    "confirm_email",
    "pending_account",
    "register_user",
    "resend_confirmation_email",
]

REGISTRATION_RECEIVED = gettext_lazy(
    "Check your inbox: we sent a message to this address. Open the link in it to finish."
)
INVALID_CONFIRMATION_LINK = gettext_lazy(
    "This confirmation link is invalid, was used already or has expired. Sign in, or register "
    "again to get a new link."
)
EMAIL_NOT_CONFIRMED = gettext_lazy(
    "Confirm your e-mail address first: we sent the link again. Open it to finish creating "
    "your account."
)

# How long a confirmation link works. Registering again, or confirming, ends it sooner.
CONFIRMATION_LINK_MAX_AGE = timedelta(days=3)
# A sign-in attempt on an unconfirmed account re-sends the link at most this often.
RESEND_INTERVAL_SECONDS = 5 * 60
_CONFIRMATION_SALT = "accounts.email-confirmation"


def register_user(
    *,
    email: str,
    password: str,
    full_name: str,
    native_name: str = "",
    preferred_language: str = "en",
    country: str = "",
    is_name_in_credentials: bool = False,
    next_path: str = "",
) -> None:
    """Register `email` without telling the caller whether it has an account; the address's
    owner learns what happened by e-mail (a confirmation link, or a notice that someone tried).

    Returns nothing, on purpose. Raises ValidationError per field for an invalid name or a
    password the validators refuse; these checks use the submitted details only, so the same
    input gets the same errors whoever holds the address. `next_path` (a same-origin path) is
    carried in the e-mailed links. Locks an existing account's row while it decides.
    """
    candidate = User(
        email=email.strip().lower(),
        full_name=field_error("full_name", normalize_person_name, full_name),
        native_name=field_error("native_name", optional_name, native_name),
        preferred_language=preferred_language,
        country=country,
        is_name_in_credentials=is_name_in_credentials,
    )
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error
    # Hashed on every path: a slow hash skipped for taken addresses would time them apart.
    candidate.set_password(password)
    try:
        with transaction.atomic():
            _register(candidate, next_path)
    except IntegrityError:
        # A simultaneous registration created the address first: it is an existing account now.
        with transaction.atomic():
            _register(candidate, next_path)


def _register(candidate: User, next_path: str) -> None:
    existing = User.objects.select_for_update().filter(email=candidate.email).first()
    if existing is None:
        candidate.save()
        _queue_confirmation_email(candidate, next_path)
    elif existing.email_confirmed_at is None and existing.is_active:
        # Whoever registered first never proved the address; the latest registration's details
        # replace theirs, and the new password makes the earlier links stop working.
        for field in _PENDING_DETAILS:
            setattr(existing, field, getattr(candidate, field))
        existing.save(update_fields=_PENDING_DETAILS)
        _queue_confirmation_email(existing, next_path)
    else:
        _queue_account_exists_email(existing, next_path)


_PENDING_DETAILS = [
    "full_name",
    "native_name",
    "preferred_language",
    "country",
    "is_name_in_credentials",
    "password",
]


def pending_account(*, email: str) -> User | None:
    """The active account with this address that is still waiting for confirmation, else None."""
    return User.objects.filter(
        email=email.strip().lower(), is_active=True, email_confirmed_at__isnull=True
    ).first()


def resend_confirmation_email(*, user: User, password: str) -> bool:
    """If `password` is the pending account's, re-send its confirmation link (at most once every
    RESEND_INTERVAL_SECONDS) and return True; return False for a wrong password.

    Hashes the password once, like any sign-in, and never upgrades the stored hash (which
    would end the links already sent).
    """
    if not hashers.check_password(password, user.password):
        return False
    try:
        is_due = cache.add(f"email-confirmation-resent:{user.pk}", True, RESEND_INTERVAL_SECONDS)
    except RedisError:
        logger.warning("Cache unavailable; confirmation link re-sent unthrottled", exc_info=True)
        is_due = True
    if is_due:
        _queue_confirmation_email(user, "")
    return True


def confirm_email(*, request: HttpRequest, token: str) -> User:
    """Confirm the address from the e-mailed link's `token` and sign its owner in (a session,
    rotating the CSRF token). Both are audited (`email_confirmed`, `login`).

    Raises ValidationError (code `invalid_confirmation_link`) for a tampered, expired or used
    link, or one that a later registration of the address replaced. Locks the user's row, so a
    link opened twice at once confirms once.
    """
    invalid = ValidationError(INVALID_CONFIRMATION_LINK, code="invalid_confirmation_link")
    try:
        payload: Any = signing.loads(
            token, salt=_CONFIRMATION_SALT, max_age=CONFIRMATION_LINK_MAX_AGE
        )
    except signing.BadSignature as error:  # SignatureExpired among them
        raise invalid from error
    if not (
        isinstance(payload, list)
        and len(payload) == 2
        and isinstance(payload[0], int)
        and isinstance(payload[1], str)
    ):
        raise invalid
    user_id, state = payload
    ip_address = client_ip_address(request=request)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id, is_active=True).first()
        if user is None or not constant_time_compare(state, _confirmation_state(user)):
            raise invalid
        if user.email_confirmed_at is not None:
            raise invalid
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
        record_audit_event(
            action=AuditAction.EMAIL_CONFIRMED,
            actor=user,
            target_type="user",
            target_id=str(user.pk),
            ip_address=ip_address,
        )
        # Named: with single sign-on there is more than one backend, and this one checked it.
        login(request, user, backend="accounts.backends.ConfirmedEmailBackend")
        record_audit_event(
            action=AuditAction.LOGIN,
            actor=user,
            target_type="user",
            target_id=str(user.pk),
            ip_address=ip_address,
            details={"via": "email_confirmation"},
        )
    return user


def _confirmation_state(user: User) -> str:
    # What a link is bound to: it stops working once the address is confirmed, and when a new
    # registration replaces the pending password (each hash has its own salt). Keyed with
    # SECRET_KEY, as the signed payload is readable.
    value = f"{user.pk}:{user.email}:{user.password}:{user.email_confirmed_at}"
    return salted_hmac(_CONFIRMATION_SALT, value, algorithm="sha256").hexdigest()[:32]


def _confirmation_link(user: User, next_path: str) -> str:
    token = signing.dumps([user.pk, _confirmation_state(user)], salt=_CONFIRMATION_SALT)
    query = {"token": token, **({"next": next_path} if next_path else {})}
    return f"{settings.PUBLIC_BASE_URL}/confirm-email?{urlencode(query)}"


def _queue_confirmation_email(user: User, next_path: str) -> None:
    link = _confirmation_link(user, next_path)
    with translation.override(user.preferred_language):
        subject = _("Confirm your e-mail address for ICIM Academy")
        body = _(
            "Hello %(name)s,\n\nWelcome to ICIM Academy. To finish creating your account, "
            "confirm that this address is yours by opening this link within 3 days:\n\n"
            "%(link)s\n\nIf you did not register, ignore this message: without the link no "
            "account is opened."
        ) % {"name": user.full_name, "link": link}
    queue_email(recipient=user.email, subject=subject, body=body)


def _queue_account_exists_email(user: User, next_path: str) -> None:
    login_link = f"{settings.PUBLIC_BASE_URL}/login"
    if next_path:
        login_link += "?" + urlencode({"next": next_path})
    reset_link = f"{settings.PUBLIC_BASE_URL}/forgot-password"
    # The account owner's language, not the one chosen in the form: they did not fill it in.
    with translation.override(user.preferred_language):
        subject = _("Someone tried to register with your e-mail address")
        body = _(
            "Hello %(name)s,\n\nSomeone just tried to create an ICIM Academy account with this "
            "e-mail address, which already has one. If it was you, sign in here:\n\n"
            "%(login_link)s\n\nForgot your password? Choose a new one here:\n\n"
            "%(reset_link)s\n\nIf it was not you, ignore this message: nothing has changed "
            "on your account."
        ) % {"name": user.full_name, "login_link": login_link, "reset_link": reset_link}
    queue_email(recipient=user.email, subject=subject, body=body)
