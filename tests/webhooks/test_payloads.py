"""What each event says, and who hears it: a revoked certificate, an attended event."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from certificates import api as certificates_api
from events import api as events_api
from tests.webhooks.test_delivery import _complete
from webhooks.models import Delivery, Endpoint


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The delivery ids whose attempt was queued (not sent: the address is a real one)."""
    from webhooks.tasks import deliver_webhook_task

    ids: list[int] = []
    monkeypatch.setattr(deliver_webhook_task, "delay", lambda delivery_id: ids.append(delivery_id))
    return ids


def _listen(staff: dict[str, User], *event_types: str) -> Endpoint:
    """An endpoint of Rhine's (never contacted: these tests read the deliveries made)."""
    return Endpoint.objects.create(
        organization=staff["admin"].memberships.get().organization,
        url="https://93.184.215.14/hooks",
        event_types=list(event_types),
        secret="whsec_AAAA",
    )


def test_a_revoked_certificate_is_announced_to_the_course_institution(
    course: dict[str, Any],
    staff: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: Any,
    tmp_path: Any,
    queued: list[int],
) -> None:
    from certificates.tasks import issue_certificate_task

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    _complete(staff["learner"], course)
    enrollment_id = staff["learner"].enrollments.get().pk
    certificate = certificates_api.issue_certificate(enrollment_id=enrollment_id)
    endpoint = _listen(staff, "certificate.revoked")

    with django_capture_on_commit_callbacks(execute=True):
        certificates_api.revoke_certificate(
            user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud."
        )

    delivery = Delivery.objects.get(endpoint=endpoint)
    assert queued == [delivery.pk]
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert delivery.event_type == "certificate.revoked"
    assert delivery.payload["type"] == "certificate.revoked"
    data = delivery.payload["data"]
    assert data["certificate_id"] == str(certificate.pk)
    assert data["revoked_at"] == certificate.revoked_at.isoformat()
    assert data["learner"] == {"email": "learner@example.org"}
    # The reason stays between the institution and the learner.
    assert "Exam fraud." not in str(delivery.payload)


def test_an_attended_event_is_announced_to_its_organisation_only(
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    queued: list[int],
) -> None:
    from events.tasks import issue_attendance_credential_task

    monkeypatch.setattr(issue_attendance_credential_task, "delay", lambda *args: None)
    starts_at = timezone.now() - timedelta(hours=1)
    event = events_api.create_event(
        user=staff["author"],
        organization_slug="rhine",
        fields={
            "kind": "webinar",
            "is_online": True,
            "meeting_url": "https://meet.example.org/w",
            "primary_language": "en",
            "translations": {"en": {"title": "Digital twins", "description": "Live."}},
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=3),
            "time_zone": "Europe/Berlin",
            "capacity": None,
        },
    )
    events_api.publish_event(user=staff["approver"], slug=event.slug)
    events_api.register_for_event(user=staff["learner"], slug=event.slug)
    rhine = _listen(staff, "event.attended")
    elsewhere = Endpoint.objects.create(
        organization=staff["outsider"].memberships.get().organization,
        url="https://93.184.215.14/hooks",
        event_types=["event.attended"],
        secret="whsec_AAAA",
    )

    with django_capture_on_commit_callbacks(execute=True):
        events_api.check_in(user=staff["learner"], slug=event.slug, code=event.check_in_code)
    with django_capture_on_commit_callbacks(execute=True):
        # Recorded already: no second announcement.
        events_api.check_in(user=staff["learner"], slug=event.slug, code=event.check_in_code)

    delivery = Delivery.objects.get(endpoint=rhine)
    assert queued == [delivery.pk]
    assert delivery.payload["data"]["event"]["slug"] == event.slug
    assert delivery.payload["data"]["attendee"] == {"email": "learner@example.org"}
    assert uuid.UUID(hex=delivery.message_id.removeprefix("msg_"))
    assert elsewhere.deliveries.count() == 0


def test_an_event_nobody_listens_to_costs_one_query(
    course: dict[str, Any], staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    from enrollment import api as enrollment_api
    from webhooks import api as webhooks_api

    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    _listen(staff, "certificate.issued")  # another type only

    with django_assert_num_queries(1):
        assert webhooks_api.emit_enrollment_completed(enrollment_id=enrollment.pk) == 0
