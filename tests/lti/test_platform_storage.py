"""LTI platform storage: a login that offers it is bound to the browser that started it (the
launch must read the login's secret back from the platform's frame and post it from the tool's
own page), and a platform that offered it once cannot be launched without it."""

import hashlib
import html
import io
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from lti_tool.models import LtiRegistration

from accounts.models import AuditEvent, User
from enrollment.models import Enrollment
from lti.models import LoginState, LtiAccount, PlatformRegistration
from tests.lti.conftest import authorize, start_login
from tests.lti.platform import STORAGE_FRAME, Platform

pytestmark = pytest.mark.django_db

TOOL_ORIGIN = "http://testserver"


@pytest.fixture
def ready(registration: LtiRegistration, course: dict[str, Any]) -> LtiRegistration:
    return registration


def _data_attributes(page: bytes, element_id: str) -> dict[str, str]:
    tag = re.search(rf'<[a-z]+ id="{element_id}"([^>]*)>', page.decode())
    assert tag is not None, page
    return {
        name: html.unescape(value) for name, value in re.findall(r'data-([a-z]+)="([^"]*)"', tag[1])
    }


def _storage_login(client: Client, platform: Platform) -> dict[str, str]:
    """The login initiation with `lti_storage_target`: the login page's data attributes."""
    response = client.get(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "hint-1",
            "target_link_uri": "http://testserver/lti/launch/",
            "client_id": platform.client_id,
            "lti_deployment_id": platform.deployment_id,
            "lti_storage_target": STORAGE_FRAME,
        },
    )
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    return _data_attributes(response.content, "lti-storage-login")


def _authorized(platform: Platform, login: dict[str, str]) -> dict[str, str]:
    """The platform's answer to the page's redirect: the id_token form's fields."""
    query = {name: values[0] for name, values in parse_qs(urlsplit(login["next"]).query).items()}
    return authorize(platform, query)


def _refusals() -> list[str]:
    return list(
        AuditEvent.objects.filter(action="login_failed", target_type="lti_launch")
        .order_by("pk")
        .values_list("details__reason", flat=True)
    )


