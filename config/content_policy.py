"""The Content-Security-Policy's directives, built from settings' values.

settings.py reads the environment and calls `csp_directives`; nothing here touches Django's
settings, so the policy is the same whoever builds it. config/security.py serves it.
"""

from urllib.parse import urlsplit

__all__ = ["content_origin_policy", "csp_directives", "swapped_loopback_origin"]


def csp_directives(
    *,
    debug: bool,
    media_origins: list[str],
    video_external_origins: list[str],
    package_content_origin: str = "",
) -> dict[str, list[str] | bool]:
    """The policy of every response (django-csp's DIRECTIVES).

    The SPA is a Vite build: its own scripts and stylesheet only (React sets styles through the
    DOM, which CSP allows), images and downloads from this origin (data: for SVG icons, blob: for
    files the browser builds), videos from wherever authors host them (https:) and captions the
    player builds in the browser (blob:). `media_origins` (CSP_MEDIA_ORIGINS) adds origins for
    images and media (a CDN, object storage); `video_external_origins` (VIDEO_EXTERNAL_ORIGINS)
    the players and files of external video lessons (YouTube- or Vimeo-like embeds, an MP4 on
    another host), which only frames and media may load from (config.checks validates them).
    `package_content_origin` (PACKAGE_CONTENT_ORIGIN) serves e-learning packages, which the
    SPA frames.
    """
    packages = [package_content_origin] if package_content_origin else []
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *media_origins],
        "font-src": ["'self'"],
        "media-src": ["'self'", "blob:", "https:", *media_origins, *video_external_origins],
        # The player fetches HLS segments itself: with S3_SIGNED_URL_SECONDS, from the bucket.
        "connect-src": ["'self'", *media_origins],
        "object-src": ["'none'"],
        # The studio's certificate preview (a PDF the page fetched, shown from a blob: URL) and
        # the players of external video lessons.
        "frame-src": ["blob:", *video_external_origins, *packages],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": not debug,
    }


def swapped_loopback_origin(origin: str) -> str:
    """The development content origin: `origin` with 127.0.0.1 and localhost swapped (same
    scheme and port), a second origin on the same machine; `origin` itself for any other host
    (production sets PACKAGE_CONTENT_ORIGIN, config.checks insists)."""
    parts = urlsplit(origin)
    swaps = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}
    host = parts.hostname or ""
    if host not in swaps:
        return origin
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{swaps[host]}{port}"


def content_origin_policy(*, platform_origin: str) -> str:
    """The policy of every response on the content origin: packages' own scripts (authoring
    tools need inline script and eval; isolation comes from the origin, not from this policy),
    the platform's origin to reach (cmi5's LRS) and to be framed by, and nothing else."""
    return "; ".join(
        (
            "default-src 'self' data: blob:",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline' data: blob:",
            f"connect-src 'self' {platform_origin}",
            f"frame-ancestors {platform_origin} 'self'",
            "form-action 'self'",
            "base-uri 'self'",
            "object-src 'none'",
        )
    )
