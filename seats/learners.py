"""What an employer sees of the people holding its seats: progress and certificates, for those
who consented only; for everyone else the consent state and nothing more."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from courses import api as courses_api
from enrollment.models import Enrollment
from seats.access import get_pool_for_admin
from seats.models import SeatAssignment

__all__ = ["LearnerProgress", "list_pool_learners", "progress_for", "visible_learner_ids"]

Consent = SeatAssignment.Consent


@dataclass(frozen=True)
class LearnerProgress:
    """A consenting learner's place in the course: enrolment status, progress in per cent of
    the required lessons, completion time, and the current certificate if any."""

    status: str
    progress_percent: int
    completed_at: Any
    certificate_id: str | None
    certificate_url: str | None
    is_certificate_revoked: bool


def visible_learner_ids(assignments: list[SeatAssignment]) -> set[int]:
    """The learners whose data the employer may see: consent granted now, account known."""
    return {
        assignment.learner_id
        for assignment in assignments
        if assignment.consent == Consent.GRANTED and assignment.learner_id is not None
    }


def _percent(done: int, required: int) -> int:
    if required == 0:
        return 0
    share = Decimal(100 * min(done, required)) / Decimal(required)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def progress_for(*, course_id: int, learner_ids: set[int]) -> dict[int, LearnerProgress]:
    """The progress of these learners in one course, by learner id; learners not enrolled are
    absent. Two queries plus one per course version not yet in the outline cache."""
    if not learner_ids:
        return {}
    enrollments = list(Enrollment.objects.filter(course_id=course_id, user_id__in=learner_ids))
    done: dict[int, set[str]] = {}
    rows = (
        Enrollment.objects.filter(pk__in=[enrollment.pk for enrollment in enrollments])
        .filter(lessons__completed_at__isnull=False)
        .values_list("pk", "lessons__lesson_key")
    )
    for enrollment_id, lesson_key in rows:
        done.setdefault(enrollment_id, set()).add(str(lesson_key))
    certificates = {
        certificate.user_id: certificate
        for certificate in Certificate.objects.filter(
            course_id=course_id, user_id__in=learner_ids, superseded_at__isnull=True
        ).order_by("created_at")
    }
    result = {}
    for enrollment in enrollments:
        outline = courses_api.get_outline(version_id=enrollment.version_id)
        required = {key for key, lesson in outline.lessons.items() if lesson.is_required}
        if enrollment.status == Enrollment.Status.COMPLETED:
            percent = 100
        else:
            percent = _percent(len(required & done.get(enrollment.pk, set())), len(required))
        certificate = certificates.get(enrollment.user_id)
        certificate_id = str(certificate.pk) if certificate is not None else None
        result[enrollment.user_id] = LearnerProgress(
            status=enrollment.status,
            progress_percent=percent,
            completed_at=enrollment.completed_at,
            certificate_id=certificate_id,
            certificate_url=certificates_api.verification_url(certificate_id=certificate_id)
            if certificate_id
            else None,
            is_certificate_revoked=certificate is not None and certificate.revoked_at is not None,
        )
    return result


def list_pool_learners(
    *, user: User, organization_slug: str, pool_id: int, consent: str | None = None
) -> QuerySet[SeatAssignment]:
    """The pool's active seats, newest first (optionally only those in one consent state).
    The caller pages them and reads `progress_for` the page's consenting learners, so a page
    costs the same few queries whatever its size. Raises SeatPool.DoesNotExist unless `user`
    administers the pool's employer."""
    pool = get_pool_for_admin(user=user, organization_slug=organization_slug, pool_id=pool_id)
    assignments = pool.assignments.filter(released_at__isnull=True).select_related("pool__program")
    if consent:
        assignments = assignments.filter(consent=consent)
    return assignments
