"""The content origin (PACKAGE_CONTENT_ORIGIN): requests for its host get only the content
routes (config/urls_content.py) and a policy of their own; the platform's routes 404 there.

Same Django process, another origin: the platform's cookies are host-only, so package scripts
never see the session, and the browser's same-origin policy keeps them out of the platform's
pages and API. The platform's host, in turn, has no content routes.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from config.content_policy import content_origin_policy

__all__ = ["ContentOriginMiddleware", "is_content_request"]

CONTENT_URLCONF = "config.urls_content"


def is_content_request(request: HttpRequest) -> bool:
    """Whether the request was made to the content origin's host (and port)."""
    content = urlsplit(settings.PACKAGE_CONTENT_ORIGIN).netloc.lower()
    return bool(content) and request.get_host().lower() == content


class ContentOriginMiddleware:
    """Route the content origin's requests to its own URLs and give every answer there the
    content policy: framed by the platform only, no plugins, forms and base to itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_content_request(request):
            return self.get_response(request)
        request.urlconf = CONTENT_URLCONF
        response = self.get_response(request)
        # Replaces the SPA's policy (set by an inner middleware) and its X-Frame-Options DENY:
        # frame-ancestors says who may frame content.
        response["Content-Security-Policy"] = content_origin_policy(
            platform_origin=settings.PACKAGE_PLATFORM_ORIGIN
        )
        if "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        return response
