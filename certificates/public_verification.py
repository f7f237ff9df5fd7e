"""The public answer about a certificate by id, as served to anyone not signed in: from the
shared cache when it is there, else verified, rendered and stored for as long as it may be."""

from collections.abc import Callable

from certificates.verification import Verification, verify_certificate_for_cache
from certificates.verification_cache import public_verification_cache_name
from config import raw_cache


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
    name = public_verification_cache_name(certificate_id=certificate_id, language=language)
    body = prefetched if is_prefetched else raw_cache.get_bytes(name)
    if not body:  # absent, or a tombstone left by a recent change
        public, lifetime = verify_certificate_for_cache(certificate_id=certificate_id)
        body = render(public)
        if lifetime > 0:
            raw_cache.add_bytes(name, body, timeout=lifetime)
    return body
