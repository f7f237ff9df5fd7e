"""The public door of `accounts`: registration, sign-in, profiles, API tokens, organisations."""

import contextlib
import hashlib
import logging
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from redis.exceptions import RedisError

from accounts.audit import (
    AuditAction,
    client_ip_address,
    list_audit_events,
    record_audit_event,
    record_failed_login,
)
from accounts.mail import queue_email, send_email, single_line
from accounts.models import ApiToken, Membership, Organization, User
from accounts.names import field_error, normalize_person_name, optional_name
from accounts.registration import (
    EMAIL_NOT_CONFIRMED,
    REGISTRATION_RECEIVED,
    confirm_email,
    pending_account,
    register_user,
    resend_confirmation_email,
)
from accounts.storage import StoredFile, open_organization_logo

logger = logging.getLogger(__name__)

__all__ = [
    "REGISTRATION_RECEIVED",
    "AuditAction",
    "StoredFile",
    "authenticate_token",
    "authenticate_token_and_read",
    "client_ip_address",
    "confirm_email",
    "create_api_token",
    "forget_api_tokens",
    "get_institution",
    "get_profile",
    "list_api_tokens",
    "list_audit_events",
    "list_organizations",
    "log_in",
    "log_out",
    "normalize_person_name",
    "open_organization_logo",
    "organization_ids_for_user",
    "organizations_by_slug",
    "preferred_languages",
    "queue_email",
    "record_audit_event",
    "record_failed_login",
    "register_user",
    "request_password_reset",
    "reset_password",
    "revoke_api_token",
    "send_email",
    "send_password_reset_email",
    "single_line",
    "update_profile",
]

INVALID_CREDENTIALS = gettext_lazy("The e-mail address or password is incorrect.")
INVALID_RESET_LINK = gettext_lazy("This password reset link is invalid or has expired.")

TOKEN_PREFIX = "icim_"  # noqa: S105 - a public marker, not a secret
# How long a token that authenticated is served from the cache; also how long a tombstone
# keeps it from being cached again after a change (an upper bound on a missed invalidation).
TOKEN_CACHE_SECONDS = 60
TOKEN_CHANGED = "changed"  # noqa: S105 - a tombstone marker, not a secret


def log_in(*, request: HttpRequest, email: str, password: str) -> User:
    """Check the credentials and start a session (rotating the CSRF token).

    Raises ValidationError (code `invalid_credentials`) for a wrong e-mail, wrong password or an
    inactive account, with the same message for each so the answer reveals nothing; with the
    right password of an account whose address is not confirmed yet, code
    `email_not_confirmed` (and the link is re-sent, see `resend_confirmation_email`).
    """
    ip_address = client_ip_address(request=request)
    user = _check_credentials(
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


def _check_credentials(
    *, request: HttpRequest | None, email: str, password: str, ip_address: str | None, via: str
) -> User:
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


def get_profile(*, user_id: int) -> User:
    """Load a user with their memberships and organisations in two queries."""
    memberships = Prefetch(
        "memberships", queryset=Membership.objects.select_related("organization")
    )
    return User.objects.prefetch_related(memberships).get(pk=user_id)


def update_profile(
    *,
    user: User,
    full_name: str | None = None,
    native_name: str | None = None,
    preferred_language: str | None = None,
    country: str | None = None,
    is_name_in_credentials: bool | None = None,
) -> User:
    """Change the given profile fields (None leaves a field alone) and return the fresh profile.

    Raises ValidationError per field for an invalid name.
    """
    changed: list[str] = []
    if full_name is not None:
        user.full_name = field_error("full_name", normalize_person_name, full_name)
        changed.append("full_name")
    if native_name is not None:
        user.native_name = field_error("native_name", optional_name, native_name)
        changed.append("native_name")
    if preferred_language is not None:
        user.preferred_language = preferred_language
        changed.append("preferred_language")
    if country is not None:
        user.country = country
        changed.append("country")
    if is_name_in_credentials is not None:
        user.is_name_in_credentials = is_name_in_credentials
        changed.append("is_name_in_credentials")
    if changed:
        user.save(update_fields=changed)
    return get_profile(user_id=user.pk)


def _digest(secret: str) -> str:
    # The secret carries 256 random bits, so a fast hash is enough; a slow KDF would only cost
    # time on every request.
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(
    *, email: str, password: str, name: str = "", ip_address: str | None = None
) -> tuple[ApiToken, str]:
    """Check the credentials and create a bearer token; return it with its secret.

    The secret is returned once and never stored (only its SHA-256). Both outcomes are
    audited (`token_created`, or `login_failed`). Raises ValidationError (codes
    `invalid_credentials`, `email_not_confirmed`) like `log_in`.
    """
    user = _check_credentials(
        request=None, email=email, password=password, ip_address=ip_address, via="token"
    )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=_digest(secret),
            expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_LIFETIME_DAYS),
        )
        record_audit_event(
            action=AuditAction.TOKEN_CREATED,
            actor=user,
            target_type="api_token",
            target_id=str(token.pk),
            ip_address=ip_address,
            details={"name": name, "prefix": token.prefix},
        )
    return token, secret


