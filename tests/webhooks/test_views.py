"""The webhooks API: administrators register, change, rotate, test and read the log."""

from typing import Any

from rest_framework.test import APIClient

from accounts.models import User
from tests.webhooks.conftest import Receiver
from webhooks import api as webhooks_api
from webhooks.models import Delivery, Endpoint

BASE = "/api/v1/organizations/rhine/webhooks/endpoints"


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _create(client: APIClient, url: str, **extra: Any) -> Any:
    return client.post(
        BASE,
        {"url": url, "event_types": ["certificate.issued", "event.attended"], **extra},
        format="json",
    )


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(
    staff: dict[str, User], receiver: Receiver
) -> None:
    client = _client(staff["admin"])

    created = _create(client, receiver.url, description="HR system")

    assert created.status_code == 201
    body = created.json()
    assert body["secret"].startswith("whsec_")
    assert (body["url"], body["description"], body["event_types"], body["is_active"]) == (
        receiver.url,
        "HR system",
        ["certificate.issued", "event.attended"],
        True,
    )
    listed = client.get(BASE).json()
    shown = client.get(f"{BASE}/{body['id']}").json()
    assert [item["id"] for item in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in shown
    assert Endpoint.objects.get().secret == body["secret"]


def test_a_private_address_is_refused_with_a_field_error(staff: dict[str, User]) -> None:
    refused = _create(_client(staff["admin"]), "https://169.254.169.254/latest/meta-data/")

    assert refused.status_code == 400
    assert refused.json()["fields"] == {
        "url": ["The host resolves to an address that is not public (169.254.169.254)."]
    }
    assert Endpoint.objects.count() == 0


def test_an_unknown_event_type_is_refused(staff: dict[str, User], receiver: Receiver) -> None:
    refused = _create(_client(staff["admin"]), receiver.url, event_types=["course.deleted"])

    assert refused.status_code == 400
    assert list(refused.json()["fields"]) == ["event_types.0"]
    assert Endpoint.objects.count() == 0


def test_other_roles_and_organisations_see_nothing(
    staff: dict[str, User], receiver: Receiver
) -> None:
    endpoint, _secret = webhooks_api.create_endpoint(
        user=staff["admin"],
        organization_slug="rhine",
        url=receiver.url,
        event_types=["certificate.issued"],
    )

    for identity in ("author", "approver", "outsider", "learner"):
        client = _client(staff[identity])
        assert client.get(BASE).status_code == 404
        assert client.get(f"{BASE}/{endpoint.pk}").status_code == 404
        assert client.post(f"{BASE}/{endpoint.pk}/rotate-secret").status_code == 404
        assert client.delete(f"{BASE}/{endpoint.pk}").status_code == 404
    endpoint.refresh_from_db()
    assert Endpoint.objects.count() == 1
    assert endpoint.previous_secret == ""


def test_rotation_answers_the_new_secret_and_the_grace_period(
    staff: dict[str, User], receiver: Receiver
) -> None:
    client = _client(staff["admin"])
    created = _create(client, receiver.url).json()

    rotated = client.post(f"{BASE}/{created['id']}/rotate-secret")

    assert rotated.status_code == 200
    assert rotated.json()["secret"] not in ("", created["secret"])
    assert rotated.json()["previous_secret_expires_at"] is not None
    endpoint = Endpoint.objects.get()
    assert (endpoint.secret, endpoint.previous_secret) == (
        rotated.json()["secret"],
        created["secret"],
    )


def test_test_delivery_log_filters_and_redelivery(
    staff: dict[str, User], receiver: Receiver
) -> None:
    client = _client(staff["admin"])
    endpoint_id = _create(client, receiver.url).json()["id"]
    receiver.plan(500)

    queued = client.post(f"{BASE}/{endpoint_id}/test")
    assert queued.status_code == 202
    assert (queued.json()["event_type"], queued.json()["state"]) == ("webhook.test", "pending")
    webhooks_api.attempt_delivery(delivery_id=queued.json()["id"])

    pending = client.get(f"{BASE}/{endpoint_id}/deliveries", {"state": "pending"}).json()
    assert [
        (item["last_response_status"], item["attempt_count"]) for item in pending["results"]
    ] == [(500, 1)]
    assert (
        client.get(f"{BASE}/{endpoint_id}/deliveries", {"state": "succeeded"}).json()["count"] == 0
    )
    still = client.post(f"{BASE}/{endpoint_id}/deliveries/{queued.json()['id']}/redeliver")
    assert (still.status_code, still.json()["code"]) == (400, "still_pending")

    Delivery.objects.update(state="failed", next_attempt_at=None)
    again = client.post(f"{BASE}/{endpoint_id}/deliveries/{queued.json()['id']}/redeliver")
    assert again.status_code == 202
    assert again.json()["message_id"] == queued.json()["message_id"]
    assert again.json()["redelivery_of"] == queued.json()["id"]
    listed = client.get(f"{BASE}/{endpoint_id}/deliveries", {"event_type": "webhook.test"}).json()
    assert listed["count"] == 2
    bad = client.get(f"{BASE}/{endpoint_id}/deliveries", {"state": "lost"})
    assert bad.status_code == 400


def test_a_disabled_endpoint_is_enabled_again_by_patch(
    staff: dict[str, User], receiver: Receiver
) -> None:
    client = _client(staff["admin"])
    endpoint_id = _create(client, receiver.url).json()["id"]

    disabled = client.patch(f"{BASE}/{endpoint_id}", {"is_active": False}, format="json")
    refused = client.post(f"{BASE}/{endpoint_id}/test")
    enabled = client.patch(
        f"{BASE}/{endpoint_id}", {"is_active": True, "description": "Back"}, format="json"
    )

    assert (disabled.json()["is_active"], disabled.json()["disabled_reason"]) == (
        False,
        "Disabled by an administrator.",
    )
    assert (refused.status_code, refused.json()["code"]) == (400, "endpoint_disabled")
    assert (enabled.json()["is_active"], enabled.json()["disabled_reason"]) == (True, "")
    assert enabled.json()["description"] == "Back"
    assert Delivery.objects.count() == 0
