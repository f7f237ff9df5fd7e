"""The platform's events turned into deliveries (the receivers call these).

Most organisations have no endpoint: one query first asks whether anyone listens, before the
payload is read, so an event nobody subscribed to costs the sender's process a single query.
"""

import uuid

from django.db.models import Q, Subquery

from certificates.models import Certificate
from enrollment.models import Enrollment
from events.models import Registration
from programs.models import ProgramCompletion
from webhooks.deliveries import create_deliveries
from webhooks.models import Endpoint, EventType
from webhooks.payloads import (
    Occurrence,
    certificate_occurrence,
    enrollment_occurrence,
    event_attendance_occurrence,
    program_completion_occurrence,
)

__all__ = [
    "emit_certificate_event",
    "emit_enrollment_completed",
    "emit_event_attended",
    "emit_program_completed",
]


def _anyone_listens(event_type: str, organizations: Q) -> bool:
    subscriptions = Endpoint.objects.filter(organizations, is_active=True).values_list(
        "event_types", flat=True
    )
    return any(event_type in event_types for event_types in subscriptions)


def _emit(occurrence: Occurrence | None) -> int:
    if occurrence is None or not occurrence.organization_ids:
        return 0
    return len(create_deliveries(occurrence=occurrence))


def emit_certificate_event(*, certificate_id: uuid.UUID, event_type: str) -> int:
    """Announce `certificate.issued` or `certificate.revoked` to the course's institutions;
    returns the number of deliveries made."""
    course = Certificate.objects.filter(pk=certificate_id).values("course_id")[:1]
    if not _anyone_listens(event_type, Q(organization__courses__id=Subquery(course))):
        return 0
    return _emit(certificate_occurrence(certificate_id=certificate_id, event_type=event_type))


def emit_enrollment_completed(*, enrollment_id: int) -> int:
    """Announce `enrollment.completed` to the course's institutions."""
    course = Enrollment.objects.filter(pk=enrollment_id).values("course_id")[:1]
    if not _anyone_listens(
        EventType.ENROLLMENT_COMPLETED, Q(organization__courses__id=Subquery(course))
    ):
        return 0
    return _emit(enrollment_occurrence(enrollment_id=enrollment_id))


def emit_event_attended(*, registration_id: int) -> int:
    """Announce `event.attended` to the event's organisation."""
    organization = Registration.objects.filter(pk=registration_id).values("event__organization_id")[
        :1
    ]
    if not _anyone_listens(EventType.EVENT_ATTENDED, Q(organization_id=Subquery(organization))):
        return 0
    return _emit(event_attendance_occurrence(registration_id=registration_id))


def emit_program_completed(*, completion_id: int) -> int:
    """Announce `program.completed` to the program's institutions."""
    program = ProgramCompletion.objects.filter(pk=completion_id).values("program_id")[:1]
    if not _anyone_listens(
        EventType.PROGRAM_COMPLETED, Q(organization__programs__id=Subquery(program))
    ):
        return 0
    return _emit(program_completion_occurrence(completion_id=completion_id))
