"""LTI Dynamic Registration: an organisation's admin makes a one-time link, the LMS opens it
with its OpenID configuration, the tool registers with the LMS (real HTTP on loopback)."""

from datetime import timedelta
from io import StringIO
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration

from accounts.models import AuditEvent, Organization, User
from lti import api as lti_api
from lti.models import PlatformRegistration, RegistrationLink
from tests.lti.conftest import launch
from tests.lti.platform import NRPS_SCOPE, SCORE_SCOPE, Platform

pytestmark = pytest.mark.django_db

TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"


@pytest.fixture
def link(staff: dict[str, User]) -> str:
    return lti_api.create_registration_link(organization_slug="rhine", created_by=staff["admin"])


def _open(client: Client, platform: Platform, secret: str, token: str | None = None) -> Any:
    """The LMS opens the registration URL (GET), the admin confirms (the page's form, POST)."""
    query = {
        "link": secret,
        "openid_configuration": f"{platform.base_url}/.well-known/openid-configuration",
        "registration_token": platform.registration_token if token is None else token,
    }
    page = client.get("/lti/register/", query)
    if page.status_code != 200:
        return page
    assert page.context["organization"] == "Rhine TU"
    return client.post("/lti/register/", query)


def _refusal_reasons() -> list[str]:
    return [
        event.details["reason"]
        for event in AuditEvent.objects.filter(
            action="login_failed", target_type="lti_registration"
        )
    ]


def test_the_lms_registers_the_tool_for_the_links_organisation_and_launches_it(
    client: Client, platform: Platform, link: str, course: dict[str, Any]
) -> None:
    answer = _open(client, platform, link)

    assert answer.status_code == 200
    assert b'id="lti-registered"' in answer.content
    assert f"frame-ancestors {platform.base_url}" in answer["Content-Security-Policy"]
    # The page's script tells the platform it may close the window.
    script = client.get("/lti/page.js").content.decode()
    assert "(window.opener || window.parent).postMessage" in script
    assert "subject: 'org.imsglobal.lti.close'" in script
    [body] = platform.registration_requests
    assert platform.registration_authorizations == ["Bearer reg-token-1"]
    assert body["application_type"] == "web"
    assert body["response_types"] == ["id_token"]
    assert body["grant_types"] == ["implicit", "client_credentials"]
    assert body["initiate_login_uri"] == "http://testserver/lti/login/"
    assert body["redirect_uris"] == [
        "http://testserver/lti/launch/",
        "http://testserver/lti/deep-link/",
    ]
    assert body["jwks_uri"] == "http://testserver/lti/jwks/"
    assert body["token_endpoint_auth_method"] == "private_key_jwt"
    assert body["scope"].split() == [SCORE_SCOPE, NRPS_SCOPE]
    tool = body[TOOL_CONFIGURATION]
    assert (tool["domain"], tool["target_link_uri"]) == (
        "testserver",
        "http://testserver/lti/launch/",
    )
    assert {"iss", "sub", "name", "email"} <= set(tool["claims"])
    assert {
        "type": "LtiDeepLinkingRequest",
        "target_link_uri": "http://testserver/lti/deep-link/",
        "label": "ICIM Academy",
    } in tool["messages"]
    registration = LtiRegistration.objects.get()
    assert (registration.issuer, registration.client_id) == (platform.issuer, platform.client_id)
    assert (registration.auth_url, registration.token_url, registration.keyset_url) == (
        f"{platform.base_url}/auth",
        f"{platform.base_url}/token",
        f"{platform.base_url}/jwks",
    )
    assert list(LtiDeployment.objects.values_list("deployment_id", "is_active")) == [
        ("dep-dyn", True)
    ]
    assert PlatformRegistration.objects.get().organization.slug == "rhine"
    spent = RegistrationLink.objects.get()
    assert spent.used_at is not None
    assert spent.registration == registration
    # The platform launches the tool with the client and deployment it registered.
    assert launch(Client(), platform).status_code == 200


def test_a_configuration_naming_another_issuer_is_refused_and_nothing_is_registered(
    client: Client, platform: Platform, link: str
) -> None:
    platform.configuration_issuer = "https://lms.elsewhere.example"

    answer = _open(client, platform, link)

    assert answer.status_code == 403
    assert b'data-code="issuer_mismatch"' in answer.content
    assert platform.registration_requests == []
    assert LtiRegistration.objects.count() == 0
    assert RegistrationLink.objects.get().used_at is None
    assert _refusal_reasons() == ["issuer_mismatch"]


