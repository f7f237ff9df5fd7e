"""The public answer about a certificate by id, as served to anyone not signed in: from the
shared cache when it is there, else verified, rendered and stored for as long as it may be."""

from collections.abc import Callable

from certificates.verification import Verification, verify_certificate_for_cache
from certificates.verification_cache import (
    read_public_verification,
    store_public_verification,
)


def public_verification_answer(
    *,
    certificate_id: str,
    language: str,
    render: Callable[[Verification], bytes],
    prefetched: bytes | None = None,
    is_prefetched: bool = False,
) -> bytes:
    """The public answer in `language`, as `render` writes it (the bytes served and cached).

    Only the public answer is ever stored in, or served from, the shared cache. `prefetched`
    is the cached value when the caller already read it (`is_prefetched`: the throttle reads it
    in the same round trip as its counter); otherwise the cache is read here.
    """
    if is_prefetched:
        body = prefetched
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
