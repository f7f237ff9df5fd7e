"""Registering a platform, the tool's keys, and the login initiation."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from lti_tool.models import Key, LtiDeployment, LtiRegistration

from accounts.models import Organization
from lti.models import LaunchTicket, LoginState, PlatformRegistration
from tests.factories import OrganizationFactory, UserFactory
from tests.lti.conftest import start_login
from tests.lti.platform import Platform

pytestmark = pytest.mark.django_db

ARGUMENTS = [
    "--issuer=https://moodle.rhine.example",
    "--client-id=abc123",
    "--deployment-id=1",
    "--auth-url=https://moodle.rhine.example/mod/lti/auth.php",
    "--token-url=https://moodle.rhine.example/mod/lti/token.php",
    "--jwks-url=https://moodle.rhine.example/mod/lti/certs.php",
]


def test_the_command_registers_a_platform_for_the_organisation_and_prints_the_tool_urls(
    institution: Organization,
) -> None:
    out = StringIO()

    call_command("lti_register_platform", "--organisation=rhine", *ARGUMENTS, stdout=out)

    registration = LtiRegistration.objects.get()
    assert (registration.issuer, registration.client_id) == (
        "https://moodle.rhine.example",
        "abc123",
    )
    assert registration.keyset_url == "https://moodle.rhine.example/mod/lti/certs.php"
    assert PlatformRegistration.objects.get().organization == institution
    assert list(LtiDeployment.objects.values_list("deployment_id", "is_active")) == [("1", True)]
    assert Key.objects.count() == 1
    assert "Login initiation URL: http://127.0.0.1:8000/lti/login/" in out.getvalue()
    assert "Public keyset (JWKS) URL: http://127.0.0.1:8000/lti/jwks/" in out.getvalue()


def test_registering_again_is_idempotent_and_adds_deployments(institution: Organization) -> None:
    call_command("lti_register_platform", "--organisation=rhine", *ARGUMENTS, stdout=StringIO())

    call_command(
        "lti_register_platform",
        "--organisation=rhine",
        *ARGUMENTS,
        "--deployment-id=2",
        stdout=StringIO(),
    )

    assert LtiRegistration.objects.count() == 1
    assert sorted(LtiDeployment.objects.values_list("deployment_id", flat=True)) == ["1", "2"]
    assert Key.objects.count() == 1


@pytest.mark.parametrize(
    ("organisation", "message"),
    [("nowhere", "No organisation 'nowhere'"), ("other", "registered for another organisation")],
)
def test_the_command_refuses_an_unknown_organisation_or_a_taken_client_id(
    institution: Organization, organisation: str, message: str
) -> None:
    OrganizationFactory(slug="other")
    call_command("lti_register_platform", "--organisation=rhine", *ARGUMENTS, stdout=StringIO())

    with pytest.raises(CommandError, match=message):
        call_command("lti_register_platform", f"--organisation={organisation}", *ARGUMENTS)

    assert PlatformRegistration.objects.get().organization == institution


def test_the_jwks_publishes_every_active_tool_key(client: Client, registration: Any) -> None:
    call_command("rotate_keys", stdout=StringIO())

    keys = client.get("/lti/jwks/").json()["keys"]

    assert len(keys) == 2
    assert {key["alg"] for key in keys} == {"RS256"}
    assert all("d" not in key for key in keys)  # public halves only


def test_the_login_records_state_and_nonce_and_sets_no_cookie_it_relies_on(
    client: Client, platform: Platform, registration: Any
) -> None:
    query = start_login(client, platform)

    login = LoginState.objects.get()
    assert (login.state, login.nonce, login.used_at) == (query["state"], query["nonce"], None)
    assert query["redirect_uri"] == "http://testserver/lti/launch/"
    assert query["client_id"] == platform.client_id
    assert query["response_mode"] == "form_post"
    assert query["prompt"] == "none"


def test_the_login_never_redirects_to_a_foreign_target(
    client: Client, platform: Platform, registration: Any
) -> None:
    query = start_login(client, platform, target="https://evil.example/steal")

    assert query["redirect_uri"] == "http://testserver/lti/launch/"


def test_the_login_without_client_id_finds_the_issuers_only_registration(
    client: Client, platform: Platform, registration: Any
) -> None:
    response = client.get(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "h",
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith(f"{platform.base_url}/auth?")


def test_a_login_forgets_logins_and_tickets_a_day_old(
    client: Client, platform: Platform, registration: Any
) -> None:
    start_login(client, platform)
    LoginState.objects.update(created_at=timezone.now() - timedelta(days=2))
    user = UserFactory()
    LaunchTicket.objects.create(
        user=user,
        secret_digest="a" * 64,
        next_path="/",
        expires_at=timezone.now() - timedelta(days=2),
    )
    LaunchTicket.objects.create(
        user=user, secret_digest="b" * 64, next_path="/", expires_at=timezone.now()
    )

    query = start_login(client, platform)

    assert list(LoginState.objects.values_list("state", flat=True)) == [query["state"]]
    assert list(LaunchTicket.objects.values_list("secret_digest", flat=True)) == ["b" * 64]


@pytest.mark.parametrize("model", ["platformregistration", "ltiaccount", "gradelink"])
def test_the_admin_lists_the_tools_records(
    client: Client, platform: Platform, registration: Any, model: str
) -> None:
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.get(f"/admin/lti/{model}/")

    assert response.status_code == 200
