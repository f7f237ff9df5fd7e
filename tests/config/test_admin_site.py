"""The admin's sign-in form: throttled with the API login's budget, and every attempt audited."""

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from accounts.models import AuditEvent, User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def staff() -> User:
    return User.objects.create_superuser("root@example.org", TEST_PASSWORD, full_name="Root")


def _sign_in(client: Client, email: str, password: str, address: str = "203.0.113.7") -> int:
    response = client.post(
        ADMIN_LOGIN,
        {"username": email, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )
    return response.status_code


def test_a_successful_admin_sign_in_is_audited(staff: User) -> None:
    client = Client()

    status = _sign_in(client, staff.email, TEST_PASSWORD)

    assert status == 302
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_id) == ("login", staff, str(staff.pk))
    assert event.details == {"via": "admin"}
    assert event.ip_address == "203.0.113.7"


def test_a_failed_admin_sign_in_is_audited_with_the_address_tried(staff: User) -> None:
    status = _sign_in(Client(), "Root@Example.org", "wrong password")

    assert status == 200  # the form again, with its error
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("login_failed", None)
    assert event.target_id == "root@example.org"
    assert event.details == {"via": "admin"}


def test_admin_sign_in_is_throttled_per_client(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "3/hour"})
    client = Client()

    statuses = [_sign_in(client, staff.email, "wrong password") for _ in range(3)]
    refused = client.post(
        ADMIN_LOGIN, {"username": staff.email, "password": TEST_PASSWORD}, REMOTE_ADDR="203.0.113.7"
    )
    elsewhere = _sign_in(Client(), staff.email, TEST_PASSWORD, address="198.51.100.4")

    assert statuses == [200, 200, 200]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert "Too many sign-in attempts" in refused.content.decode()
    assert elsewhere == 302
    # The refused attempt neither signed in nor reached the form: three failures, one success.
    assert sorted(AuditEvent.objects.values_list("action", flat=True)) == [
        "login",
        "login_failed",
        "login_failed",
        "login_failed",
    ]


def test_admin_and_api_sign_ins_share_one_budget(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "2/hour"})
    api = APIClient(enforce_csrf_checks=False)
    for _ in range(2):
        api.post(
            "/api/v1/auth/login",
            {"email": staff.email, "password": "wrong password"},
            REMOTE_ADDR="203.0.113.7",
        )

    status = _sign_in(Client(), staff.email, TEST_PASSWORD)

    assert status == 429
    assert not AuditEvent.objects.filter(action="login").exists()


def test_the_refusal_is_in_the_visitors_language(
    staff: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "1/hour"})
    client = Client()
    _sign_in(client, staff.email, "wrong password")

    refused = client.post(
        ADMIN_LOGIN,
        {"username": staff.email, "password": TEST_PASSWORD},
        REMOTE_ADDR="203.0.113.7",
        headers={"Accept-Language": "de"},
    )

    assert refused.status_code == 429
    assert refused.content.decode().startswith("Zu viele Anmeldeversuche.")
