"""What each event says, and which organisations hear it.

An event goes to the institutions that own the course (or, for `event.attended`, the event's
organisation; for `program.completed`, the program's institutions) — the organisations whose
staff already see the learner in the platform (the course's enrolments and certificates, the
event's registrations). So the learner's e-mail address is included: it tells the receiver
nothing its staff could not look up, and it is what an HR or student system matches people by.
Nothing else personal is sent (no name, no grade, no revocation reason); the ids and URLs let a
receiver ask the API for more with its own credentials, where the usual access checks apply.
Employers will hear of their staff's events once seat pools record who employs whom (issue
26), and then only with the learner's consent.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from accounts.models import Organization
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from events.models import Registration
from programs.models import ProgramCompletion
from webhooks.models import TEST_EVENT_TYPE, EventType

__all__ = [
    "Occurrence",
    "certificate_occurrence",
    "enrollment_occurrence",
    "event_attendance_occurrence",
    "program_completion_occurrence",
    "test_occurrence",
]


@dataclass(frozen=True)
class Occurrence:
    """One event to announce: its type, when it happened, its data, and who may hear it."""

    event_type: str
    occurred_at: datetime
    data: dict[str, Any]
    organization_ids: frozenset[int]

    def payload(self) -> dict[str, Any]:
        """The body every endpoint receives (Standard Webhooks' suggested shape)."""
        return {
            "type": self.event_type,
            "timestamp": self.occurred_at.isoformat().replace("+00:00", "Z"),
            "data": self.data,
        }


def _course_owner_ids(course_id: int) -> frozenset[int]:
    return frozenset(
        Organization.objects.filter(courses__id=course_id).values_list("pk", flat=True)
    )


def _course(slug: str) -> dict[str, str]:
    return {"slug": slug, "url": f"{settings.PUBLIC_BASE_URL}/courses/{slug}"}


def certificate_occurrence(*, certificate_id: uuid.UUID, event_type: str) -> Occurrence | None:
    """`certificate.issued` or `certificate.revoked` of this certificate (None if it is gone)."""
    certificate = (
        Certificate.objects.select_related("user", "course").filter(pk=certificate_id).first()
    )
    if certificate is None:
        return None
    revoked = event_type == EventType.CERTIFICATE_REVOKED
    occurred_at = (certificate.revoked_at if revoked else certificate.issued_at) or timezone.now()
    data = {
        "certificate_id": str(certificate.pk),
        "verify_url": certificates_api.verification_url(certificate_id=str(certificate.pk)),
        "enrollment_id": certificate.enrollment_id,
        "course": _course(certificate.course.slug),
        "learner": {"email": certificate.user.email},
        "issued_at": certificate.issued_at.isoformat() if certificate.issued_at else None,
        "expires_at": certificate.expires_at.isoformat() if certificate.expires_at else None,
    }
    if revoked:
        data["revoked_at"] = occurred_at.isoformat()
    return Occurrence(event_type, occurred_at, data, _course_owner_ids(certificate.course_id))


def enrollment_occurrence(*, enrollment_id: int) -> Occurrence | None:
    """`enrollment.completed` of this enrollment (None if it is gone or not completed)."""
    enrollment = (
        Enrollment.objects.select_related("user", "course")
        .filter(pk=enrollment_id, completed_at__isnull=False)
        .first()
    )
    if enrollment is None or enrollment.completed_at is None:
        return None
    data = {
        "enrollment_id": enrollment.pk,
        "course": _course(enrollment.course.slug),
        "learner": {"email": enrollment.user.email},
        "completed_at": enrollment.completed_at.isoformat(),
    }
    return Occurrence(
        EventType.ENROLLMENT_COMPLETED,
        enrollment.completed_at,
        data,
        _course_owner_ids(enrollment.course_id),
    )


def event_attendance_occurrence(*, registration_id: int) -> Occurrence | None:
    """`event.attended` of this registration (None if gone or its attendance is not recorded)."""
    registration = (
        Registration.objects.select_related("user", "event")
        .filter(pk=registration_id, attended_at__isnull=False)
        .first()
    )
    if registration is None or registration.attended_at is None:
        return None
    event = registration.event
    data = {
        "registration_id": registration.pk,
        "event": {"slug": event.slug, "url": f"{settings.PUBLIC_BASE_URL}/events/{event.slug}"},
        "attendee": {"email": registration.user.email},
        "attended_at": registration.attended_at.isoformat(),
    }
    return Occurrence(
        EventType.EVENT_ATTENDED,
        registration.attended_at,
        data,
        frozenset({event.organization_id}),
    )


def program_completion_occurrence(*, completion_id: int) -> Occurrence | None:
    """`program.completed` of this completion (None if gone), to the program's institutions."""
    completion = (
        ProgramCompletion.objects.select_related("user", "program").filter(pk=completion_id).first()
    )
    if completion is None:
        return None
    program = completion.program
    credential_id = str(completion.credential_id)
    data = {
        "program": {
            "slug": program.slug,
            "url": f"{settings.PUBLIC_BASE_URL}/programs/{program.slug}",
        },
        "credential_id": credential_id,
        "verify_url": certificates_api.verification_url(certificate_id=credential_id),
        "learner": {"email": completion.user.email},
        "completed_at": completion.completed_at.isoformat(),
    }
    return Occurrence(
        EventType.PROGRAM_COMPLETED,
        completion.completed_at,
        data,
        frozenset(program.institutions.values_list("pk", flat=True)),
    )


def test_occurrence(*, organization_id: int) -> Occurrence:
    """A `webhook.test` message: nothing happened, the receiver can check its signature code."""
    return Occurrence(
        TEST_EVENT_TYPE,
        timezone.now(),
        {"message": "A test delivery from ICIM Academy."},
        frozenset({organization_id}),
    )
