"""Revoking an attendance credential through the API: approvers and admins of the event's
organisation only, with a reason, audited once, seen revoked by every verifier at once."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential
from events.models import Registration
from tests.events.test_attendance import attended

__all__ = ["attended"]

pytestmark = pytest.mark.django_db


def _url(registration: Registration) -> str:
    return (
        f"/api/v1/events/{registration.event.slug}/credentials/{registration.credential_id}/revoke"
    )


def _post(user: User | None, registration: Registration, body: dict[str, Any]) -> Any:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.post(_url(registration), body, format="json")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("learner", 404),  # the attendee may not withdraw their own credential
        ("foreign", 404),  # an admin of another organisation: not theirs, like unknown
        ("author", 404),  # records attendance, does not withdraw credentials
        ("reviewer", 404),
        ("approver", 200),
        ("admin", 200),
    ],
)
def test_who_may_revoke(
    people: dict[str, User], attended: Registration, who: str | None, status: int
) -> None:
    response = _post(people[who] if who else None, attended, {"reason": "Left after 5 minutes"})

    assert response.status_code == status
    credential = AttendanceCredential.objects.get()
    if status == 200:
        assert response.json() == {
            "credential_id": str(credential.pk),
            "email": "learner@example.org",
            "revoked_at": response.json()["revoked_at"],
            "reason": "Left after 5 minutes",
        }
        assert credential.revoked_at is not None
    else:
        assert credential.revoked_at is None
        assert not AuditEvent.objects.filter(action="certificate_revoked").exists()


def test_a_revocation_is_seen_by_verifiers_and_audited_once(
    people: dict[str, User], attended: Registration
) -> None:
    first = _post(people["approver"], attended, {"reason": "Left after 5 minutes"})
    again = _post(people["approver"], attended, {"reason": "Another reason"})

    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json()["reason"] == "Left after 5 minutes"  # idempotent: the first one stands
    credential = AttendanceCredential.objects.get()
    assert certificates_api.verify_certificate(certificate_id=str(credential.pk))["status"] == (
        "revoked"
    )
    assert certificates_api.verify_credential(content=bytes(credential.credential))["status"] == (
        "revoked"
    )
    audit = AuditEvent.objects.get(action="certificate_revoked")
    assert (audit.actor, audit.target_type, audit.target_id) == (
        people["approver"],
        "attendance_credential",
        str(credential.pk),
    )
    assert audit.details == {"event": attended.event.slug, "reason": "Left after 5 minutes"}


@pytest.mark.parametrize("body", [{}, {"reason": "   "}, {"reason": "x" * 501}])
def test_a_revocation_needs_a_reason_and_changes_nothing_without_one(
    people: dict[str, User], attended: Registration, body: dict[str, Any]
) -> None:
    response = _post(people["approver"], attended, body)

    assert response.status_code == 400
    assert "reason" in response.json()["fields"]
    assert AttendanceCredential.objects.get().revoked_at is None
    assert not AuditEvent.objects.filter(action="certificate_revoked").exists()


def test_a_credential_of_another_event_is_not_found(
    people: dict[str, User], attended: Registration, make_event: Any
) -> None:
    other = make_event()
    client = APIClient()
    client.force_authenticate(people["approver"])

    response = client.post(
        f"/api/v1/events/{other.slug}/credentials/{attended.credential_id}/revoke",
        {"reason": "Wrong event"},
        format="json",
    )

    assert response.status_code == 404
    assert AttendanceCredential.objects.get().revoked_at is None
