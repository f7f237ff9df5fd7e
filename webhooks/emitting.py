"""The platform's events turned into deliveries (the receivers call these)."""

import uuid

from webhooks.deliveries import create_deliveries
from webhooks.payloads import (
    Occurrence,
    certificate_occurrence,
    enrollment_occurrence,
    event_attendance_occurrence,
)

__all__ = ["emit_certificate_event", "emit_enrollment_completed", "emit_event_attended"]


def _emit(occurrence: Occurrence | None) -> int:
    if occurrence is None or not occurrence.organization_ids:
        return 0
    return len(create_deliveries(occurrence=occurrence))


def emit_certificate_event(*, certificate_id: uuid.UUID, event_type: str) -> int:
    """Announce `certificate.issued` or `certificate.revoked` to the course's institutions;
    returns the number of deliveries made."""
    return _emit(certificate_occurrence(certificate_id=certificate_id, event_type=event_type))


def emit_enrollment_completed(*, enrollment_id: int) -> int:
    """Announce `enrollment.completed` to the course's institutions."""
    return _emit(enrollment_occurrence(enrollment_id=enrollment_id))


def emit_event_attended(*, registration_id: int) -> int:
    """Announce `event.attended` to the event's organisation."""
    return _emit(event_attendance_occurrence(registration_id=registration_id))
