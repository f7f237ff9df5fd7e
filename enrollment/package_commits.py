"""Package run-time data committed through a launch: checked against the standard, kept per
enrollment and lesson, and fed into lesson progress, the course grade and completion."""

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from enrollment.completion import complete_if_rule_met
from enrollment.models import LearningEvent, LessonProgress, PackageAttempt
from enrollment.package_launch import PackageLaunch, completion_threshold
from enrollment.package_runtime import Outcome, check_commit
from enrollment.progress_rows import (
    lesson_states,
    lesson_to_study,
    lock_enrollment,
    progress_fields,
    read_with_lessons,
)
from enrollment.statements import statement

__all__ = ["commit_package_data", "package_attempt_status", "record_package_outcome"]

# A result's statement id is derived from what it says, so the same result is logged once.
_RESULT_NAMESPACE = uuid.UUID("8d1f3c52-6a0e-4b7f-9c1d-2e3f4a5b6c7d")


def package_attempt_status(attempt: PackageAttempt | None) -> dict[str, Any] | None:
    """An attempt as learners and the runtime see it; None before the first commit."""
    if attempt is None:
        return None
    return {
        "completion_status": attempt.completion_status,
        "success_status": attempt.success_status,
        "score": None if attempt.score is None else float(attempt.score),
        "is_complete": attempt.is_complete,
        "updated_at": attempt.updated_at,
    }


def _attempt_fields(attempt: PackageAttempt) -> tuple[Any, ...]:
    return (
        attempt.package_id,
        attempt.cmi,
        attempt.completion_status,
        attempt.success_status,
        attempt.score,
        attempt.suspend_data,
        attempt.location,
        attempt.is_complete,
    )


def _apply(attempt: PackageAttempt, outcome: Outcome, package_id: uuid.UUID) -> None:
    attempt.package_id = package_id
    attempt.cmi = outcome.cmi
    attempt.completion_status = outcome.completion_status
    attempt.success_status = outcome.success_status
    attempt.score = outcome.score
    attempt.suspend_data = outcome.suspend_data
    attempt.location = outcome.location
    attempt.is_complete = outcome.is_complete


def commit_package_data(*, launch: PackageLaunch, body: Any, language: str) -> dict[str, Any]:
    """Store the CMI a launched SCO committed and answer the attempt's status.

    Checked as the standard says (enrollment.package_runtime) before anything is written: a
    refused commit changes nothing. The lesson's progress follows the attempt (see
    record_package_outcome). Idempotent: the same commit again writes nothing. Takes the
    enrollment's row lock. Raises Enrollment.DoesNotExist, ValidationError (enrollment no
    longer active), package_runtime.CmiRefusedError.
    """
    package = launch.package
    return record_package_outcome(
        launch=launch,
        derive=lambda _attempt: check_commit(
            standard=package.standard,
            body=body,
            mastery_score=package.mastery_score,
            completion_threshold=completion_threshold(package),
        ),
        language=language,
    )


@transaction.atomic
def record_package_outcome(
    *,
    launch: PackageLaunch,
    derive: Callable[[PackageAttempt], Outcome],
    language: str,
) -> dict[str, Any]:
    """Apply an attempt's outcome, derived by `derive` from the attempt as stored (under the
    enrollment's row lock), and answer the attempt's status. A SCO's commit (above) and cmi5's
    moveOn (enrollment/package_cmi5_moveon.py) both come here.

    The lesson's progress follows the attempt: done once it is complete (it stays done), its
    score the best reported (it counts in the course grade like a quiz's), and the course
    completes when its rule is met (certificate on commit). Idempotent: the same outcome again
    writes nothing. Raises Enrollment.DoesNotExist, ValidationError (enrollment no longer
    active) and what `derive` raises (before anything is written).
    """
    lock_enrollment(user=User(pk=launch.user_id), enrollment_id=launch.enrollment.pk)
    enrollment, lessons, _none = read_with_lessons(enrollment_id=launch.enrollment.pk)
    outline, lesson = lesson_to_study(enrollment, uuid.UUID(launch.lesson_key))
    package = launch.package
    now = timezone.now()
    attempt = PackageAttempt.objects.filter(
        enrollment=enrollment, lesson_key=lesson.key
    ).first() or PackageAttempt(
        enrollment=enrollment, lesson_key=lesson.key, standard=package.standard, updated_at=now
    )
    outcome = derive(attempt)
    before = _attempt_fields(attempt) if attempt.pk else None
    _apply(attempt, outcome, package.pk)
    attempt.standard = package.standard
    if _attempt_fields(attempt) != before:
        attempt.updated_at = now
        attempt.save()
    state = lessons.get(lesson.key) or LessonProgress(enrollment=enrollment, lesson_key=lesson.key)
    lessons[lesson.key] = state
    previous = progress_fields(state)
    state.opened_at = state.opened_at or now
    if outcome.score is not None:
        state.last_score = outcome.score
        state.best_score = max(state.best_score or Decimal(0), outcome.score)
    if outcome.is_complete and state.completed_at is None:
        state.completed_at = now
    if progress_fields(state) != previous:
        state.save()
        _log_result(enrollment, outline, lesson, outcome, language, now)
    summary = complete_if_rule_met(enrollment, outline, lesson_states(lessons), language)
    status = package_attempt_status(attempt) or {}
    return {
        "completion_status": status["completion_status"],
        "success_status": status["success_status"],
        "score": status["score"],
        "is_complete": status["is_complete"],
        "progress": summary,
    }


def _log_result(
    enrollment: Any, outline: Any, lesson: Any, outcome: Outcome, language: str, now: Any
) -> None:
    """The lesson's new result as a learning event (and its xAPI statement), once per result."""
    verb = {"passed": "passed", "failed": "failed"}.get(
        outcome.success_status,
        "completed" if outcome.completion_status == "completed" else "progressed",
    )
    key = f"{enrollment.registration}:{lesson.key}:{verb}:{outcome.score}"
    event_id = str(uuid.uuid5(_RESULT_NAMESPACE, key))
    if LearningEvent.objects.filter(pk=event_id).exists():
        return
    extra: dict[str, Any] = {"completion": outcome.completion_status == "completed"}
    if outcome.score is not None:
        extra["score"] = outcome.score
    if outcome.success_status in {"passed", "failed"}:
        extra["success"] = outcome.success_status == "passed"
    LearningEvent.objects.create(
        id=event_id,
        enrollment=enrollment,
        kind=LearningEvent.Kind.PACKAGE_RESULT,
        lesson_key=lesson.key,
        payload={
            "completion_status": outcome.completion_status,
            "success_status": outcome.success_status,
        },
        result={"score": None if outcome.score is None else str(outcome.score)},
        statement=statement(
            enrollment, outline, event_id, verb, now, language, lesson=lesson, **extra
        ),
    )
