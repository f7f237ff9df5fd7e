"""Security headers Django does not set itself: Content-Security-Policy and Permissions-Policy.

The policy comes from CONTENT_SECURITY_POLICY in settings (directive -> sources). Paths in
CSP_INLINE_STYLE_PATHS (the Django admin and the API docs, whose templates carry inline styles)
also allow inline styles; scripts stay 'self' everywhere.
"""

from collections.abc import Callable, Mapping, Sequence

from django.conf import settings
from django.http import HttpRequest, HttpResponse

__all__ = ["SecurityHeadersMiddleware", "serialize_policy"]


def serialize_policy(directives: Mapping[str, Sequence[str]]) -> str:
    """`{"default-src": ["'self'"], "upgrade-insecure-requests": []}` as a header value."""
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (or its report-only form) and Permissions-Policy to every
    response that has not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        directives: dict[str, list[str]] = {
            name: list(sources) for name, sources in settings.CONTENT_SECURITY_POLICY.items()
        }
        self.policy = serialize_policy(directives)
        inline_styles = {**directives, "style-src": [*directives["style-src"], "'unsafe-inline'"]}
        self.inline_styles_policy = serialize_policy(inline_styles)
        self.inline_style_paths = tuple(settings.CSP_INLINE_STYLE_PATHS)
        self.header = (
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        )
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = (
            self.inline_styles_policy
            if request.path.startswith(self.inline_style_paths)
            else self.policy
        )
        response.headers.setdefault(self.header, policy)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
