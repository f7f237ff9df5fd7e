"""Completion: deciding it the instant the rule is met (or on prior learning), announcing it
once after commit, and reading completed enrollments for the apps above."""

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from courses import api as courses_api
from enrollment import progress
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, LearningEvent
from enrollment.signals import enrollment_completed
from enrollment.statements import log_event, statement

__all__ = [
    "complete_if_rule_met",
    "completed_enrollments",
    "get_completed_enrollment",
    "record_prior_learning",
]

Status = Enrollment.Status
Kind = LearningEvent.Kind

# The completion statement's id is derived from the enrollment, so it is made at most once.
COMPLETION_NAMESPACE = uuid.UUID("5f0c7a7e-8f6e-4d7e-9b8a-1c2d3e4f5a6b")


def completed_enrollments() -> QuerySet[Enrollment]:
    """Every completed enrollment (for the certificate sweep)."""
    return Enrollment.objects.filter(status=Status.COMPLETED)


def get_completed_enrollment(*, enrollment_id: int) -> Enrollment:
    """A completed enrollment with its learner, course and version.

    Raises Enrollment.DoesNotExist when it is unknown or not completed.
    """
    return Enrollment.objects.select_related("user", "course", "version").get(
        pk=enrollment_id, status=Status.COMPLETED
    )


def complete_if_rule_met(
    enrollment: Enrollment,
    outline: Any,
    states: dict[str, progress.LessonState],
    language: str,
    *,
    log_cause: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Complete the active enrollment when its progress meets the course's rule, logging the
    completion statement and sending `enrollment_completed` on commit; answer the progress
    summary either way. The caller holds the enrollment's row lock.

    `log_cause`, when given, logs the event that caused this (it gets the summary, which that
    event's result carries) before the completion is logged: the two are stored in causal
    order, so their time and sequence agree that the quiz was passed before the course was
    completed (issue 22)."""
    evaluation = progress.evaluate(
        outline,
        states,
        language=language,
        is_completed=enrollment.status == Status.COMPLETED,
    )
    completing = evaluation["rule_met"] and enrollment.status == Status.ACTIVE
    summary = {
        "percent": evaluation["percent"],
        "is_complete": evaluation["is_complete"],
        "grade": evaluation["grade"],
        "status": Status.COMPLETED if completing else enrollment.status,
    }
    if log_cause is not None:
        log_cause(summary)
    if completing:
        now = timezone.now()
        enrollment.status = Status.COMPLETED
        enrollment.completed_at = now
        enrollment.status_changed_at = now
        enrollment.final_grade = (
            Decimal(evaluation["grade"]) if evaluation["grade"] is not None else None
        )
        enrollment.save(
            update_fields=["status", "completed_at", "status_changed_at", "final_grade"]
        )
        completion_id = str(uuid.uuid5(COMPLETION_NAMESPACE, str(enrollment.registration)))
        LearningEvent.objects.create(
            id=completion_id,
            enrollment=enrollment,
            kind=Kind.COURSE_COMPLETED,
            result={"grade": evaluation["grade"]},
            statement=statement(
                enrollment,
                outline,
                completion_id,
                "completed",
                now,
                language,
                score=enrollment.final_grade,
                success=True,
                completion=True,
            ),
        )
        enrollment_id = enrollment.pk
        transaction.on_commit(
            lambda: enrollment_completed.send(sender=Enrollment, enrollment_id=enrollment_id)
        )
    return summary


@transaction.atomic
def record_prior_learning(*, learner: User, course_slug: str, recognised_by: User) -> Enrollment:
    """Complete the learner's enrollment in the course's published version on the strength of
    prior learning an approver recognised (the caller checks the approver's right to).

    Creates the enrollment when there is none; a completed one is returned unchanged. Logged as a
    completion statement naming the approver; `enrollment_completed` is sent on commit like any
    completion. Locks the enrollment row. Raises Course.DoesNotExist (unknown or unpublished).
    """
    course = courses_api.get_published_course_for_enrollment(slug=course_slug)
    version = course.published_version
    if version is None:  # the loader only returns published courses
        raise ValidationError(NOT_ACTIVE, code="not_published")
    now = timezone.now()
    enrollment, _created = Enrollment.objects.select_for_update().get_or_create(
        user=learner,
        course=course,
        defaults={"version": version, "status": Status.ACTIVE, "status_changed_at": now},
    )
    if enrollment.status == Status.COMPLETED:
        return enrollment
    enrollment.status = Status.COMPLETED
    enrollment.completed_at = now
    enrollment.status_changed_at = now
    enrollment.final_grade = None
    enrollment.save(update_fields=["status", "completed_at", "status_changed_at", "final_grade"])
    log_event(
        enrollment,
        Kind.COURSE_COMPLETED,
        verb="completed",
        payload={"basis": "prior_learning", "recognised_by": recognised_by.pk},
    )
    enrollment_id = enrollment.pk
    transaction.on_commit(
        lambda: enrollment_completed.send(sender=Enrollment, enrollment_id=enrollment_id)
    )
    return enrollment