def authenticate_token(*, secret: str) -> User | None:
    """Return the active, confirmed user a live (unexpired, unrevoked) token belongs to, else
    None.

    A token that authenticated is remembered in the cache for up to TOKEN_CACHE_SECONDS (never
    past its expiry), so most requests skip the database. Revoking it, or saving or deleting
    its user, replaces the entry with a tombstone at once and again on commit
    (`forget_api_tokens`); an answer read from the database before that change may only be
    stored where no tombstone is (an atomic add), so it cannot outlive the change. Records
    when the token was last used, at most once a minute (on each cache miss).
    """
    user, _found = authenticate_token_and_read(secret=secret, cache_keys=[])
    return user


def authenticate_token_and_read(
    *, secret: str, cache_keys: list[str]
) -> tuple[User | None, dict[str, Any]]:
    """`authenticate_token`, reading `cache_keys` (a view's own cache entries) from the cache in
    the same round trip; the dict holds those found (none if the cache is down)."""
    digest = _digest(secret)
    now = timezone.now()
    token_key = _token_cache_key(digest)
    try:
        found = cache.get_many([token_key, *cache_keys])
    except RedisError:  # the cache is down: ask the database, store nothing
        logger.warning("Token cache unavailable", exc_info=True)
        found = {token_key: TOKEN_CHANGED}
    entry = found.pop(token_key, None)
    if isinstance(entry, tuple) and entry[1] > now:
        return entry[0], found
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest, revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active or token.user.email_confirmed_at is None:
        return None, found
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    lifetime = min(TOKEN_CACHE_SECONDS, int((token.expires_at - now).total_seconds()))
    if entry is None and lifetime > 0:
        with contextlib.suppress(RedisError):  # not stored: the next request asks again
            cache.add(token_key, (token.user, token.expires_at), lifetime)
    return token.user, found


def forget_api_tokens(*, digests: list[str]) -> None:
    """Stop serving these tokens from the cache: tombstones now and again on commit, so a
    request that read the token before the change committed cannot store it again."""
    if not digests:
        return
    tombstones = {_token_cache_key(digest): TOKEN_CHANGED for digest in digests}

    def write() -> None:
        # If Redis is down nothing is served from it either; an entry that survived an
        # outage lives at most TOKEN_CACHE_SECONDS.
        try:
            cache.set_many(tombstones, TOKEN_CACHE_SECONDS)
        except RedisError:
            logger.error("Token cache unavailable; tokens %s not forgotten", digests, exc_info=True)

    write()
    transaction.on_commit(write)


def _token_cache_key(digest: str) -> str:
    return f"api-token:{digest}"


