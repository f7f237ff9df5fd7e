"""Tests of the accounts HTTP API: shapes, CSRF, throttling, tokens, permissions."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import ApiToken, User
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTRATION = {
    "email": "Li.Na@Example.org",
    "password": TEST_PASSWORD,
    "full_name": "Li Na",
    "native_name": "李娜",
    "preferred_language": "zh-hans",
    "country": "CN",
}


def _csrf_token(client: APIClient) -> str:
    response = client.get("/api/v1/auth/csrf")
    assert response.status_code == 200
    return str(response.json()["csrf_token"])


REGISTERED = {
    "detail": "Check your inbox: we sent a message to this address. Open the link in it to finish."
}


def test_register_answers_202_and_does_not_sign_in(csrf_client: APIClient) -> None:
    token = _csrf_token(csrf_client)

    response = csrf_client.post("/api/v1/auth/register", REGISTRATION, HTTP_X_CSRFTOKEN=token)

    assert (response.status_code, response.json()) == (202, REGISTERED)
    assert "sessionid" not in response.cookies
    assert csrf_client.get("/api/v1/auth/me").status_code == 401
    user = User.objects.get()
    assert (user.email, user.native_name, user.email_confirmed_at) == (
        "li.na@example.org",
        "李娜",
        None,
    )


def test_register_with_only_the_required_fields_works(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/auth/register",
        {"email": "min@example.org", "password": TEST_PASSWORD, "full_name": "Min Imal"},
    )

    assert (response.status_code, response.json()) == (202, REGISTERED)
    user = User.objects.get()
    assert (user.country.code, user.preferred_language) == ("", "en")


def test_register_without_csrf_token_is_refused_and_creates_nothing(
    csrf_client: APIClient,
) -> None:
    response = csrf_client.post("/api/v1/auth/register", REGISTRATION)

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert response.json()["detail"].startswith("CSRF check failed")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({**REGISTRATION, "email": "not-an-email"}, "email", "invalid"),
        ({**REGISTRATION, "full_name": "x" * 201}, "full_name", "max_length"),
        ({**REGISTRATION, "preferred_language": "xx"}, "preferred_language", "invalid_choice"),
        ({**REGISTRATION, "country": "ZZ"}, "country", "invalid_choice"),
        ({**REGISTRATION, "is_staff": True}, "is_staff", "invalid"),
        ({**REGISTRATION, "next": "//evil.example/"}, "next", "invalid"),
        ({**REGISTRATION, "full_name": 12}, "full_name", None),
        (
            {key: value for key, value in REGISTRATION.items() if key != "password"},
            "password",
            "required",
        ),
    ],
    ids=[
        "bad-email",
        "long-name",
        "bad-language",
        "bad-country",
        "unknown-field",
        "next-elsewhere",
        "wrong-type",
        "missing-password",
    ],
)
def test_register_bad_input_gets_a_field_error_and_creates_nothing(
    api_client: APIClient, body: dict[str, Any], field: str, code: str | None
) -> None:
    response = api_client.post("/api/v1/auth/register", body, format="json")

    if code is None:  # a number where text belongs is coerced, so this one must succeed
        assert response.status_code == 202
        assert User.objects.get().full_name == "12"
        return
    assert response.status_code == 400
    payload = response.json()
    assert payload["detail"] == "Invalid input."
    assert payload["code"] == code
    assert list(payload["fields"]) == [field]
    assert not User.objects.exists()


def test_malformed_json_is_a_clear_400(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/auth/register", data='{"email": "a@b.org",', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["detail"].startswith("JSON parse error")


def test_login_sets_a_session_and_logout_ends_it(api_client: APIClient) -> None:
    user = UserFactory(email="learner@example.org")

    response = api_client.post(
        "/api/v1/auth/login", {"email": "Learner@Example.org", "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    assert response.json()["id"] == user.pk
    assert api_client.get("/api/v1/auth/me").status_code == 200

    assert api_client.post("/api/v1/auth/logout").status_code == 204
    assert api_client.get("/api/v1/auth/me").status_code == 401


def test_login_with_wrong_password_is_400_without_revealing_which_part(
    api_client: APIClient,
) -> None:
    UserFactory(email="learner@example.org")

    response = api_client.post(
        "/api/v1/auth/login", {"email": "learner@example.org", "password": "nope-nope-nope"}
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "The e-mail address or password is incorrect.",
        "code": "invalid_credentials",
        "fields": {"non_field_errors": ["The e-mail address or password is incorrect."]},
    }


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/auth/login", {"email": "x@example.org", "password": "wrong-password"}),
        ("/api/v1/auth/tokens", {"email": "x@example.org", "password": "wrong-password"}),
        ("/api/v1/auth/password-reset", {"email": "x@example.org"}),
        ("/api/v1/auth/register", {"email": "bad"}),
        ("/api/v1/auth/confirm-email", {"token": "bad"}),
    ],
)
def test_public_credential_endpoints_are_throttled(
    api_client: APIClient, path: str, body: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(
        ScopedRateThrottle,
        "THROTTLE_RATES",
        {
            "login": "3/min",
            "register": "3/min",
            "confirm_email": "3/min",
            "tokens": "3/min",
            "password_reset": "3/min",
        },
    )

    statuses = [api_client.post(path, body, format="json").status_code for _ in range(4)]

    assert 429 not in statuses[:3]
    assert statuses[3] == 429
    last = api_client.post(path, body, format="json")
    assert last.json()["code"] == "throttled"
    assert int(last["Retry-After"]) > 0


def test_me_requires_authentication_with_a_bearer_challenge(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/auth/me")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["code"] == "not_authenticated"


def test_session_of_an_anonymous_visitor_is_200_with_no_user(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/auth/session")

    assert response.status_code == 200
    assert response.json() == {"user": None}


def test_session_of_a_signed_in_user_is_their_profile_and_ends_with_logout(
    api_client: APIClient,
) -> None:
    user = UserFactory(email="learner@example.org", full_name="Li Na")
    api_client.post("/api/v1/auth/login", {"email": user.email, "password": TEST_PASSWORD})

    signed_in = api_client.get("/api/v1/auth/session")
    assert signed_in.status_code == 200
    assert signed_in.json()["user"] == api_client.get("/api/v1/auth/me").json()
    assert signed_in.json()["user"]["full_name"] == "Li Na"

    api_client.post("/api/v1/auth/logout")
    assert api_client.get("/api/v1/auth/session").json() == {"user": None}


def test_session_with_a_bad_bearer_token_is_401(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/auth/session", HTTP_AUTHORIZATION="Bearer nope")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_me_lists_memberships_with_their_organisations(
    logged_in_client: APIClient, user: User
) -> None:
    organization = OrganizationFactory(slug="rhine", name="Rhine TU", country="DE")
    MembershipFactory(user=user, organization=organization, role="reviewer")

    response = logged_in_client.get("/api/v1/auth/me")

    assert response.json()["memberships"] == [
        {
            "organization": {
                "slug": "rhine",
                "name": "Rhine TU",
                "kind": "institution",
                "country": "DE",
            },
            "role": "reviewer",
        }
    ]


def test_patch_me_updates_the_profile_and_refuses_unknown_fields(
    logged_in_client: APIClient, user: User
) -> None:
    response = logged_in_client.patch(
        "/api/v1/auth/me",
        {"full_name": "Wang Fang", "native_name": "王芳", "preferred_language": "zh-hans"},
    )
    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["native_name"]) == ("Wang Fang", "王芳")

    refused = logged_in_client.patch("/api/v1/auth/me", {"email": "other@example.org"})
    assert refused.status_code == 400
    # The user now prefers Chinese, so the API answers in Chinese.
    assert refused.json()["fields"] == {"email": ["未知字段。"]}
    user.refresh_from_db()
    assert (user.email, user.full_name) != ("other@example.org", "")
    assert user.full_name == "Wang Fang"


def test_token_lifecycle_create_use_list_revoke(api_client: APIClient) -> None:
    user = UserFactory(email="hr@example.org")

    created = api_client.post(
        "/api/v1/auth/tokens",
        {"email": "hr@example.org", "password": TEST_PASSWORD, "name": "ATS"},
    )
    assert created.status_code == 201
    secret = created.json()["token"]

    machine = APIClient()
    machine.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert machine.get("/api/v1/auth/me").json()["email"] == "hr@example.org"
    listed = machine.get("/api/v1/auth/tokens").json()
    assert [(token["name"], token["prefix"]) for token in listed] == [("ATS", secret[:11])]
    assert "token" not in listed[0]

    assert machine.delete(f"/api/v1/auth/tokens/{created.json()['id']}").status_code == 204
    after = machine.get("/api/v1/auth/me")
    assert after.status_code == 401
    assert after.json()["detail"] == "Invalid, expired or revoked token."
    assert ApiToken.objects.get(user=user).revoked_at is not None


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer icim_unknown"])
def test_bad_bearer_headers_are_401(api_client: APIClient, header: str) -> None:
    response = api_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_token_of_another_user_cannot_be_revoked(logged_in_client: APIClient) -> None:
    other = UserFactory()
    token = ApiToken.objects.create(
        user=other, prefix="icim_abc", digest="0" * 64, expires_at="2999-01-01T00:00:00Z"
    )

    response = logged_in_client.delete(f"/api/v1/auth/tokens/{token.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}
    token.refresh_from_db()
    assert token.revoked_at is None


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    api_client: APIClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from accounts.tasks import send_password_reset_email_task

    queued: list[int] = []
    monkeypatch.setattr(send_password_reset_email_task, "delay_on_commit", queued.append)
    UserFactory(email="known@example.org")

    known = api_client.post("/api/v1/auth/password-reset", {"email": "known@example.org"})
    unknown = api_client.post("/api/v1/auth/password-reset", {"email": "ghost@example.org"})

    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.json() == unknown.json()
    assert len(queued) == 1


def test_password_reset_confirm_with_bad_token_is_400(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/auth/password-reset/confirm",
        {"uid": "MQ", "token": "bad-token", "new_password": "brand-new-pass-1"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_reset_link"


def test_organizations_are_public_filterable_and_paginated(api_client: APIClient) -> None:
    OrganizationFactory(slug="b-tu", name="B Tech", country="DE")
    OrganizationFactory(slug="a-poly", name="A Poly", country="CN")
    OrganizationFactory(slug="hr", name="Hiring Co", kind="employer", country="AU")

    everything = api_client.get("/api/v1/organizations/").json()
    institutions_in_china = api_client.get(
        "/api/v1/organizations/", {"kind": "institution", "country": "CN"}
    ).json()
    searched = api_client.get("/api/v1/organizations/", {"search": "hiring"}).json()

    assert everything["count"] == 3
    assert [item["slug"] for item in everything["results"]] == ["a-poly", "b-tu", "hr"]
    assert [item["slug"] for item in institutions_in_china["results"]] == ["a-poly"]
    assert [item["slug"] for item in searched["results"]] == ["hr"]
    assert everything["results"][0] == {
        "slug": "a-poly",
        "name": "A Poly",
        "kind": "institution",
        "country": "CN",
        "website": "",
        "logo": None,
    }


def test_organization_filter_with_a_bad_value_names_the_parameter(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/organizations/", {"kind": "spaceship"})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["kind"]


def test_organization_list_runs_a_fixed_number_of_queries(
    api_client: APIClient, django_assert_num_queries: Any
) -> None:
    for _ in range(30):
        OrganizationFactory()

    with django_assert_num_queries(2):  # count + page
        response = api_client.get("/api/v1/organizations/", {"page_size": 30})

    assert len(response.json()["results"]) == 30


def test_errors_follow_accept_language_for_anonymous_clients(api_client: APIClient) -> None:
    response = api_client.post(
        "/api/v1/auth/login",
        {"email": "x@example.org", "password": "whatever-pass"},
        HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,en;q=0.5",
    )

    assert response.json()["detail"] == "E-Mail-Adresse oder Passwort ist falsch."
    assert response["Content-Language"] == "de"


def test_consent_to_the_name_in_credentials_at_registration_and_later(
    api_client: APIClient, logged_in_client: APIClient, user: User
) -> None:
    registered = api_client.post(
        "/api/v1/auth/register",
        {
            "email": "consent@example.org",
            "password": TEST_PASSWORD,
            "full_name": "Con Sent",
            "is_name_in_credentials": True,
        },
    )
    changed = logged_in_client.patch("/api/v1/auth/me", {"is_name_in_credentials": True})

    assert registered.status_code == 202
    assert User.objects.get(email="consent@example.org").is_name_in_credentials is True
    assert (changed.status_code, changed.json()["is_name_in_credentials"]) == (200, True)
    user.refresh_from_db()
    assert user.is_name_in_credentials is True
