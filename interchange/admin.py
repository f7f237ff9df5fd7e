"""Imports in the Django admin, read-only: what was uploaded, by whom, and how it went."""

from django.contrib import admin
from django.http import HttpRequest

from interchange.models import CourseImport


@admin.register(CourseImport)
class CourseImportAdmin(admin.ModelAdmin):
    list_display = ("filename", "organization", "created_by", "state", "stage", "created_at")
    list_filter = ("state", "format")
    search_fields = ("filename", "organization__slug")
    readonly_fields = tuple(field.name for field in CourseImport._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
