"""Django admin for users, organisations, memberships and tokens."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, AuditEvent, Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organization", "user")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = (
        "email",
        "full_name",
        "native_name",
        "country",
        "preferred_language",
        "is_staff",
    )
    list_filter = ("is_staff", "is_active", "preferred_language", "email_confirmed_at")
    search_fields = ("email", "full_name", "native_name")
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("full_name", "native_name", "preferred_language", "country")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "email_confirmed_at")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # Staff typed the address in: an account they add can sign in without a confirmation.
        if not change and obj.email_confirmed_at is None:
            obj.email_confirmed_at = timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "country", "website")
    list_filter = ("kind", "country")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "prefix",
        "user",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    search_fields = ("user__email", "name", "prefix")
    readonly_fields = ("prefix", "digest", "created_at", "last_used_at")
    raw_id_fields = ("user",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log, read-only: rows are added by the api functions and never changed."""

    list_display = ("created_at", "action", "actor_email", "target_type", "target_id", "ip_address")
    list_filter = ("action", "target_type")
    search_fields = ("actor_email", "target_id", "ip_address")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_select_related = ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
