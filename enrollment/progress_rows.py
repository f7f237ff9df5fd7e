"""An enrollment and its lesson progress rows: locked, read in one query, compared."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import api as courses_api
from enrollment import progress
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, LessonProgress

__all__ = [
    "lesson_states",
    "lesson_to_study",
    "lock_enrollment",
    "progress_fields",
    "read_with_lessons",
]

Status = Enrollment.Status

LESSON_NOT_IN_COURSE = gettext_lazy("This lesson is not part of your version of the course.")

_ENROLLMENT_FIELDS = list(Enrollment._meta.concrete_fields)
_PROGRESS_FIELDS = list(LessonProgress._meta.concrete_fields)


def lock_enrollment(*, user: User, enrollment_id: int) -> None:
    """Take the row lock of the user's enrollment (inside the caller's transaction), so that
    changes to its progress apply one after the other. Raises Enrollment.DoesNotExist for
    unknown and foreign enrollments alike.

    The lock is a statement of its own: under READ COMMITTED a statement that waited for the
    lock still reads other tables as they were when it began, so the caller reads the lesson
    progress (`read_with_lessons`) after it.

    FOR NO KEY UPDATE, not FOR UPDATE: progress never changes the enrollment's key, and this
    lock lets other transactions insert rows that refer to the enrollment meanwhile (their
    foreign-key check takes FOR KEY SHARE). With FOR UPDATE, a lock-free event log INSERT of the
    same event id (`_log_reopening`) and a locked event waited for each other: a deadlock.
    """
    locked = Enrollment.objects.select_for_update(no_key=True).filter(pk=enrollment_id, user=user)
    if not list(locked.values_list("pk", flat=True)):  # a plain SELECT … FOR UPDATE
        raise Enrollment.DoesNotExist("No such enrollment for this user.")


def read_with_lessons(
    enrollments: QuerySet[Enrollment], **annotations: Any
) -> tuple[Enrollment, dict[str, LessonProgress], dict[str, Any]]:
    """The one enrollment of `enrollments`, its lesson progress by lesson key, and the values of
    `annotations`, in one query: a LEFT JOIN answering one row per lesson with progress, or a
    single row without any. Raises Enrollment.DoesNotExist when there is no such enrollment.
    """
    rows = list(
        enrollments.annotate(**annotations).values_list(
            *(field.attname for field in _ENROLLMENT_FIELDS),
            *(f"lessons__{field.name}" for field in _PROGRESS_FIELDS),
            *annotations,
        )
    )
    if not rows:
        raise Enrollment.DoesNotExist("No such enrollment for this user.")
    database = enrollments.db
    split = len(_ENROLLMENT_FIELDS)
    end = split + len(_PROGRESS_FIELDS)
    enrollment = Enrollment.from_db(
        database, [field.attname for field in _ENROLLMENT_FIELDS], rows[0][:split]
    )
    lessons = {}
    for row in rows:
        if row[split] is None:  # the outer join's row for an enrollment without progress
            continue
        lesson = LessonProgress.from_db(
            database, [field.attname for field in _PROGRESS_FIELDS], row[split:end]
        )
        lessons[str(lesson.lesson_key)] = lesson
    return enrollment, lessons, dict(zip(annotations, rows[0][end:], strict=True))


def lesson_states(lessons: dict[str, LessonProgress]) -> dict[str, progress.LessonState]:
    """The rows as the completion rule reads them."""
    return {
        key: progress.LessonState(
            opened_at=row.opened_at,
            completed_at=row.completed_at,
            attempts=row.attempts,
            best_score=row.best_score,
            last_score=row.last_score,
        )
        for key, row in lessons.items()
    }


def progress_fields(state: LessonProgress) -> tuple[Any, ...]:
    """What an event may change in a row: equal before and after, the row needs no write."""
    return (
        state.opened_at,
        state.attempt_started_at,
        state.completed_at,
        list(state.watched_segments),
        state.video_length_seconds,
        state.video_position_seconds,
        state.completed_by,
        state.attempts,
        state.best_score,
        state.last_score,
    )


def lesson_to_study(enrollment: Enrollment, lesson_key: uuid.UUID) -> tuple[Any, Any]:
    """The outline of the enrollment's version and its lesson `lesson_key`. Raises
    ValidationError when the enrollment is neither active nor completed, or the lesson is not
    in its version."""
    if enrollment.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError(NOT_ACTIVE, code="not_active")
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    if lesson is None:
        raise ValidationError({"lesson": [LESSON_NOT_IN_COURSE]})
    return outline, lesson
