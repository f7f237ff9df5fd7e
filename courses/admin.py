"""Django admin for the catalog: competencies, courses, versions (read-only once published)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from courses import api as courses_api
from courses import catalog_cache
from courses.models import Competency, Course, CourseVersion, Transition


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("code", "parent", "position")
    search_fields = ("code",)

    def save_model(self, request: HttpRequest, obj: Competency, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Competency names in every language are part of the catalog's search texts.
        courses_api.write_search_texts()
        catalog_cache.invalidate()


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    can_delete = False
    readonly_fields = ("action", "from_state", "to_state", "actor", "comment", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CourseVersion)
class CourseVersionAdmin(admin.ModelAdmin):
    list_display = ("course", "number", "state", "code", "primary_language", "published_at")
    list_filter = ("state", "level", "primary_language")
    search_fields = ("course__slug", "code")
    inlines = (TransitionInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Content and state change through the authoring API and its workflow, which keep the
        # audit trail and the immutability of published versions.
        return [field.name for field in CourseVersion._meta.fields] + [
            "competencies",
            "prerequisites",
        ]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("slug", "published_version", "created_at")
    search_fields = ("slug",)
    filter_horizontal = ("institutions",)
    readonly_fields = ("published_version", "created_by")
