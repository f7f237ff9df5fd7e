"""Django admin for LRS clients: see and withdraw credentials (they are made by the command)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lrs.models import Client


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "key", "is_active", "expires_at", "created_at")
    list_filter = ("is_active",)
    search_fields = ("name", "key", "organization__name")
    fields = ("name", "organization", "key", "is_active", "expires_at", "scope", "created_at")
    readonly_fields = ("organization", "key", "expires_at", "scope", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A secret is shown once, by `manage.py xapi_credentials`; the admin never sees one.
        return False
