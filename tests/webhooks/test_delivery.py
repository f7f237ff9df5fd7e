"""Deliveries to a real receiver on loopback, checked with the reference library: the events
of a learner's journey, retries, timeouts, redirects, disabling, rotation and redelivery."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from accounts.models import User
from enrollment import api as enrollment_api
from tests import learning
from tests.webhooks.conftest import HANG, Receiver
from webhooks import api as webhooks_api
from webhooks.models import Delivery, Endpoint


def _register(staff: dict[str, User], url: str, *event_types: str) -> tuple[Endpoint, str]:
    return webhooks_api.create_endpoint(
        user=staff["admin"],
        organization_slug="rhine",
        url=url,
        event_types=list(event_types) or ["certificate.issued"],
        description="HR system",
    )


def _test_delivery(staff: dict[str, User], endpoint: Endpoint) -> Delivery:
    return webhooks_api.send_test_delivery(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )


def _attempt(delivery: Delivery) -> Delivery:
    attempted = webhooks_api.attempt_delivery(delivery_id=delivery.pk)
    assert attempted is not None
    return attempted


def _make_due(delivery: Delivery) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


def _complete(learner: User, course: dict[str, Any]) -> None:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    for kind, key, payload in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]:
        learning.record_event(
            user=learner,
            enrollment_id=enrollment.pk,
            event_id=uuid.uuid4(),
            kind=kind,
            lesson_key=uuid.UUID(key),
            payload=payload,
        )


@pytest.mark.usefixtures("tasks_in_process")
def test_a_completed_course_reaches_the_receiver_signed(
    course: dict[str, Any],
    staff: dict[str, User],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Callable[..., Any],
    settings: SettingsWrapper,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    endpoint, secret = _register(staff, receiver.url, "enrollment.completed", "certificate.issued")

    with django_capture_on_commit_callbacks(execute=True):
        _complete(staff["learner"], course)

    types = [request.payload["type"] for request in receiver.requests]
    assert sorted(types) == ["certificate.issued", "enrollment.completed"]
    for request in receiver.requests:
        # The reference library refuses a wrong signature, a missing header or an old time.
        assert Webhook(secret).verify(request.body, request.headers) == request.payload
        assert request.path == "/hooks/icim"
        assert request.headers["content-type"] == "application/json"
    issued = next(r.payload for r in receiver.requests if r.payload["type"] == "certificate.issued")
    certificate_id = issued["data"]["certificate_id"]
    assert issued["data"]["verify_url"] == f"{settings.PUBLIC_BASE_URL}/verify/{certificate_id}"
    assert issued["data"]["learner"] == {"email": "learner@example.org"}
    assert issued["data"]["course"] == {
        "slug": "plc-basics",
        "url": f"{settings.PUBLIC_BASE_URL}/courses/plc-basics",
    }
    assert list(
        Delivery.objects.filter(endpoint=endpoint).values_list("state", "attempt_count")
    ) == [("succeeded", 1), ("succeeded", 1)]


def test_nothing_is_sent_to_another_organisation_or_for_unsubscribed_events(
    course: dict[str, Any],
    staff: dict[str, User],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certificates.tasks import issue_certificate_task
    from webhooks.models import Endpoint as EndpointModel

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    _register(staff, receiver.url, "certificate.issued")  # not enrollment.completed
    elsewhere = EndpointModel.objects.create(
        organization=staff["outsider"].memberships.get().organization,
        url=receiver.url,
        event_types=["enrollment.completed"],
        secret="whsec_AAAA",
    )

    with django_capture_on_commit_callbacks(execute=True):
        _complete(staff["learner"], course)

    assert Delivery.objects.count() == 0
    assert elsewhere.deliveries.count() == 0


def test_a_failure_is_retried_later_and_then_succeeds(
    staff: dict[str, User], receiver: Receiver
) -> None:
    endpoint, secret = _register(staff, receiver.url)
    receiver.plan(500, 200)
    delivery = _test_delivery(staff, endpoint)

    first = _attempt(delivery)

    assert (first.state, first.attempt_count, first.last_response_status, first.last_error) == (
        "pending",
        1,
        500,
        "receiver says no",
    )
    assert first.next_attempt_at is not None
    assert timedelta(seconds=55) < first.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert webhooks_api.attempt_delivery(delivery_id=delivery.pk) is None  # not due yet
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 1

    _make_due(delivery)
    second = _attempt(delivery)

    assert (second.state, second.attempt_count, second.last_response_status) == (
        "succeeded",
        2,
        200,
    )
    assert second.next_attempt_at is None
    ids = {request.headers["webhook-id"] for request in receiver.requests}
    assert ids == {delivery.message_id}
    for request in receiver.requests:
        Webhook(secret).verify(request.body, request.headers)
    endpoint.refresh_from_db()
    assert (endpoint.consecutive_failures, endpoint.failing_since) == (0, None)


@pytest.mark.usefixtures("tasks_in_process")
def test_the_sweep_queues_due_retries(
    staff: dict[str, User],
    receiver: Receiver,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    endpoint, _secret = _register(staff, receiver.url)
    receiver.plan(503)
    delivery = _test_delivery(staff, endpoint)
    _attempt(delivery)

    assert webhooks_api.queue_due_deliveries() == 0
    _make_due(delivery)
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks_api.queue_due_deliveries() == 1

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempt_count) == ("succeeded", 2)


def test_after_the_last_attempt_the_delivery_fails(
    staff: dict[str, User], receiver: Receiver
) -> None:
    endpoint, _secret = _register(staff, receiver.url)
    receiver.plan(*[500] * webhooks_api.MAX_ATTEMPTS)
    delivery = _test_delivery(staff, endpoint)

    for _attempt_number in range(webhooks_api.MAX_ATTEMPTS):
        _make_due(delivery)
        last = _attempt(delivery)

    assert (last.state, last.attempt_count, last.next_attempt_at) == ("failed", 8, None)
    assert len(receiver.requests) == 8
    # Eight attempts spread over about a day.
    assert timedelta(hours=24) < sum(webhooks_api.RETRY_DELAYS, timedelta()) < timedelta(hours=30)


def test_a_hanging_receiver_times_out(
    staff: dict[str, User], receiver: Receiver, settings: SettingsWrapper
) -> None:
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    endpoint, _secret = _register(staff, receiver.url)
    receiver.plan(HANG)
    delivery = _test_delivery(staff, endpoint)

    attempted = _attempt(delivery)

    assert (attempted.state, attempted.last_response_status) == ("pending", None)
    assert "timed out" in attempted.last_error.lower()
    assert attempted.last_response_ms is not None
    assert 900 <= attempted.last_response_ms < 2500


def test_a_redirect_is_not_followed(staff: dict[str, User], receiver: Receiver) -> None:
    endpoint, _secret = _register(staff, receiver.url)
    receiver.plan(302)
    delivery = _test_delivery(staff, endpoint)

    attempted = _attempt(delivery)

    assert (attempted.state, attempted.last_response_status) == ("pending", 302)
    assert [request.path for request in receiver.requests] == ["/hooks/icim"]


@pytest.mark.usefixtures("tasks_in_process")
def test_repeated_failure_disables_the_endpoint_and_tells_its_admins(
    staff: dict[str, User],
    receiver: Receiver,
    settings: SettingsWrapper,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    settings.WEBHOOK_DISABLE_AFTER_FAILURES = 3
    settings.WEBHOOK_DISABLE_AFTER_DAYS = 2
    admin = staff["admin"]
    admin.preferred_language = "de"
    admin.save(update_fields=["preferred_language"])
    endpoint, _secret = _register(staff, receiver.url)
    receiver.plan(*[500] * 10)
    deliveries = [_test_delivery(staff, endpoint) for _number in range(4)]

    for delivery in deliveries[:3]:
        _attempt(delivery)
    endpoint.refresh_from_db()
    # Three failures, but not yet failing for two days: still active.
    assert (endpoint.is_active, endpoint.consecutive_failures) == (True, 3)

    Endpoint.objects.filter(pk=endpoint.pk).update(
        failing_since=timezone.now() - timedelta(days=2, minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _make_due(deliveries[0])
        _attempt(deliveries[0])

    endpoint.refresh_from_db()
    assert endpoint.is_active is False
    assert endpoint.disabled_reason.startswith("4 failed attempts in a row since ")
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert mail.outbox[0].subject == f"Webhook-Endpunkt deaktiviert: {receiver.url}"
    assert receiver.url in mail.outbox[0].body

    # A disabled endpoint gets nothing more; its pending deliveries fail without a request.
    sent = len(receiver.requests)
    last = _attempt(deliveries[3])
    assert (last.state, last.last_error) == ("failed", "Not sent: the endpoint is disabled.")
    assert len(receiver.requests) == sent
    assert (
        webhooks_api.emit_certificate_event(
            certificate_id=uuid.uuid4(), event_type="certificate.issued"
        )
        == 0
    )

    # Enabling it again clears the streak.
    enabled = webhooks_api.update_endpoint(
        user=admin, organization_slug="rhine", endpoint_id=endpoint.pk, is_active=True
    )
    assert (enabled.is_active, enabled.disabled_reason, enabled.consecutive_failures) == (
        True,
        "",
        0,
    )


def test_after_rotation_both_secrets_verify_until_the_grace_period_ends(
    staff: dict[str, User], receiver: Receiver
) -> None:
    endpoint, old_secret = _register(staff, receiver.url)
    rotated, new_secret = webhooks_api.rotate_endpoint_secret(
        user=staff["admin"], organization_slug="rhine", endpoint_id=endpoint.pk
    )
    assert new_secret != old_secret
    assert rotated.previous_secret_expires_at is not None

    _attempt(_test_delivery(staff, endpoint))
    during = receiver.requests[-1]
    Webhook(old_secret).verify(during.body, during.headers)
    Webhook(new_secret).verify(during.body, during.headers)

    Endpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_expires_at=timezone.now() - timedelta(seconds=1)
    )
    _attempt(_test_delivery(staff, endpoint))
    after = receiver.requests[-1]
    Webhook(new_secret).verify(after.body, after.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old_secret).verify(after.body, after.headers)


def test_a_redelivery_repeats_the_message_id_and_body(
    staff: dict[str, User], receiver: Receiver
) -> None:
    endpoint, secret = _register(staff, receiver.url)
    original = _attempt(_test_delivery(staff, endpoint))

    again = webhooks_api.redeliver(
        user=staff["admin"],
        organization_slug="rhine",
        endpoint_id=endpoint.pk,
        delivery_id=original.pk,
    )
    _attempt(again)

    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == original.message_id
    assert first.body == second.body
    Webhook(secret).verify(second.body, second.headers)
    again.refresh_from_db()
    assert (again.redelivery_of_id, again.state) == (original.pk, "succeeded")
