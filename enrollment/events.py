"""Learning events: recorded server-side, idempotent by their client-made id, each kept as an
xAPI statement, with the completion decided the instant the rule is met."""

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import api as courses_api
from enrollment import progress
from enrollment.completion import complete_if_rule_met
from enrollment.errors import WRONG_LESSON_KIND
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from enrollment.progress_rows import (
    lesson_states,
    lesson_to_study,
    lock_enrollment,
    progress_fields,
    read_with_lessons,
)
from enrollment.quizzes import grade_attempt
from enrollment.statements import statement
from enrollment.watching import apply_transcript_read, apply_video_progress

__all__ = ["record_event"]

Status = Enrollment.Status
Kind = LearningEvent.Kind

EVENT_ID_TAKEN = gettext_lazy("This event id was already used for another enrolment.")


def record_event(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str = "en",
) -> dict[str, Any]:
    """Record a learning event and answer with its result and the new progress.

    Idempotent: replaying an event id returns the stored result and changes nothing. An event
    that changes progress takes a row lock on the enrollment, so simultaneous events apply one
    after the other and the completion is decided once; `enrollment_completed` is sent after
    commit, exactly once per enrollment. Re-opening the lesson the learner is on (every page
    view sends it) changes nothing but the log, and is only logged, without lock or
    transaction. Timestamps are the server's. Raises Enrollment.DoesNotExist (unknown or
    foreign) and ValidationError (inactive enrollment, lesson outside the version, wrong event
    for the lesson kind, malformed answers or segments, no attempts left, time limit passed).
    """
    arguments: dict[str, Any] = {
        "user": user,
        "enrollment_id": enrollment_id,
        "event_id": event_id,
        "kind": kind,
        "lesson_key": lesson_key,
        "payload": payload,
        "language": language,
    }
    if kind == Kind.LESSON_OPENED:
        logged = _log_reopening(**arguments)
        if logged is not None:
            return logged
    try:
        return _record_event_locked(**arguments)
    except IntegrityError:
        # The same id was logged meanwhile by the lock-free path (after this one read the
        # replays under the lock; its savepoint is rolled back): once more, the locked path
        # answers it as a replay.
        return _record_event_locked(**arguments)


def _log_reopening(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str,
) -> dict[str, Any] | None:
    """Log a `lesson_opened` that changes nothing (the lesson is open already and is the
    learner's last one, and no completion is due) with one read and one INSERT; None when the
    event may change something, or is not valid, for the locked path to decide.

    Without the lock a concurrent event may change the state after the read; this event still
    changes nothing that event does not, so the outcome is that of some serial order.
    """
    # No replay check here: the INSERT of a replayed id fails, and the locked path answers it.
    enrollment, lessons, _none = read_with_lessons(enrollment_id=enrollment_id, user_id=user.pk)
    if enrollment.status not in (
        Status.ACTIVE,
        Status.COMPLETED,
    ):
        return None
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    lesson = outline.lessons.get(str(lesson_key))
    state = lessons.get(lesson.key) if lesson is not None else None
    if (
        lesson is None
        or state is None
        or state.opened_at is None
        or enrollment.last_lesson_key != uuid.UUID(lesson.key)
    ):
        return None
    evaluation = progress.evaluate(
        outline,
        lesson_states(lessons),
        language=language,
        is_completed=enrollment.status == Status.COMPLETED,
    )
    if evaluation["rule_met"] and enrollment.status == Status.ACTIVE:
        return None  # a completion is due: decided under the lock
    now = timezone.now()
    result: dict[str, Any] = {
        "id": str(event_id),
        "kind": kind,
        "lesson": lesson.key,
        "recorded_at": now.isoformat(),
        "progress": {
            "percent": evaluation["percent"],
            "is_complete": evaluation["is_complete"],
            "grade": evaluation["grade"],
            "status": enrollment.status,
        },
    }
    event = LearningEvent(
        id=event_id,
        enrollment=enrollment,
        kind=kind,
        lesson_key=lesson.key,
        payload=payload,
        result=result,
        statement=statement(
            enrollment, outline, str(event_id), "experienced", now, language, lesson=lesson
        ),
    )
    try:
        if transaction.get_connection().in_atomic_block:
            with transaction.atomic():  # a savepoint, so a duplicate id spares the caller's work
                event.save(force_insert=True)
        else:
            event.save(force_insert=True)  # autocommit: the INSERT is the only write
    except IntegrityError:  # the same id recorded meanwhile: the locked path answers the replay
        return None
    return result


