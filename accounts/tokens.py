"""API bearer tokens: created with a password, authenticated through a short-lived cache that
changes to a token or its user clear, listed and revoked by their owner."""

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.audit import AuditAction, record_audit_event
from accounts.models import ApiToken, User
from accounts.sessions import check_credentials
from config.cache import TombstoneCache

TOKEN_PREFIX = "icim_"  # noqa: S105 - a public marker, not a secret
# How long a token that authenticated is served from the cache; also how long a tombstone
# keeps it from being cached again after a change (an upper bound on a missed invalidation).
TOKEN_CACHE_SECONDS = 60
# Entries by digest: (user, expires_at).
TOKENS = TombstoneCache(
    name="api-token", version=1, timeout=TOKEN_CACHE_SECONDS, label="Token cache"
)


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
    user = check_credentials(
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
    # While the cache is down the entry reads as a tombstone: ask the database, store nothing.
    entry, found = TOKENS.read(digest, also=cache_keys)
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
        TOKENS.add(digest, (token.user, token.expires_at), timeout=lifetime)
    return token.user, found


def forget_api_tokens(*, digests: list[str]) -> None:
    """Stop serving these tokens from the cache: tombstones now and again on commit, so a
    request that read the token before the change committed cannot store it again."""
    TOKENS.forget(digests)


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
