"""The audit log: sign-ins and tokens are recorded; staff read it in the API and the admin."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts.models import ApiToken, AuditEvent, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

FIELDS = ("action", "actor", "actor_email", "target_type", "target_id", "ip_address", "details")


def _recorded() -> list[tuple[Any, ...]]:
    """Every audit row, oldest first, as comparable tuples."""
    return [
        tuple(getattr(event, field) for field in FIELDS)
        for event in AuditEvent.objects.order_by("created_at", "id")
    ]


def test_a_sign_in_is_recorded_with_the_client_address(api_client: APIClient) -> None:
    user = UserFactory(email="li.na@example.org")

    response = api_client.post(
        "/api/v1/auth/login",
        {"email": "Li.Na@Example.org", "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 200
    assert _recorded() == [
        ("login", user, user.email, "user", str(user.pk), "203.0.113.9", {"via": "session"})
    ]


def test_a_failed_sign_in_is_recorded_without_an_actor(api_client: APIClient) -> None:
    UserFactory(email="li.na@example.org")

    response = api_client.post(
        "/api/v1/auth/login",
        {"email": "li.na@example.org", "password": "not-the-password"},
        REMOTE_ADDR="2001:db8::7",
    )

    assert response.status_code == 400
    assert _recorded() == [
        ("login_failed", None, "", "email", "li.na@example.org", "2001:db8::7", {"via": "session"})
    ]


def test_tokens_created_refused_and_revoked_are_recorded_once(api_client: APIClient) -> None:
    user = UserFactory(email="robot@example.org")

    refused = api_client.post(
        "/api/v1/auth/tokens", {"email": user.email, "password": "wrong-password"}
    )
    created = api_client.post(
        "/api/v1/auth/tokens", {"email": user.email, "password": TEST_PASSWORD, "name": "ci"}
    )
    token = ApiToken.objects.get()
    api_client.force_authenticate(user)  # the revoked token could not revoke itself twice
    first = api_client.delete(f"/api/v1/auth/tokens/{token.pk}")
    second = api_client.delete(f"/api/v1/auth/tokens/{token.pk}")

    assert (refused.status_code, created.status_code) == (400, 201)
    assert (first.status_code, second.status_code) == (204, 204)
    details = {"name": "ci", "prefix": token.prefix}
    assert _recorded() == [
        ("login_failed", None, "", "email", user.email, "127.0.0.1", {"via": "token"}),
        ("token_created", user, user.email, "api_token", str(token.pk), "127.0.0.1", details),
        ("token_revoked", user, user.email, "api_token", str(token.pk), "127.0.0.1", details),
    ]


def test_the_address_behind_trusted_proxies_is_recorded(
    api_client: APIClient, settings: Any
) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    UserFactory(email="li.na@example.org")

    api_client.post(
        "/api/v1/auth/login",
        {"email": "li.na@example.org", "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.4",
        REMOTE_ADDR="10.0.0.2",
    )
    api_client.post(
        "/api/v1/auth/login",
        {"email": "li.na@example.org", "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR="not-an-address",
        REMOTE_ADDR="10.0.0.2",
    )

    assert list(AuditEvent.objects.order_by("id").values_list("ip_address", flat=True)) == [
        "198.51.100.4",
        None,  # garbage in the header is not stored (nor allowed to fail the sign-in)
    ]


def test_an_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown audit action 'logged_in'"):
        accounts_api.record_audit_event(action="logged_in")

    assert AuditEvent.objects.count() == 0


# --- reading: the API for platform staff ------------------------------------------------------


@pytest.fixture
def events() -> dict[str, Any]:
    """Three events: a sign-in two days ago, a failed sign-in yesterday, a token today."""
    alice = UserFactory(email="alice@example.org")
    now = timezone.now()
    rows = {
        "login": accounts_api.record_audit_event(
            action="login", actor=alice, target_type="user", target_id=str(alice.pk)
        ),
        "failed": accounts_api.record_audit_event(
            action="login_failed", target_type="email", target_id="bob@example.org"
        ),
        "token": accounts_api.record_audit_event(
            action="token_created", actor=alice, target_type="api_token", target_id="t-1"
        ),
    }
    for days, row in zip((2, 1, 0), rows.values(), strict=True):
        AuditEvent.objects.filter(pk=row.pk).update(created_at=now - timedelta(days=days))
    return {"alice": alice, "now": now, **rows}


def _staff_client() -> APIClient:
    client = APIClient()
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 401), ("learner", 403), ("institution admin", 403)]
)
def test_only_platform_staff_read_the_audit_log(
    events: dict[str, Any], who: str, status: int
) -> None:
    from tests.factories import MembershipFactory

    client = APIClient()
    if who == "learner":
        client.force_login(UserFactory())
    elif who == "institution admin":
        client.force_login(MembershipFactory(role="admin").user)

    response = client.get("/api/v1/audit-events/")

    assert response.status_code == status
    assert set(response.json()) == {"detail", "code"}


def test_staff_read_the_log_newest_first(events: dict[str, Any]) -> None:
    response = _staff_client().get("/api/v1/audit-events/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [row["id"] for row in body["results"]] == [
        events["token"].pk,
        events["failed"].pk,
        events["login"].pk,
    ]
    token = body["results"][0]
    assert {key: value for key, value in token.items() if key != "created_at"} == {
        "id": events["token"].pk,
        "action": "token_created",
        "actor_id": events["alice"].pk,
        "actor_email": "alice@example.org",
        "target_type": "api_token",
        "target_id": "t-1",
        "ip_address": None,
        "details": {},
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("action=login_failed", ["failed"]),
        ("actor_id={alice}", ["token", "login"]),
        ("target_type=email&target_id=bob@example.org", ["failed"]),
        ("since={yesterday}", ["token", "failed"]),
        ("until={yesterday}", ["login"]),
        ("action=token_created&actor_id={alice}&page_size=1", ["token"]),
    ],
)
def test_staff_filter_the_log(events: dict[str, Any], query: str, expected: list[str]) -> None:
    yesterday = (events["now"] - timedelta(days=1, minutes=1)).isoformat().replace("+", "%2B")
    url = "/api/v1/audit-events/?" + query.format(alice=events["alice"].pk, yesterday=yesterday)

    response = _staff_client().get(url)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [
        events[name].pk for name in expected
    ]


def test_a_bad_filter_is_a_json_error(events: dict[str, Any]) -> None:
    response = _staff_client().get("/api/v1/audit-events/?action=deleted_everything&since=soon")

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"action", "since"}


def test_the_log_is_paginated_in_constant_queries(
    events: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        accounts_api.record_audit_event(action="login_failed", target_id=f"x{number}@example.org")
    client = _staff_client()

    with django_assert_max_num_queries(4):  # session, user, count, page
        response = client.get("/api/v1/audit-events/?page=2")

    assert response.status_code == 200
    assert (response.json()["count"], len(response.json()["results"])) == (33, 13)


# --- reading: the Django admin, read-only ---------------------------------------------------------


def test_the_admin_shows_the_log_and_refuses_changes(events: dict[str, Any]) -> None:
    admin = User.objects.create_superuser("root@example.org", TEST_PASSWORD, full_name="Root")
    client = Client()
    client.force_login(admin)
    event = events["token"]

    listing = client.get("/admin/accounts/auditevent/")
    detail = client.get(f"/admin/accounts/auditevent/{event.pk}/change/")
    add = client.get("/admin/accounts/auditevent/add/")
    delete = client.post(f"/admin/accounts/auditevent/{event.pk}/delete/", {"post": "yes"})
    change = client.post(
        f"/admin/accounts/auditevent/{event.pk}/change/", {"action": "login", "target_id": "x"}
    )

    assert listing.status_code == 200
    assert b"alice@example.org" in listing.content
    assert detail.status_code == 200  # viewable
    assert (add.status_code, delete.status_code, change.status_code) == (403, 403, 403)
    event.refresh_from_db()
    assert (event.action, event.target_id) == ("token_created", "t-1")
    assert AuditEvent.objects.count() == 3