@transaction.atomic
def _record_event_locked(
    *,
    user: User,
    enrollment_id: int,
    event_id: uuid.UUID,
    kind: str,
    lesson_key: uuid.UUID,
    payload: dict[str, Any],
    language: str,
) -> dict[str, Any]:
    # The lesson progress and the replay check are read after the lock, in one statement. A
    # repeated event costs BEGIN, the lock, that read, the event's INSERT and COMMIT.
    lock_enrollment(user=user, enrollment_id=enrollment_id)
    enrollment, lessons, earlier = _read_with_replay(enrollment_id, event_id)
    if earlier["earlier_enrollment"] is not None:
        if earlier["earlier_enrollment"] != enrollment.pk:
            raise ValidationError({"id": [EVENT_ID_TAKEN]})
        return dict(earlier["earlier_result"])
    outline, lesson = lesson_to_study(enrollment, lesson_key)
    now = timezone.now()
    state = lessons.get(lesson.key) or LessonProgress(enrollment=enrollment, lesson_key=lesson.key)
    lessons[lesson.key] = state
    before = progress_fields(state)
    result: dict[str, Any] = {
        "id": str(event_id),
        "kind": kind,
        "lesson": lesson.key,
        "recorded_at": now.isoformat(),
    }
    statement_extra: dict[str, Any] = {}
    if state.opened_at is None:
        state.opened_at = now
    if kind == Kind.LESSON_OPENED:
        verb = "experienced"
    elif kind == Kind.LESSON_COMPLETED:
        if lesson.kind not in ("text", "resource"):
            raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})
        state.completed_at = state.completed_at or now
        verb = "completed"
        statement_extra["completion"] = True
    elif kind == Kind.VIDEO_PROGRESS:
        verb = "progressed"
        result.update(apply_video_progress(lesson, state, payload, now, kind, outline))
        statement_extra["progress"] = result["watched_percent"]
        statement_extra["completion"] = result["is_watched"]
        statement_extra["completed_by"] = result["completed_by"]
    elif kind == Kind.TRANSCRIPT_READ:
        result.update(apply_transcript_read(lesson, state, now, kind))
        verb = "completed"
        statement_extra.update(completion=True, completed_by=result["completed_by"])
    elif kind == Kind.QUIZ_SUBMITTED:
        attempt = grade_attempt(lesson, state, payload, now, outline, language, kind)
        result.update(attempt)
        verb = "passed" if attempt["passed"] else "failed"
        statement_extra.update(score=Decimal(attempt["score"]), success=attempt["passed"])
    else:
        raise ValidationError({"kind": [WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind}]})
    # Reopening a lesson changes nothing: skip both writes (two of a repeat's round trips).
    if progress_fields(state) != before:
        state.save()
    if enrollment.last_lesson_key != uuid.UUID(lesson.key):
        enrollment.last_lesson_key = uuid.UUID(lesson.key)
        enrollment.save(update_fields=["last_lesson_key"])

    def log_this_event(summary: dict[str, Any]) -> None:
        result["progress"] = summary
        LearningEvent.objects.create(
            id=event_id,
            enrollment=enrollment,
            kind=kind,
            lesson_key=lesson.key,
            payload=payload,
            result=result,
            statement=statement(
                enrollment,
                outline,
                str(event_id),
                verb,
                now,
                language,
                lesson=lesson,
                **statement_extra,
            ),
        )

    # This event is stored before the completion it causes (its time and sequence first).
    complete_if_rule_met(
        enrollment, outline, lesson_states(lessons), language, log_cause=log_this_event
    )
    return result


def _read_with_replay(
    enrollment_id: int, event_id: uuid.UUID
) -> tuple[Enrollment, dict[str, LessonProgress], dict[str, Any]]:
    """`read_with_lessons` of the locked enrollment, with the enrollment and result of an event
    already recorded under `event_id` (`earlier_enrollment`, `earlier_result`; None when there
    is none)."""
    return read_with_lessons(enrollment_id=enrollment_id, replay_of=event_id)
