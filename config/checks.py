"""Deployment checks of the wiring: a cache all processes share, a public HTTPS address."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# Caches that live inside one process: each gunicorn worker would keep its own.
PROCESS_LOCAL_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0"})  # noqa: S104

PROCESS_LOCAL_CACHE = (
    "The cache is local to each process (REDIS_URL is not set). In production every web process "
    "must share one cache: otherwise a revoked token keeps working in the other processes until "
    "their copy expires, and login throttling counts per process instead of per client."
)
PROCESS_LOCAL_CACHE_HINT = "Set REDIS_URL, e.g. redis://redis.internal:6379/0."
PUBLIC_BASE_URL_NOT_PUBLIC = (
    "PUBLIC_BASE_URL is %(value)r. Certificates, QR codes, e-mail links and the issuer's did:web "
    "identity are built from it, so production needs the public https:// address."
)
PUBLIC_BASE_URL_HINT = "Set PUBLIC_BASE_URL, e.g. https://academy.example.org."


def is_cache_shared() -> bool:
    """True when the default cache is one that several processes can share."""
    return settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES


def require_shared_cache() -> None:
    """Refuse to serve production requests with a per-process cache (called by the WSGI entry
    point, so gunicorn does not start). Raises ImproperlyConfigured."""
    if not settings.DEBUG and not is_cache_shared():
        raise ImproperlyConfigured(f"{PROCESS_LOCAL_CACHE} {PROCESS_LOCAL_CACHE_HINT}")


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG or is_cache_shared():
        return []
    return [checks.Error(PROCESS_LOCAL_CACHE, hint=PROCESS_LOCAL_CACHE_HINT, id="config.E001")]


@checks.register(checks.Tags.security, deploy=True)
def check_public_base_url(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    address = urlsplit(settings.PUBLIC_BASE_URL)
    if address.scheme == "https" and address.hostname and address.hostname not in LOOPBACK_HOSTS:
        return []
    return [
        checks.Error(
            PUBLIC_BASE_URL_NOT_PUBLIC % {"value": settings.PUBLIC_BASE_URL},
            hint=PUBLIC_BASE_URL_HINT,
            id="config.E002",
        )
    ]
