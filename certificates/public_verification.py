"""The public answer about a certificate by id, as served to anyone not signed in: from the
shared cache when it is there, else verified, rendered and stored for as long as it may be."""

from collections.abc import Callable
from typing import Any

from certificates.verification import Verification, verify_certificate_for_cache
from certificates.verification_cache import (
    public_verification_cache_name,
    read_public_verification,
    store_public_verification,
)


def public_verification_answer(
    *,
    certificate_id: str,
    language: str,
    render: Callable[[Verification], bytes],
    prefetched: dict[str, Any] | None = None,
) -> bytes:
    """The public answer in `language`, as `render` writes it (the bytes served and cached).

    Only the public answer is ever stored in, or served from, the shared cache. `prefetched`:
    the entries read ahead for the request (`config.cache.read_ahead`: the throttle reads this
    answer in the same round trip as its counter); when it lacks the answer's, the cache is read
    here.
    """
    name = public_verification_cache_name(certificate_id=certificate_id, language=language)
    if prefetched is not None and name in prefetched:
        body = prefetched[name]
    else:
        body = read_public_verification(certificate_id=certificate_id, language=language)
    if not body:  # absent, or a tombstone left by a recent change
        public, lifetime = verify_certificate_for_cache(certificate_id=certificate_id)
        body = render(public)
        if lifetime > 0:
            store_public_verification(
                certificate_id=certificate_id, language=language, body=body, timeout=lifetime
            )
    return body
