"""Django admin for the LTI tool: which organisation registered each LMS, LMS accounts and
grade links and Dynamic Registration links (read-only; registrations are made by
`lti_register_platform` or Dynamic Registration, django-lti's own admin shows their URLs and
deployments)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from lti.models import GradeLink, LtiAccount, PlatformRegistration, RegistrationLink


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlatformRegistration)
class PlatformRegistrationAdmin(_ReadOnly):
    list_display = ("registration", "organization", "created_at", "storage_offered_at")
    list_select_related = ("registration", "organization")
    search_fields = ("registration__issuer", "registration__client_id", "organization__name")


@admin.register(LtiAccount)
class LtiAccountAdmin(_ReadOnly):
    list_display = ("subject", "issuer", "user", "created_at")
    list_select_related = ("user",)
    search_fields = ("subject", "issuer", "user__email")


@admin.register(GradeLink)
class GradeLinkAdmin(_ReadOnly):
    list_display = (
        "user",
        "course",
        "lesson_key",
        "lineitem_url",
        "last_score",
        "last_activity_progress",
        "last_sent_at",
    )
    list_select_related = ("user", "course")
    search_fields = ("user__email", "lineitem_url")


@admin.register(RegistrationLink)
class RegistrationLinkAdmin(_ReadOnly):
    list_display = ("organization", "created_by", "created_at", "expires_at", "used_at")
    list_select_related = ("organization", "created_by")
    exclude = ("secret_digest",)
