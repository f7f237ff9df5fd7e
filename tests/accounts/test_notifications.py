"""In-app notifications (accounts.notifications) and the bell endpoints."""

import pytest
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_post_list_and_mark_read() -> None:
    reader, other = UserFactory(), UserFactory()
    accounts_api.post_notifications(
        user_ids=[reader.pk, reader.pk, other.pk], topic="discussions.reply", title="T", link="/x"
    )
    assert accounts_api.unread_notification_count(user=reader) == 1
    assert Notification.objects.count() == 2
    (mine,) = accounts_api.list_notifications(user=reader)
    assert accounts_api.mark_notifications_read(user=reader, ids=[mine.pk]) == 1
    assert accounts_api.mark_notifications_read(user=reader, ids=[mine.pk]) == 0
    # Another's notice cannot be marked through one's own account.
    theirs = Notification.objects.get(user=other)
    assert accounts_api.mark_notifications_read(user=reader, ids=[theirs.pk]) == 0
    assert accounts_api.unread_notification_count(user=other) == 1


def test_mark_emailed_claims_once() -> None:
    reader = UserFactory()
    (notice,) = accounts_api.post_notifications(
        user_ids=[reader.pk], topic="discussions.x", title="T"
    )
    assert list(
        accounts_api.unemailed_notifications(topic_prefix="discussions.", user_ids=[reader.pk])
    ) == [notice]
    assert accounts_api.mark_notifications_emailed(ids=[notice.pk]) == 1
    assert accounts_api.mark_notifications_emailed(ids=[notice.pk]) == 0
    assert not accounts_api.unemailed_notifications(
        topic_prefix="discussions.", user_ids=[reader.pk]
    ).exists()


def test_bell_endpoints(django_assert_num_queries: object) -> None:
    reader, other = UserFactory(), UserFactory()
    for number in range(3):
        accounts_api.post_notifications(user_ids=[reader.pk], topic="t", title=f"N{number}")
    accounts_api.post_notifications(user_ids=[other.pk], topic="t", title="not yours")
    client = APIClient()
    client.force_authenticate(reader)
    assert client.get("/api/v1/notifications/unread-count").json() == {"unread": 3}
    page = client.get("/api/v1/notifications/").json()
    assert [item["title"] for item in page["results"]] == ["N2", "N1", "N0"]
    assert page["results"][0]["is_read"] is False
    first = page["results"][0]["id"]
    assert client.post("/api/v1/notifications/read", {"ids": [first]}, format="json").json() == {
        "unread": 2
    }
    unread = client.get("/api/v1/notifications/?is_unread=true").json()
    assert [item["title"] for item in unread["results"]] == ["N1", "N0"]
    assert client.post("/api/v1/notifications/read", {}, format="json").json() == {"unread": 0}
    assert accounts_api.unread_notification_count(user=other) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/notifications/"),
        ("get", "/api/v1/notifications/unread-count"),
        ("post", "/api/v1/notifications/read"),
    ],
)
def test_bell_needs_sign_in(method: str, path: str) -> None:
    response = getattr(APIClient(), method)(path)
    assert response.status_code == 401
