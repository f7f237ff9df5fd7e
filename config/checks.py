"""Checks of the wiring: a cache all processes share, a public HTTPS address and a separate
origin for e-learning packages (deployment), and the external video origins the
Content-Security-Policy allows (always)."""

import re
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
PACKAGE_CONTENT_ORIGIN_NOT_SEPARATE = (
    "PACKAGE_CONTENT_ORIGIN is %(value)r. E-learning packages run third-party script there, so "
    "production needs its own https:// origin, other than the platform's (%(platform)s): on "
    "the platform's origin their scripts could use the learner's session."
)
PACKAGE_CONTENT_ORIGIN_HINT = (
    "Set PACKAGE_CONTENT_ORIGIN to a host of its own, e.g. https://content.academy.example, "
    "routed to the same app."
)
VIDEO_ORIGIN_MALFORMED = (
    "VIDEO_EXTERNAL_ORIGINS holds %(value)r, which is not an origin: the policy would allow "
    "more or other than the players and files meant."
)
VIDEO_ORIGIN_MALFORMED_HINT = (
    "Give scheme, host and optional port only, comma-separated, e.g. "
    "https://www.youtube-nocookie.com,https://player.vimeo.com (a leading *. allows subdomains)."
)
VIDEO_ORIGIN_NOT_HTTPS = (
    "VIDEO_EXTERNAL_ORIGINS holds %(value)r: outside development, lessons may embed players and "
    "files from https:// origins only (a page served over HTTPS would not load them anyway)."
)
VIDEO_ORIGIN_NOT_HTTPS_HINT = "Use the https:// address of that origin."
# scheme://host[:port], the host a DNS name or IPv4 address whose leftmost label may be the CSP
# wildcard `*`; no path, query, fragment or user.
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_ORIGIN = re.compile(
    rf"(?P<scheme>https?)://(\*\.)?({_LABEL}\.)*{_LABEL}(:(?P<port>[0-9]{{1,5}}))?", re.IGNORECASE
)


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


@checks.register(checks.Tags.security, deploy=True)
def check_package_content_origin(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG:
        return []
    content = urlsplit(settings.PACKAGE_CONTENT_ORIGIN)
    platform = urlsplit(settings.PUBLIC_BASE_URL)
    if (
        content.scheme == "https"
        and content.hostname
        and content.hostname not in LOOPBACK_HOSTS
        and content.hostname != platform.hostname
    ):
        return []
    return [
        checks.Error(
            PACKAGE_CONTENT_ORIGIN_NOT_SEPARATE
            % {
                "value": settings.PACKAGE_CONTENT_ORIGIN,
                "platform": settings.PACKAGE_PLATFORM_ORIGIN,
            },
            hint=PACKAGE_CONTENT_ORIGIN_HINT,
            id="config.E005",
        )
    ]


def is_origin(value: str) -> bool:
    """True for `http(s)://host[:port]` and nothing more: one origin in a CSP source list."""
    match = _ORIGIN.fullmatch(value)
    return match is not None and 0 < int(match["port"] or 443) < 65536


@checks.register(checks.Tags.security)
def check_video_external_origins(**kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    for value in settings.VIDEO_EXTERNAL_ORIGINS:
        if not is_origin(value):
            errors.append(
                checks.Error(
                    VIDEO_ORIGIN_MALFORMED % {"value": value},
                    hint=VIDEO_ORIGIN_MALFORMED_HINT,
                    id="config.E003",
                )
            )
        elif not settings.DEBUG and not value.lower().startswith("https://"):
            errors.append(
                checks.Error(
                    VIDEO_ORIGIN_NOT_HTTPS % {"value": value},
                    hint=VIDEO_ORIGIN_NOT_HTTPS_HINT,
                    id="config.E004",
                )
            )
    return errors
