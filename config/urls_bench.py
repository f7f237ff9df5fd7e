"""Benchmark URLs: the production URLs plus a bare DRF view, the baseline every figure is
divided by. Only config.settings_bench routes here; production never serves it."""

from django.urls import path
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.urls import handler404, handler500
from config.urls import urlpatterns as production_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


class BaselineView(APIView):
    """A constant through DRF's full request cycle (authentication, throttles, JSON renderer)."""

    permission_classes = (permissions.AllowAny,)

    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


# Before the production patterns: their last one hands every other path to the SPA.
urlpatterns = [path("bench/baseline", BaselineView.as_view()), *production_urlpatterns]
