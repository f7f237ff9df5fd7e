"""The read-only admin pages of webhooks, without secrets."""

from django.test import Client

from accounts.models import User
from tests.factories import TEST_PASSWORD
from webhooks.models import Delivery, Endpoint


def test_platform_staff_read_endpoints_and_deliveries_without_secrets(
    staff: dict[str, User],
) -> None:
    endpoint = Endpoint.objects.create(
        organization=staff["admin"].memberships.get().organization,
        url="https://93.184.215.14/hooks",
        event_types=["certificate.issued"],
        secret="whsec_c2VjcmV0LXNob3duLW5ldmVyLWluLXRoZS1hZG1pbg==",
    )
    Delivery.objects.create(
        endpoint=endpoint, event_type="webhook.test", message_id="msg_admin", payload={}
    )
    root = User.objects.create_superuser("root@example.org", TEST_PASSWORD, full_name="Root")
    client = Client()
    client.force_login(root)

    pages = [
        client.get("/admin/webhooks/endpoint/"),
        client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/"),
        client.get("/admin/webhooks/delivery/"),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert b"msg_admin" in pages[2].content
    assert not any(endpoint.secret.encode() in page.content for page in pages)
