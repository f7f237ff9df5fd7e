"""Learning records as xAPI statements: made for each learning event, and read for export."""

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course
from enrollment import xapi
from enrollment.models import Enrollment, LearningEvent

__all__ = ["NOT_STAFF", "list_course_statements", "list_statements", "log_event", "statement"]

NOT_STAFF = gettext_lazy("Only members of an institution that owns this course may do this.")


def statement(
    enrollment: Enrollment,
    outline: courses_api.Outline | courses_api.CourseHeading,
    statement_id: str,
    verb: str,
    timestamp: datetime,
    language: str,
    *,
    lesson: Any = None,
    **result: Any,
) -> dict[str, Any]:
    """The xAPI statement of an event about `enrollment` (and `lesson`, when given), named in
    the served language of `language`; `result` takes xapi.build_statement's result fields."""
    base = settings.PUBLIC_BASE_URL
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )
    course_url = f"{base}/courses/{outline.slug}"
    title = str(
        courses_api.pick(outline.translations, served, outline.primary_language).get(
            "title", outline.slug
        )
    )
    extra: dict[str, Any] = {}
    if lesson is not None:
        extra = {
            "lesson_url": f"{course_url}/lessons/{lesson.key}",
            "lesson_kind": {"quiz": "quiz", "video": "video"}.get(lesson.kind, "lesson"),
            "lesson_name": str(
                courses_api.pick(lesson.translations, served, outline.primary_language).get(
                    "title", ""
                )
            ),
        }
    return xapi.build_statement(
        statement_id=statement_id,
        verb=verb,
        home_page=base,
        account_name=str(enrollment.user_id),
        course_url=course_url,
        course_name=title,
        registration=str(enrollment.registration),
        language=served,
        timestamp=timestamp,
        **extra,
        **result,
    )


def log_event(
    enrollment: Enrollment,
    kind: str,
    *,
    verb: str,
    payload: dict[str, Any],
    course: courses_api.CourseHeading | None = None,
) -> None:
    """Keep an event about the enrollment itself (enrolled, left, completed on prior learning)
    as a learning record, stated in the course's primary language. `course` is the heading of
    the enrollment's version when the caller has it; else its outline is read (built, on a
    version nobody studied since the process started)."""
    outline = course or courses_api.get_outline(version_id=enrollment.version_id)
    event_id = str(uuid.uuid4())
    LearningEvent.objects.create(
        id=event_id,
        enrollment=enrollment,
        kind=kind,
        payload=payload,
        result={},
        statement=statement(
            enrollment, outline, event_id, verb, timezone.now(), outline.primary_language
        ),
    )


def list_statements(
    *, user: User, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[LearningEvent]:
    """The user's own learning records, oldest first, optionally within [since, until); only
    the statement and its time are loaded."""
    return _window(LearningEvent.objects.filter(enrollment__user=user), since, until)


def list_course_statements(
    *, user: User, course_slug: str, since: datetime | None = None, until: datetime | None = None
) -> QuerySet[LearningEvent]:
    """Learning records of a course, for members of an institution that owns it (loaded as
    `list_statements` loads them).

    Raises PermissionDenied for anyone else (the catalog is public, so the course's existence
    is no secret).
    """
    course = Course.objects.filter(slug=course_slug).first()
    owners = set(course.institutions.values_list("id", flat=True)) if course else set()
    if not owners & accounts_api.organization_ids_for_user(
        user=user, roles=accounts_api.STAFF_ROLES
    ):
        raise PermissionDenied(NOT_STAFF)
    return _window(LearningEvent.objects.filter(enrollment__course=course), since, until)


def _window(
    events: QuerySet[LearningEvent], since: datetime | None, until: datetime | None
) -> QuerySet[LearningEvent]:
    if since is not None:
        events = events.filter(created_at__gte=since)
    if until is not None:
        events = events.filter(created_at__lt=until)
    # Strict and stable: events stored at the same instant keep the order they were stored in.
    return events.order_by("created_at", "sequence").only("statement", "created_at")
