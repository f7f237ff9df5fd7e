"""Who counts as a course's staff, and course titles for staff pages and e-mails (app-internal)."""

from typing import Any

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course

__all__ = ["STAFF_ROLES", "course_for_staff", "course_title"]

STAFF_ROLES = ("author", "reviewer", "approver", "admin")


def course_for_staff(*, user: User, course_slug: str) -> Any:
    """The course, with its published version, for a member of an owning institution in a staff
    role. Raises Course.DoesNotExist for unknown courses and for those the user does not staff
    alike (a 404 that reveals nothing)."""
    owned = accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    return (
        Course.objects.filter(institutions__in=owned)
        .distinct()
        .select_related("published_version")
        .get(slug=course_slug)
    )


def course_title(course: Any, language: str) -> str:
    """The published title in `language` (or the course's primary language); the slug when the
    course has no published version."""
    version = course.published_version
    if version is None:
        return str(course.slug)
    texts = courses_api.pick(version.translations, language, version.primary_language)
    return str(texts.get("title", course.slug))
