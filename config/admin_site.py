"""The Django admin's site, with the API login's throttle and audit log on its sign-in form."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.throttling import ScopedWindowThrottle

TOO_MANY_ATTEMPTS = gettext_lazy("Too many sign-in attempts. Try again in %(seconds)d seconds.")


class _LoginRate(APIView):
    """Stands for the admin's sign-in form where the throttle expects a view: its rate scope."""

    throttle_scope = "login"


class AcademyAdminSite(admin.AdminSite):
    site_header = "ICIM Academy"

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """Sign-in attempts count against the same `login` rate as `POST /api/v1/auth/login`
        (one budget per client, whichever door it knocks on), and each attempt is audited."""
        if request.method != "POST":
            return super().login(request, extra_context)
        throttle = ScopedWindowThrottle()
        # No authenticators: an admin sign-in is anonymous, so the client is counted by address.
        if not throttle.allow_request(Request(request, authenticators=()), _LoginRate()):
            seconds = max(int(throttle.wait() or 0), 1)
            response = HttpResponse(
                TOO_MANY_ATTEMPTS % {"seconds": seconds},
                status=429,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = str(seconds)
            return response
        was_signed_in = request.user.is_authenticated
        response = super().login(request, extra_context)
        if not was_signed_in:
            self._audit(request)
        return response

    @staticmethod
    def _audit(request: HttpRequest) -> None:
        ip_address = accounts_api.client_ip_address(request=request)
        if request.user.is_authenticated:
            accounts_api.record_audit_event(
                action=accounts_api.AuditAction.LOGIN,
                actor=request.user,
                target_type="user",
                target_id=str(request.user.pk),
                ip_address=ip_address,
                details={"via": "admin"},
            )
        else:
            accounts_api.record_failed_login(
                email=str(request.POST.get("username", "")), ip_address=ip_address, via="admin"
            )
