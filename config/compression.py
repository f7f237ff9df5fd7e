"""Gzip for the answers that carry no secret: the API's reads, and static files in development.

Compressing an answer that holds a secret (a CSRF token, a bearer token) next to text an
attacker can choose lets the compressed length leak the secret (BREACH). So only these are
compressed:

- JSON answers (and the OpenAPI schema) to GET and HEAD that set no cookie. The API's reads
  carry no secret: the CSRF token travels in a cookie (the one JSON answer that repeats it,
  `GET /api/v1/auth/csrf`, also sets the cookie, so it is left alone), and a bearer token is
  shown once, in the answer to the POST that creates it. The session and CSRF cookies are
  SameSite=Lax, so another site cannot make a signed-in browser repeat authenticated reads
  anyway; Django's GZipMiddleware also pads each answer with random bytes (Heal The Breach).
- Static files served without an encoding: in development WhiteNoise serves the SPA from
  frontend/dist through the finders, uncompressed; in production it serves the compressed copies
  that `collectstatic` made (they carry Content-Encoding and pass through untouched).

HTML pages (the admin's forms hold CSRF tokens) and every answer to an unsafe method are sent
as they are.
"""

from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSED_API_TYPES = (
    "application/json",
    "application/ld+json",
    "application/vnd.oai.openapi",  # the schema, /api/schema/ (300 KB)
    "application/vnd.oai.openapi+json",
)
COMPRESSED_STATIC_TYPES = (
    "text/javascript",
    "application/javascript",
    "text/css",
    "image/svg+xml",
    "application/json",
)


def _media_type(response: HttpResponseBase) -> str:
    return response.get("Content-Type", "").split(";", 1)[0].strip().lower()


def is_compressible(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the answer carries no secret and is worth compressing (see the module)."""
    if request.method not in ("GET", "HEAD") or response.has_header("Content-Encoding"):
        return False
    media_type = _media_type(response)
    if request.path.startswith(settings.STATIC_URL):
        return media_type in COMPRESSED_STATIC_TYPES
    return media_type in COMPRESSED_API_TYPES and not response.cookies


class SecretFreeGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for the answers `is_compressible` accepts only."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not is_compressible(request, response):
            return response
        return super().process_response(request, response)
