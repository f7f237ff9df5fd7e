"""What a learner reads of their enrollment: exact progress (cached while nothing changed) and
a lesson to study with where they stand in it."""

import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import User
from courses import api as courses_api
from enrollment import attempts, progress, progress_cache
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, LessonProgress, PackageAttempt
from enrollment.package_commits import package_attempt_status
from enrollment.progress_rows import lesson_states, read_with_lessons
from enrollment.selectors import get_enrollment_for_user

__all__ = ["get_lesson_content", "get_progress", "progress_cache_names"]

Status = Enrollment.Status


def progress_cache_names(*, enrollment_id: int, language: str) -> list[str]:
    """The cache entries `get_progress` reads, for a caller that can read them earlier in a
    round trip of its own (bearer authentication) and pass them as `prefetched`."""
    return progress_cache.names(enrollment_id=enrollment_id, language=language)


def get_progress(
    *,
    user: User,
    enrollment_id: int,
    language: str,
    prefetched: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Exact progress of the user's enrollment: percent, grade, next lesson, what is missing.

    Served from the cache while nothing about the enrollment changed (progress_cache: one
    round trip); otherwise one query whatever the number of events (progress is kept per
    lesson, read with a join). Raises Enrollment.DoesNotExist for unknown or foreign
    enrollments.
    """
    return progress_cache.cached(
        enrollment_id=enrollment_id,
        user_id=user.pk,
        language=language,
        build=lambda: _compute_progress(user=user, enrollment_id=enrollment_id, language=language),
        prefetched=prefetched,
    )


def _compute_progress(*, user: User, enrollment_id: int, language: str) -> dict[str, Any]:
    enrollment, lessons, _none = read_with_lessons(enrollment_id=enrollment_id, user_id=user.pk)
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    with translation.override(language):
        evaluation = progress.evaluate(
            outline,
            lesson_states(lessons),
            language=language,
            last_lesson_key=str(enrollment.last_lesson_key) if enrollment.last_lesson_key else None,
            is_completed=enrollment.status == Status.COMPLETED,
        )
    evaluation.pop("rule_met")
    return {
        "enrollment": enrollment.pk,
        "status": enrollment.status,
        "completed_at": enrollment.completed_at,
        "final_grade": None if enrollment.final_grade is None else str(enrollment.final_grade),
        **evaluation,
    }


def get_lesson_content(
    *, user: User, enrollment_id: int, lesson_key: uuid.UUID, language: str
) -> dict[str, Any]:
    """A lesson of the user's version, for learning (no answer keys); a package lesson with its
    ready package (null before one is) and the learner's attempt in it. Raises
    Enrollment.DoesNotExist, or KeyError when the lesson is not in the enrolled version."""
    enrollment = get_enrollment_for_user(user=user, enrollment_id=enrollment_id)
    if enrollment.status not in (Status.ACTIVE, Status.COMPLETED):
        raise ValidationError(NOT_ACTIVE, code="not_active")
    outline = courses_api.get_outline(version_id=enrollment.version_id)
    content = courses_api.lesson_for_learner(
        outline=outline, lesson_key=str(lesson_key), language=language
    )
    lesson = outline.lessons[str(lesson_key)]
    row = LessonProgress.objects.filter(enrollment=enrollment, lesson_key=lesson.key).first()
    content["state"] = _lesson_state(lesson, row)
    content["package"] = None
    content["package_attempt"] = None
    if lesson.kind == "package":
        package = courses_api.playing_package(course_id=enrollment.course_id, lesson_key=lesson.key)
        if package is not None:
            content["package"] = {
                "standard": package.standard,
                "title": package.title,
                "mastery_score": None
                if package.mastery_score is None
                else float(package.mastery_score),
            }
        attempt = PackageAttempt.objects.filter(
            enrollment=enrollment, lesson_key=lesson.key
        ).first()
        content["package_attempt"] = package_attempt_status(attempt)
    return content


def _lesson_state(lesson: Any, row: LessonProgress | None) -> dict[str, Any]:
    """Where the learner stands in one lesson, as the server recorded it."""
    state = progress.LessonState(
        opened_at=row.opened_at if row else None,
        completed_at=row.completed_at if row else None,
        attempts=row.attempts if row else 0,
        best_score=row.best_score if row else None,
        last_score=row.last_score if row else None,
    )
    quiz = lesson.quiz
    segments = row.watched_segments if row else []
    length = progress.video_length(
        declared_minutes=lesson.duration_minutes,
        measured=row.video_length_seconds if row else None,
    )
    counted = progress.counted_score(lesson, state)
    started_at = row.attempt_started_at if row else None
    time_limit_ends_at = (
        attempts.attempt_deadline(started_at=started_at, time_limit_minutes=quiz.time_limit_minutes)
        if quiz is not None and started_at is not None
        else None
    )
    return {
        "opened_at": state.opened_at,
        "completed_at": state.completed_at,
        "is_done": progress.is_lesson_done(lesson, state),
        "attempts_used": state.attempts if quiz else None,
        "attempts_allowed": quiz.attempts_allowed if quiz else None,
        "attempts_left": None
        if quiz is None or quiz.attempts_allowed is None
        else max(0, quiz.attempts_allowed - state.attempts),
        "best_score": _score(state.best_score),
        "last_score": _score(state.last_score),
        "counted_score": _score(counted),
        "attempt_started_at": started_at if quiz else None,
        "time_limit_ends_at": time_limit_ends_at,
        "watched_segments": segments if lesson.kind == "video" else None,
        "watched_percent": min(100, int(progress.watched_seconds(segments) * 100 / length))
        if lesson.kind == "video"
        else None,
        "video_length_seconds": length if lesson.kind == "video" else None,
        "completed_by": (row.completed_by or None) if row else None,
        "resume_at_seconds": progress.resume_position(
            position=row.video_position_seconds if row else None, segments=segments, length=length
        )
        if lesson.kind == "video"
        else None,
    }


def _score(value: Decimal | None) -> str | None:
    return None if value is None else str(value)