def list_api_tokens(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, revoked ones included (they show when they ended)."""
    return ApiToken.objects.filter(user=user)


@transaction.atomic
def revoke_api_token(*, user: User, token_id: uuid.UUID, ip_address: str | None = None) -> None:
    """Revoke one of the user's tokens. Idempotent: only the call that revokes it is audited
    (`token_revoked`; a conditional update decides, so simultaneous calls record it once).

    Raises ApiToken.DoesNotExist when the id is unknown or belongs to someone else.
    """
    token = ApiToken.objects.get(pk=token_id, user=user)
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    forget_api_tokens(digests=[token.digest])
    if revoked:
        record_audit_event(
            action=AuditAction.TOKEN_REVOKED,
            actor=user,
            target_type="api_token",
            target_id=str(token.pk),
            ip_address=ip_address,
            details={"name": token.name, "prefix": token.prefix},
        )


def request_password_reset(*, email: str) -> None:
    """Queue a reset e-mail if an active account has this address; silently do nothing otherwise.

    The caller answers the same either way, so the endpoint cannot be used to probe accounts.
    """
    from accounts.tasks import send_password_reset_email_task

    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is not None:
        # celery-types predates delay_on_commit (Celery 5.4).
        send_password_reset_email_task.delay_on_commit(user.pk)  # type: ignore[attr-defined]


def _password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return f"{settings.PUBLIC_BASE_URL}/reset-password?uid={uid}&token={token}"


def send_password_reset_email(*, user_id: int) -> None:
    """Send the reset link to the user, in their preferred language."""
    user = User.objects.get(pk=user_id, is_active=True)
    link = _password_link(user)
    with translation.override(user.preferred_language):
        subject = _("Reset your ICIM Academy password")
        body = _(
            "Hello %(name)s,\n\nSomeone asked to reset the password of your ICIM Academy "
            "account. If it was you, open this link within 24 hours:\n\n%(link)s\n\n"
            "If it was not you, ignore this message; your password stays unchanged."
        ) % {"name": user.full_name, "link": link}
    send_email(recipient=user.email, subject=subject, body=body)


def reset_password(*, uid: str, token: str, new_password: str) -> User:
    """Set a new password from a reset link and revoke every API token of the account.

    Raises ValidationError (code `invalid_reset_link`) for a bad or expired link, and field
    errors on `new_password` when the validators refuse it. The link works once: changing the
    password invalidates it. The link came by e-mail, so it also confirms the address of an
    account still waiting for that.
    """
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist) as error:
        raise ValidationError(INVALID_RESET_LINK, code="invalid_reset_link") from error
    if not default_token_generator.check_token(user, token):
        raise ValidationError(INVALID_RESET_LINK, code="invalid_reset_link")
    try:
        validate_password(new_password, user=user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.error_list}) from error
    with transaction.atomic():
        user.set_password(new_password)
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
        # Saving forgets the user's cached tokens (receivers).
        user.save(update_fields=["password", "email_confirmed_at"])
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return user


def list_organizations() -> QuerySet[Organization]:
    """All organisations, by name."""
    return Organization.objects.all()


def get_institution(*, slug: str) -> Organization:
    """The institution with this slug, in one query.

    Raises `Organization.DoesNotExist` for an unknown slug and equally for an employer's or the
    coalition's, so that an institution page reveals nothing about other organisations.
    """
    return Organization.objects.get(slug=slug, kind=Organization.Kind.INSTITUTION)


def organization_ids_for_user(*, user: User, roles: tuple[str, ...] | None = None) -> set[int]:
    """IDs of the organisations where the user holds any of `roles` (any role when None)."""
    if not user.is_authenticated:
        return set()
    memberships = Membership.objects.filter(user=user)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organization_id", flat=True))


def organizations_by_slug(*, slugs: list[str]) -> dict[str, Organization]:
    """The organisations with these slugs, keyed by slug (unknown slugs are simply absent)."""
    return {
        organization.slug: organization
        for organization in Organization.objects.filter(slug__in=slugs)
    }


def preferred_languages(*, emails: list[str]) -> dict[str, str]:
    """The preferred language of each active account among these (lower-cased) addresses, in
    one query; addresses without an account are simply absent. For writing an e-mail in its
    reader's language only: what a caller answers must not depend on it (it reveals accounts).
    """
    return dict(
        User.objects.filter(email__in=emails, is_active=True).values_list(
            "email", "preferred_language"
        )
    )
