"""API bearer tokens: created with a password, authenticated through a short-lived cache that
changes to a token or its user clear, listed and revoked by their owner."""

import contextlib
import hashlib
import logging
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from redis.exceptions import RedisError

from accounts.audit import AuditAction, record_audit_event
from accounts.models import ApiToken, User
from accounts.sessions import check_credentials

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "icim_"  # noqa: S105 - a public marker, not a secret
# How long a token that authenticated is served from the cache; also how long a tombstone
# keeps it from being cached again after a change (an upper bound on a missed invalidation).
TOKEN_CACHE_SECONDS = 60
TOKEN_CHANGED = "changed"  # noqa: S105 - a tombstone marker, not a secret


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
