"""A learner's seats and their consent to the employer seeing their progress and certificates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from seats.assigning import enroll_in_pool
from seats.models import SeatAssignment

__all__ = ["decide_consent", "list_seats_for_learner"]

Consent = SeatAssignment.Consent
UNKNOWN_DECISION = gettext_lazy("Answer “granted” or “refused”.")


def _mine(user: User) -> Q:
    """The learner's active seats: theirs by account, or given to their confirmed address
    before they had an account (not yet claimed by anyone)."""
    mine = Q(learner=user)
    if user.email_confirmed_at is not None:
        mine |= Q(learner__isnull=True, email=user.email.lower())
    return mine & Q(released_at__isnull=True)


def list_seats_for_learner(*, user: User) -> QuerySet[SeatAssignment]:
    """The active seats employers hold for the user, newest first, with the employer and the
    course or program joined (one query)."""
    return SeatAssignment.objects.filter(_mine(user)).select_related(
        "pool__organization", "pool__course__published_version", "pool__program"
    )


@transaction.atomic
def decide_consent(
    *, user: User, assignment_id: int, consent: str, ip_address: str | None = None
) -> SeatAssignment:
    """Record whether the employer holding this seat may see the user's progress and
    certificates in its course: `granted`, or `refused` (which is `withdrawn` when it had been
    granted). Audited (SEAT_CONSENT_CHANGED) with the time; the same answer again changes
    nothing. A seat given to the user's address before they had an account becomes theirs
    here, and they are enrolled in the course (or the program's available courses).

    Locks the seat. Raises SeatAssignment.DoesNotExist for a seat not the user's (or
    released), ValidationError (`unknown_decision`) for any other answer.
    """
    if consent not in (Consent.GRANTED, Consent.REFUSED):
        raise ValidationError({"consent": UNKNOWN_DECISION}, code="unknown_decision")
    assignment = (
        SeatAssignment.objects.select_for_update(of=("self",))
        .select_related("pool__organization", "pool__course__published_version", "pool__program")
        .get(_mine(user), pk=assignment_id)
    )
    if assignment.learner_id is None:
        assignment.learner = user
        assignment.save(update_fields=["learner"])
        enroll_in_pool(learner=user, pool=assignment.pool)
    new_state = consent
    if consent == Consent.REFUSED and assignment.consent in (Consent.GRANTED, Consent.WITHDRAWN):
        new_state = Consent.WITHDRAWN
    if new_state == assignment.consent:
        return assignment
    now = timezone.now()
    previous = assignment.consent
    assignment.consent = new_state
    assignment.consent_changed_at = now
    if new_state == Consent.GRANTED:
        assignment.consent_granted_at = now
    assignment.save(update_fields=["consent", "consent_changed_at", "consent_granted_at"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.SEAT_CONSENT_CHANGED,
        actor=user,
        target_type="seat_assignment",
        target_id=str(assignment.pk),
        ip_address=ip_address,
        details={
            "organization": assignment.pool.organization.slug,
            "pool": assignment.pool_id,
            "from": previous,
            "to": new_state,
        },
    )
    return assignment
