"""An enrollment and its lesson progress rows: locked, read in one query compiled once, compared."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.compiled import CompiledRows
from courses import api as courses_api
from enrollment import progress
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, LearningEvent, LessonProgress

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
_ENROLLMENT_NAMES = [field.attname for field in _ENROLLMENT_FIELDS]
_PROGRESS_NAMES = [field.attname for field in _PROGRESS_FIELDS]


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


def _joined(enrollments: QuerySet[Enrollment], **annotations: Any) -> QuerySet[Enrollment]:
    """The enrollment's columns, then its lesson progress rows' (a LEFT JOIN: one row per lesson
    with progress, or a single row without any), then `annotations`."""
    return enrollments.annotate(**annotations).values_list(
        *(field.attname for field in _ENROLLMENT_FIELDS),
        *(f"lessons__{field.name}" for field in _PROGRESS_FIELDS),
        *annotations,
    )


def _replay(event_id: uuid.UUID) -> dict[str, Subquery]:
    replay = LearningEvent.objects.filter(pk=event_id)
    return {
        "earlier_enrollment": Subquery(replay.values("enrollment_id")[:1]),
        "earlier_result": Subquery(replay.values("result")[:1]),
    }


# Sentinels only locate each parameter in the compiled SQL (config.compiled).
_ANY_ID = -7_340_033
_ANY_USER = -7_340_034
_ANY_EVENT = uuid.UUID("00000000-0000-4000-8000-00000073a4e1")
_OWN = CompiledRows(
    lambda enrollment_id, user_id: _joined(
        Enrollment.objects.filter(pk=enrollment_id, user_id=user_id)
    ),
    enrollment_id=_ANY_ID,
    user_id=_ANY_USER,
)
_LOCKED = CompiledRows(
    lambda enrollment_id: _joined(Enrollment.objects.filter(pk=enrollment_id)),
    enrollment_id=_ANY_ID,
)
_LOCKED_WITH_REPLAY = CompiledRows(
    lambda enrollment_id, event_id: _joined(
        Enrollment.objects.filter(pk=enrollment_id), **_replay(event_id)
    ),
    enrollment_id=_ANY_ID,
    event_id=_ANY_EVENT,
)


def read_with_lessons(
    *, enrollment_id: int, user_id: int | None = None, replay_of: uuid.UUID | None = None
) -> tuple[Enrollment, dict[str, LessonProgress], dict[str, Any]]:
    """The enrollment, its lesson progress by lesson key and, with `replay_of`, the enrollment
    and result of an event already recorded under that id (`earlier_enrollment`,
    `earlier_result`; None when there is none), in one query compiled once (config.compiled).

    With `user_id` only the user's own enrollment is read; without it the caller has checked
    the owner (`lock_enrollment`). Raises Enrollment.DoesNotExist when there is no such
    enrollment.
    """
    if user_id is not None:
        if replay_of is not None:
            raise ValueError("Replays are read under the enrollment's lock, owner checked.")
        rows = _OWN.rows(enrollment_id=enrollment_id, user_id=user_id)
    elif replay_of is not None:
        rows = _LOCKED_WITH_REPLAY.rows(enrollment_id=enrollment_id, event_id=replay_of)
    else:
        rows = _LOCKED.rows(enrollment_id=enrollment_id)
    if not rows:
        raise Enrollment.DoesNotExist("No such enrollment for this user.")
    split = len(_ENROLLMENT_FIELDS)
    end = split + len(_PROGRESS_FIELDS)
    enrollment = Enrollment.from_db(DEFAULT_DB_ALIAS, _ENROLLMENT_NAMES, rows[0][:split])
    lessons = {}
    for row in rows:
        if row[split] is None:  # the outer join's row for an enrollment without progress
            continue
        lesson = LessonProgress.from_db(DEFAULT_DB_ALIAS, _PROGRESS_NAMES, row[split:end])
        lessons[str(lesson.lesson_key)] = lesson
    annotations = ("earlier_enrollment", "earlier_result") if replay_of is not None else ()
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
