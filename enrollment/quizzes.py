"""Quiz attempts: starting one under the enrollment's lock, timed by the server's clock, and
grading the answers handed in for it."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import api as courses_api
from enrollment import attempts, grading
from enrollment.errors import WRONG_LESSON_KIND
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from enrollment.progress_rows import (
    lesson_to_study,
    lock_enrollment,
    progress_fields,
    read_with_lessons,
)
from enrollment.statements import statement

__all__ = ["grade_attempt", "quiz_of", "start_quiz_attempt"]

Status = Enrollment.Status
Kind = LearningEvent.Kind

NO_ATTEMPTS_LEFT = gettext_lazy("No attempts left: this quiz allows %(count)d.")
TIME_LIMIT_PASSED = gettext_lazy("The time limit of %(minutes)d minutes for this quiz has passed.")
ATTEMPT_NOT_STARTED = gettext_lazy("Start an attempt at this quiz before handing in answers.")


def grade_attempt(
    lesson: Any,
    state: LessonProgress,
    payload: dict[str, Any],
    now: datetime,
    outline: Any,
    language: str,
    kind: str,
) -> dict[str, Any]:
    """Grade the answers in `payload` for the attempt running at the lesson's quiz and count it
    in `state` (the caller saves it): the fields a `quiz_submitted` event answers with. Raises
    ValidationError when no attempt was started (or none is left), the time limit has passed,
    or the answers are malformed."""
    quiz = quiz_of(lesson, kind)
    if state.attempt_started_at is None:
        if quiz.attempts_allowed is not None and state.attempts >= quiz.attempts_allowed:
            raise ValidationError(
                NO_ATTEMPTS_LEFT % {"count": quiz.attempts_allowed}, code="no_attempts_left"
            )
        raise ValidationError(ATTEMPT_NOT_STARTED, code="attempt_not_started")
    if attempts.is_attempt_over(
        started_at=state.attempt_started_at, time_limit_minutes=quiz.time_limit_minutes, now=now
    ):
        # Refused, and the attempt is counted as used (score 0) when the next one starts.
        raise ValidationError(
            TIME_LIMIT_PASSED % {"minutes": quiz.time_limit_minutes}, code="time_limit_passed"
        )
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )
    graded = grading.grade_quiz(
        quiz,
        payload.get("answers"),
        language=served,
        primary_language=outline.primary_language,
        reveal=True,
    )
    state.attempts += 1
    state.attempt_started_at = None
    state.last_score = graded.score
    state.best_score = max(graded.score, state.best_score or Decimal(0))
    reveal = attempts.may_reveal_answers(
        policy=quiz.reveal_answers,
        passed=graded.passed,
        attempts_used=state.attempts,
        attempts_allowed=quiz.attempts_allowed,
    )
    feedback = (
        graded.feedback
        if reveal
        else [
            {
                name: value
                for name, value in item.items()
                if name not in {"correct_answer", "explanation"}
            }
            for item in graded.feedback
        ]
    )
    return {
        "attempt": state.attempts,
        "attempts_left": _attempts_left(quiz, state),
        "score": str(graded.score),
        "points": str(graded.points),
        "max_points": str(graded.max_points),
        "passed": graded.passed,
        "answers_revealed": reveal,
        "feedback": feedback,
    }


def quiz_of(lesson: Any, kind: str) -> Any:
    """The lesson's quiz; ValidationError for a lesson without one."""
    if lesson.quiz is None:
        raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})
    return lesson.quiz


def _attempts_left(quiz: Any, state: LessonProgress) -> int | None:
    if quiz.attempts_allowed is None:
        return None
    return max(0, quiz.attempts_allowed - state.attempts)


def _close_attempt_if_over(quiz: Any, state: LessonProgress, now: datetime) -> None:
    """An attempt left past its time limit counts as used, with a score of 0: otherwise leaving
    a timed quiz unsubmitted and starting again would be a way round the limit."""
    if state.attempt_started_at is None or not attempts.is_attempt_over(
        started_at=state.attempt_started_at, time_limit_minutes=quiz.time_limit_minutes, now=now
    ):
        return
    state.attempts += 1
    state.attempt_started_at = None
    state.last_score = Decimal(0)
    state.best_score = state.best_score or Decimal(0)


def start_quiz_attempt(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str = "en"
) -> dict[str, Any]:
    """Start an attempt at a quiz lesson, or answer the attempt already running.

    The server's clock times every attempt from here: answers are accepted only for a started
    attempt, and a timed one not handed in by its deadline (plus a minute's grace) counts as used
    with a score of 0. Takes the enrollment's row lock, like `record_event`. Raises
    Enrollment.DoesNotExist (unknown or foreign) and ValidationError (inactive enrollment, lesson
    outside the version or not a quiz, no attempts left).
    """
    attempt = _start_quiz_attempt_locked(
        user=user, enrollment_id=enrollment_id, lesson_key=lesson_key, language=language
    )
    if "attempts_allowed_used" in attempt:
        # Raised after the commit: an attempt that ran out is still recorded as used.
        raise ValidationError(
            NO_ATTEMPTS_LEFT % {"count": attempt["attempts_allowed_used"]}, code="no_attempts_left"
        )
    return attempt


@transaction.atomic
def _start_quiz_attempt_locked(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str
) -> dict[str, Any]:
    lock_enrollment(user=user, enrollment_id=enrollment_id)
    enrollment, lessons, _values = read_with_lessons(enrollment_id=enrollment_id)
    outline, lesson = lesson_to_study(enrollment, lesson_key)
    quiz = quiz_of(lesson, Kind.QUIZ_STARTED)
    now = timezone.now()
    state = lessons.get(lesson.key) or LessonProgress(enrollment=enrollment, lesson_key=lesson.key)
    state.opened_at = state.opened_at or now
    before = progress_fields(state)
    _close_attempt_if_over(quiz, state, now)
    is_new = state.attempt_started_at is None
    if state.attempt_started_at is None:
        if quiz.attempts_allowed is not None and state.attempts >= quiz.attempts_allowed:
            if progress_fields(state) != before:
                state.save()  # the attempt that ran out is recorded as used
            return {"attempts_allowed_used": quiz.attempts_allowed}
        state.attempt_started_at = now
    if progress_fields(state) != before:
        state.save()
    started_at = state.attempt_started_at
    ends_at = attempts.attempt_deadline(
        started_at=started_at, time_limit_minutes=quiz.time_limit_minutes
    )
    left = _attempts_left(quiz, state)
    result = {
        "attempt": state.attempts + 1,
        "attempts_left": None if left is None else max(0, left - 1),
        "started_at": started_at,
        "ends_at": ends_at,
        "seconds_left": None if ends_at is None else max(0, int((ends_at - now).total_seconds())),
        "is_new": is_new,
    }
    if is_new:
        event_id = uuid.uuid4()
        LearningEvent.objects.create(
            id=event_id,
            enrollment=enrollment,
            kind=Kind.QUIZ_STARTED,
            lesson_key=lesson.key,
            payload={},
            result={**result, "started_at": started_at.isoformat(), "ends_at": _iso(ends_at)},
            statement=statement(
                enrollment, outline, str(event_id), "attempted", now, language, lesson=lesson
            ),
        )
    return result


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
