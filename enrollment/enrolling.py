"""Enrolling: joining a course (within its window and capacity, after its prerequisites) or its
waitlist, leaving it, and moving to the course's current version."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import api as courses_api
from courses.models import CourseVersion
from enrollment.errors import NOT_ACTIVE
from enrollment.models import Enrollment, LearningEvent
from enrollment.statements import log_event

__all__ = ["enroll", "move_to_current_version", "unenroll"]

Status = Enrollment.Status
Kind = LearningEvent.Kind

ENROLLMENT_NOT_OPEN = gettext_lazy("Enrolment opens on %(date)s.")
ENROLLMENT_CLOSED = gettext_lazy("Enrolment closed on %(date)s.")
PREREQUISITE_MISSING = gettext_lazy("Complete “%(title)s” first: it is a prerequisite.")


@transaction.atomic
def enroll(*, user: User, course_slug: str, language: str = "en") -> Enrollment:
    """Enroll the user in the course's published version, or put them on its waitlist.

    Idempotent: an active, waitlisted or completed enrollment is returned unchanged; an
    unenrolled one becomes active again with its progress. Locks the course row, so concurrent
    requests never fill more places than the capacity. Raises Course.DoesNotExist (unknown or
    unpublished) and ValidationError (window closed, prerequisite missing, naming the course).
    """
    course = courses_api.get_published_course_for_enrollment(slug=course_slug)
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is not None and existing.status != Status.UNENROLLED:
        return existing
    now = timezone.now()
    if course.enrollment_opens_at and now < course.enrollment_opens_at:
        raise ValidationError(
            ENROLLMENT_NOT_OPEN % {"date": date_format(course.enrollment_opens_at)},
            code="not_open",
        )
    if course.enrollment_closes_at and now > course.enrollment_closes_at:
        raise ValidationError(
            ENROLLMENT_CLOSED % {"date": date_format(course.enrollment_closes_at)}, code="closed"
        )
    version = course.published_version
    if version is None:  # the loader only returns published courses; keep the type checker honest
        raise ValidationError(NOT_ACTIVE, code="not_published")
    _check_prerequisites(user=user, version=version, language=language)
    status = _status_for_new_place(course)
    if existing is None:
        enrollment = Enrollment.objects.create(
            user=user, course=course, version=version, status=status, status_changed_at=now
        )
    else:
        enrollment = existing
        enrollment.status = status
        enrollment.status_changed_at = now
        enrollment.save(update_fields=["status", "status_changed_at"])
    log_event(
        enrollment,
        Kind.ENROLLED,
        verb="registered",
        payload={"status": status},
        course=courses_api.course_heading(version=version, slug=course.slug),
    )
    return enrollment


def _check_prerequisites(*, user: User, version: CourseVersion, language: str) -> None:
    """Raises ValidationError naming the first prerequisite of `version` the user has not
    completed; one query, whatever their number."""
    completed = Enrollment.objects.filter(user=user, status=Status.COMPLETED, course=OuterRef("pk"))
    missing = (
        version.prerequisites.select_related("published_version")
        .annotate(is_completed=Exists(completed))
        .filter(is_completed=False)
        .order_by("pk")
        .first()
    )
    if missing is None:
        return
    published = missing.published_version
    title = (
        courses_api.pick(published.translations, language, published.primary_language).get(
            "title", missing.slug
        )
        if published
        else missing.slug
    )
    raise ValidationError(PREREQUISITE_MISSING % {"title": title}, code="prerequisite_missing")


def _status_for_new_place(course: Any) -> str:
    if course.capacity is None:
        return Status.ACTIVE
    active = Enrollment.objects.filter(course=course, status=Status.ACTIVE).count()
    return Status.ACTIVE if active < course.capacity else Status.WAITLISTED


@transaction.atomic
def unenroll(*, user: User, enrollment_id: int) -> Enrollment:
    """Leave a course (progress is kept for a return). Idempotent.

    When an active learner leaves a course with a capacity, the longest-waiting learner is
    promoted in the same transaction. Completed enrollments stay completed. Raises
    Enrollment.DoesNotExist for unknown or foreign enrollments.
    """
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment_id, user=user)
    if enrollment.status in (Status.UNENROLLED, Status.COMPLETED):
        return enrollment
    course = courses_api.get_published_course_for_enrollment(slug=enrollment.course.slug)
    was_active = enrollment.status == Status.ACTIVE
    enrollment.status = Status.UNENROLLED
    enrollment.status_changed_at = timezone.now()
    enrollment.save(update_fields=["status", "status_changed_at"])
    log_event(enrollment, Kind.UNENROLLED, verb="exited", payload={})
    if was_active and course.capacity is not None:
        waiting = (
            Enrollment.objects.select_for_update()
            .filter(course=course, status=Status.WAITLISTED)
            .order_by("status_changed_at", "pk")
            .first()
        )
        if waiting is not None:
            waiting.status = Status.ACTIVE
            waiting.status_changed_at = timezone.now()
            waiting.save(update_fields=["status", "status_changed_at"])
            log_event(waiting, Kind.ENROLLED, verb="registered", payload={"promoted": True})
    return enrollment


@transaction.atomic
def move_to_current_version(*, user: User, enrollment_id: int) -> Enrollment:
    """Move an active enrollment to the course's current published version, at the learner's
    choice. Progress follows lessons by their stable keys; lessons the new version dropped no
    longer count. Idempotent. Raises Enrollment.DoesNotExist, or ValidationError for enrollments
    that are not active (a completed one keeps the version it was completed in).
    """
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=enrollment_id, user=user)
    )
    if enrollment.status != Status.ACTIVE:
        raise ValidationError(NOT_ACTIVE, code="not_active")
    current = enrollment.course.published_version_id
    if current is not None and current != enrollment.version_id:
        enrollment.version_id = current
        enrollment.save(update_fields=["version"])
    return enrollment
