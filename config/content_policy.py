"""The Content-Security-Policy's directives, built from settings' values.

settings.py reads the environment and calls `csp_directives`; nothing here touches Django's
settings, so the policy is the same whoever builds it. config/security.py serves it.
"""

__all__ = ["csp_directives"]


def csp_directives(
    *, debug: bool, media_origins: list[str], video_external_origins: list[str]
) -> dict[str, list[str] | bool]:
    """The policy of every response (django-csp's DIRECTIVES).

    The SPA is a Vite build: its own scripts and stylesheet only (React sets styles through the
    DOM, which CSP allows), images and downloads from this origin (data: for SVG icons, blob: for
    files the browser builds), videos from wherever authors host them (https:) and captions the
    player builds in the browser (blob:). `media_origins` (CSP_MEDIA_ORIGINS) adds origins for
    images and media (a CDN, object storage); `video_external_origins` (VIDEO_EXTERNAL_ORIGINS)
    the players and files of external video lessons (YouTube- or Vimeo-like embeds, an MP4 on
    another host), which only frames and media may load from (config.checks validates them).
    """
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
        "frame-src": ["blob:", *video_external_origins],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": not debug,
    }
