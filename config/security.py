"""Security headers Django does not set itself: Content-Security-Policy (django-csp) and
Permissions-Policy.

django-csp builds the policy from CONTENT_SECURITY_POLICY (or CONTENT_SECURITY_POLICY_REPORT_ONLY)
in settings and leaves alone a response that set its own (the download view's sandbox). Paths in
CSP_INLINE_STYLE_PATHS (the Django admin and the API docs, whose templates carry inline styles)
also allow inline styles; scripts stay 'self' everywhere.
"""

from collections.abc import Callable

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

__all__ = ["ContentSecurityPolicyMiddleware", "PermissionsPolicyMiddleware"]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with inline styles allowed below CSP_INLINE_STYLE_PATHS (a
    view's own `csp_update` takes precedence there)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # path_info, not path: the prefixes name the app's own paths, whatever SCRIPT_NAME it
        # is served under.
        if parts.update is None and request.path_info.startswith(
            tuple(settings.CSP_INLINE_STYLE_PATHS)
        ):
            parts.update = {"style-src": [UNSAFE_INLINE]}
        return parts


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY to every response that has not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
