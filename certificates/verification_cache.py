"""Where public verification answers by id are cached, for how long, and how they are dropped."""

import uuid

from django.conf import settings

from config.cache import TombstoneCache

# Public answers by id are cached briefly; this also bounds staleness if an invalidation fails.
VERIFICATION_CACHE_SECONDS = 60
# Raw bytes: the throttle reads an answer in the same Redis round trip as its counter.
VERIFICATION = TombstoneCache(
    name="verification",
    version=2,
    timeout=VERIFICATION_CACHE_SECONDS,
    label="Verification cache",
    raw=True,
)


def _entry(*, certificate_id: str, language: str) -> str:
    try:
        key = str(uuid.UUID(certificate_id))
    except ValueError:
        key = "malformed"  # never stored: unknown ids are not cached
    return f"{key}:{language}"


def public_verification_cache_name(*, certificate_id: str, language: str) -> str:
    """Where the rendered public answer for this certificate and language is cached."""
    return VERIFICATION.key(_entry(certificate_id=certificate_id, language=language))


def read_public_verification(*, certificate_id: str, language: str) -> bytes | None:
    """The stored answer; None when absent, forgotten, or the cache is down."""
    body, _others = VERIFICATION.read(_entry(certificate_id=certificate_id, language=language))
    return body or None


def store_public_verification(
    *, certificate_id: str, language: str, body: bytes, timeout: int
) -> None:
    """Store the answer unless anything (a tombstone included) is stored for it."""
    entry = _entry(certificate_id=certificate_id, language=language)
    VERIFICATION.add(entry, body, timeout=timeout)


def forget_public_verification(*, certificate_id: str) -> None:
    """Stop serving cached public answers for a certificate, in every language (tombstones now
    and on commit: an answer read from the old row before the change committed cannot be stored
    after it)."""
    VERIFICATION.forget(
        [
            _entry(certificate_id=certificate_id, language=language)
            for language, _name in settings.LANGUAGES
        ]
    )
