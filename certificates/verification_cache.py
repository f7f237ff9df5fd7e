"""Where public verification answers by id are cached, for how long, and how they are dropped."""

import uuid

from django.conf import settings
from django.db import transaction

from config import raw_cache

# Public answers by id are cached briefly; this also bounds staleness if an invalidation fails.
VERIFICATION_CACHE_SECONDS = 60
VERIFICATION_CACHE_FORMAT = 2  # part of the key: a release that changes the answer ignores old ones


def public_verification_cache_name(*, certificate_id: str, language: str) -> str:
    """Where the rendered public answer for this certificate and language is cached."""
    try:
        key = str(uuid.UUID(certificate_id))
    except ValueError:
        key = "malformed"  # never stored: unknown ids are not cached
    return f"verification:{VERIFICATION_CACHE_FORMAT}:{key}:{language}"


def forget_public_verification(*, certificate_id: str) -> None:
    """Stop serving cached public answers for a certificate: tombstones now and again on
    commit, so an answer read from the old row before the change committed cannot be stored
    after it (answers are only added where nothing is stored)."""
    names = [
        public_verification_cache_name(certificate_id=certificate_id, language=language)
        for language, _name in settings.LANGUAGES
    ]
    raw_cache.tombstone(names, timeout=VERIFICATION_CACHE_SECONDS)
    transaction.on_commit(lambda: raw_cache.tombstone(names, timeout=VERIFICATION_CACHE_SECONDS))