@pytest.mark.parametrize(("status", "token"), [(400, None), (201, "wrong-token")])
def test_a_registration_the_platform_refuses_stores_nothing_and_keeps_the_link(
    client: Client, platform: Platform, link: str, status: int, token: str | None
) -> None:
    platform.registration_status = status

    answer = _open(client, platform, link, token=token)

    assert answer.status_code == 403
    assert b'data-code="registration_refused"' in answer.content
    assert len(platform.registration_requests) == 1
    assert LtiRegistration.objects.count() == 0
    assert PlatformRegistration.objects.count() == 0
    assert RegistrationLink.objects.get().used_at is None
    assert _refusal_reasons() == ["registration_refused"]


def test_an_unreachable_configuration_is_refused(client: Client, link: str) -> None:
    query = {"link": link, "openid_configuration": "http://127.0.0.1:9/.well-known/x"}

    answer = client.post("/lti/register/", query)

    assert answer.status_code == 403
    assert b'data-code="invalid_platform_configuration"' in answer.content
    assert LtiRegistration.objects.count() == 0


def test_a_used_link_registers_nothing_more(client: Client, platform: Platform, link: str) -> None:
    assert _open(client, platform, link).status_code == 200

    again = _open(Client(), platform, link)
    replayed = Client().post(
        "/lti/register/",
        {
            "link": link,
            "openid_configuration": f"{platform.base_url}/.well-known/openid-configuration",
        },
    )

    assert again.status_code == replayed.status_code == 403
    assert b'data-code="invalid_registration_link"' in again.content
    assert len(platform.registration_requests) == 1
    assert LtiRegistration.objects.count() == 1
    assert _refusal_reasons() == ["invalid_registration_link"] * 2


@pytest.mark.parametrize("secret", ["expired", "unknown", ""])
def test_an_expired_or_unknown_link_is_refused(
    client: Client, platform: Platform, link: str, secret: str
) -> None:
    if secret == "expired":
        RegistrationLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        secret = link

    page = client.get("/lti/register/", {"link": secret})
    answer = _open(client, platform, secret)

    assert page.status_code == answer.status_code == 403
    assert platform.registration_requests == []
    assert LtiRegistration.objects.count() == 0
    assert _refusal_reasons() == ["invalid_registration_link"] * 2


def test_a_platform_registered_for_another_organisation_is_refused(
    client: Client, platform: Platform, link: str, staff: dict[str, User]
) -> None:
    platform.client_id = "taken"
    platform.register = lambda body, authorization: (  # type: ignore[method-assign]
        201,
        {"client_id": "taken", TOOL_CONFIGURATION: {"deployment_id": "d"}},
    )
    lti_api.register_platform(
        organization_slug="elsewhere",
        issuer=platform.issuer,
        client_id="taken",
        deployment_ids=["d"],
        auth_url=f"{platform.base_url}/auth",
        token_url=f"{platform.base_url}/token",
        jwks_url=f"{platform.base_url}/jwks",
    )

    answer = _open(client, platform, link)

    assert answer.status_code == 403
    assert b'data-code="registered_elsewhere"' in answer.content
    assert PlatformRegistration.objects.get().organization.slug == "elsewhere"
    assert RegistrationLink.objects.get().used_at is None


@pytest.mark.parametrize("who", ["author", "outsider", "learner"])
def test_only_the_organisations_admins_make_links(staff: dict[str, User], who: str) -> None:
    with pytest.raises(PermissionDenied):
        lti_api.create_registration_link(organization_slug="rhine", created_by=staff[who])

    assert RegistrationLink.objects.count() == 0


def test_the_command_prints_a_link_for_the_admin_and_audits_it(
    staff: dict[str, User], institution: Organization
) -> None:
    output = StringIO()

    call_command(
        "lti_registration_link", organisation="rhine", admin="ADMIN@rhine.example", stdout=output
    )

    url = output.getvalue().splitlines()[0]
    assert url.startswith("http")
    assert urlsplit(url).path == "/lti/register/"
    [secret] = parse_qs(urlsplit(url).query)["link"]
    assert lti_api.registration_link_organization(secret=secret) == institution
    link = RegistrationLink.objects.get()
    assert (link.created_by, link.organization) == (staff["admin"], institution)
    assert link.secret_digest != secret
    event = AuditEvent.objects.get(action="token_created")
    assert (event.actor, event.target_type) == (staff["admin"], "lti_registration_link")
    with pytest.raises(CommandError, match="not an admin"):
        call_command("lti_registration_link", organisation="rhine", admin="author@rhine.example")
