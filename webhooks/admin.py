"""Django admin for webhooks: endpoints and their deliveries, read-only (organisations manage
them through the API). Secrets are not shown."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from webhooks.models import Delivery, Endpoint


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Endpoint)
class EndpointAdmin(_ReadOnly):
    list_display = ("url", "organization", "is_active", "consecutive_failures", "created_at")
    list_filter = ("is_active",)
    list_select_related = ("organization",)
    search_fields = ("url", "organization__name", "organization__slug")
    exclude = ("secret", "previous_secret")


@admin.register(Delivery)
class DeliveryAdmin(_ReadOnly):
    list_display = (
        "event_type",
        "endpoint",
        "state",
        "attempt_count",
        "last_response_status",
        "created_at",
    )
    list_filter = ("state", "event_type")
    list_select_related = ("endpoint",)
    search_fields = ("message_id", "endpoint__url")
    raw_id_fields = ("endpoint", "redelivery_of")