def test_the_login_page_stores_a_secret_in_the_platform_frame_before_the_redirect(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    login = _storage_login(client, platform)

    state = parse_qs(urlsplit(login["next"]).query)["state"][0]
    assert login["next"].startswith(f"{platform.base_url}/auth?")
    assert login["target"] == STORAGE_FRAME
    assert login["origin"] == platform.base_url
    assert login["key"] == f"state_{state}"
    row = LoginState.objects.get(state=state)
    assert row.storage_target == STORAGE_FRAME
    # Only the secret's digest is kept.
    assert row.storage_proof_digest == hashlib.sha256(login["value"].encode()).hexdigest()
    assert login["value"] not in row.storage_proof_digest


def test_the_launch_completes_with_the_secret_read_back_from_the_platform(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    login = _storage_login(client, platform)
    fields = _authorized(platform, login)

    check = client.post("/lti/launch/", fields)

    # First the page that reads the secret back: nothing is spent or written yet.
    assert check.status_code == 200
    assert _data_attributes(check.content, "lti-storage-launch") == {
        "target": STORAGE_FRAME,
        "origin": platform.base_url,
        "key": login["key"],
        "field": "lti_storage_proof",
    }
    assert LoginState.objects.get().used_at is None
    assert LtiAccount.objects.count() == 0

    launched = client.post(
        "/lti/launch/", {**fields, "lti_storage_proof": login["value"]}, HTTP_ORIGIN=TOOL_ORIGIN
    )

    assert launched.status_code == 200
    assert b"Open in ICIM Academy" in launched.content
    assert LtiAccount.objects.get().subject == "sub-1"
    assert LoginState.objects.get().used_at is not None
    assert PlatformRegistration.objects.get().storage_offered_at is not None
    assert _refusals() == []


@pytest.mark.parametrize(
    ("proof", "origin"),
    [
        pytest.param(None, TOOL_ORIGIN, id="empty proof: nothing in this browser's storage"),
        pytest.param("another-login-secret", TOOL_ORIGIN, id="wrong value"),
        pytest.param("right", "http://attacker.example", id="right value posted from elsewhere"),
        pytest.param("right", None, id="right value without an Origin"),
    ],
)
def test_a_launch_without_the_proof_is_refused_and_spends_the_login(
    client: Client,
    platform: Platform,
    ready: LtiRegistration,
    proof: str | None,
    origin: str | None,
) -> None:
    login = _storage_login(client, platform)
    fields = _authorized(platform, login)
    users = User.objects.count()
    value = {"right": login["value"], None: ""}.get(proof, proof)
    headers = {"HTTP_ORIGIN": origin} if origin else {}

    response = client.post("/lti/launch/", {**fields, "lti_storage_proof": value}, **headers)

    assert response.status_code == 403
    assert b"could not be confirmed as started in this browser" in response.content
    assert _refusals() == ["storage_unverified"]
    assert User.objects.count() == users
    assert LtiAccount.objects.count() == 0
    assert Enrollment.objects.count() == 0
    assert PlatformRegistration.objects.get().storage_offered_at is None
    # The login is spent: the right proof afterwards finds it used.
    again = client.post(
        "/lti/launch/", {**fields, "lti_storage_proof": login["value"]}, HTTP_ORIGIN=TOOL_ORIGIN
    )
    assert again.status_code == 403
    assert _refusals() == ["storage_unverified", "invalid_state"]


def test_a_replayed_storage_launch_is_refused(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    login = _storage_login(client, platform)
    fields = _authorized(platform, login)
    proven = {**fields, "lti_storage_proof": login["value"]}
    assert client.post("/lti/launch/", proven, HTTP_ORIGIN=TOOL_ORIGIN).status_code == 200
    users = User.objects.count()

    replayed_form = Client().post("/lti/launch/", fields)
    replayed_proof = Client().post("/lti/launch/", proven, HTTP_ORIGIN=TOOL_ORIGIN)

    assert replayed_form.status_code == 403
    assert b"already used" in replayed_form.content
    assert replayed_proof.status_code == 403
    assert _refusals() == ["invalid_state", "invalid_state"]
    assert User.objects.count() == users


def test_a_platform_that_offered_storage_cannot_be_logged_in_without_it(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    # A login without storage started before the platform's first storage launch...
    earlier = authorize(platform, start_login(client, platform))
    login = _storage_login(client, platform)
    proven = {**_authorized(platform, login), "lti_storage_proof": login["value"]}
    assert client.post("/lti/launch/", proven, HTTP_ORIGIN=TOOL_ORIGIN).status_code == 200
    accounts = LtiAccount.objects.count()
    logins = LoginState.objects.count()

    refused_login = client.get(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "hint-1",
            "client_id": platform.client_id,
            "lti_deployment_id": platform.deployment_id,
        },
    )
    # ...is refused at its launch too.
    refused_launch = client.post("/lti/launch/", earlier)

    assert refused_login.status_code == 403
    assert b"did not offer to confirm this browser" in refused_login.content
    assert LoginState.objects.count() == logins
    assert refused_launch.status_code == 403
    assert _refusals() == ["storage_required", "storage_required"]
    assert LtiAccount.objects.count() == accounts


def test_a_platform_that_never_offered_storage_launches_as_before(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    fields = authorize(platform, start_login(client, platform))

    response = client.post("/lti/launch/", fields)

    assert response.status_code == 200
    assert LtiAccount.objects.count() == 1
    assert PlatformRegistration.objects.get().storage_offered_at is None


def test_a_storage_target_that_is_not_a_frame_name_is_refused(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    response = client.get(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "hint-1",
            "client_id": platform.client_id,
            "lti_storage_target": 'x"><script>alert(1)</script>',
        },
    )

    assert response.status_code == 403
    assert _refusals() == ["invalid_message"]
    assert LoginState.objects.count() == 0


def test_the_command_accepts_a_platform_without_storage_again(
    client: Client, platform: Platform, ready: LtiRegistration
) -> None:
    login = _storage_login(client, platform)
    proven = {**_authorized(platform, login), "lti_storage_proof": login["value"]}
    assert client.post("/lti/launch/", proven, HTTP_ORIGIN=TOOL_ORIGIN).status_code == 200
    output = io.StringIO()

    call_command(
        "lti_register_platform",
        organisation="rhine",
        issuer=platform.issuer,
        client_id=platform.client_id,
        deployment_id=[platform.deployment_id],
        auth_url=f"{platform.base_url}/auth",
        token_url=f"{platform.base_url}/token",
        jwks_url=f"{platform.base_url}/jwks",
        forget_platform_storage=True,
        stdout=output,
    )

    assert "accepted again" in output.getvalue()
    assert PlatformRegistration.objects.get().storage_offered_at is None
    fields = authorize(platform, start_login(client, platform))
    assert client.post("/lti/launch/", fields).status_code == 200
