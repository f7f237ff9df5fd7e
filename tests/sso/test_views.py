"""The provider configuration API (organisation administrators) and the public sign-in list."""

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent, Organization, User
from sso.models import IdentityProvider
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.sso.idp import CLIENT_ID, TestProvider

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/smart-factory/sso/providers"


@pytest.fixture
def admin(organization: Organization) -> User:
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role="admin")
    return user


@pytest.fixture
def admin_client(admin: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(admin)
    return client


def new_provider(issuer: str, **changes: object) -> dict[str, object]:
    return {
        "slug": "second-idp",
        "name": "Factory staff",
        "protocol": "oidc",
        "oidc_issuer": issuer,
        "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": "s3cret-value",
        "grantable_roles": ["author"],
        **changes,
    }


def test_an_admin_creates_a_provider_and_never_sees_the_secret_again(
    admin_client: APIClient, admin: User, idp: TestProvider
) -> None:
    response = admin_client.post(URL, new_provider(idp.issuer), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert "oidc_client_secret" not in body
    assert body["has_client_secret"] is True
    assert body["login_url"] == "/sso/second-idp/login/"
    assert body["redirect_uri"] == "http://testserver/sso/second-idp/oidc/callback/"
    assert body["grantable_roles"] == ["author"]
    provider = IdentityProvider.objects.get(slug="second-idp")
    assert provider.oidc_client_secret == "s3cret-value"
    event = AuditEvent.objects.get(action="identity_provider_changed")
    assert (event.actor, event.target_id) == (admin, "second-idp")
    assert event.details["operation"] == "created"
    assert "s3cret-value" not in str(event.details)
    listed = admin_client.get(URL).json()
    assert listed["count"] == 1
    assert "oidc_client_secret" not in listed["results"][0]


def test_an_empty_secret_in_an_update_keeps_the_stored_one(
    admin_client: APIClient, provider: IdentityProvider
) -> None:
    response = admin_client.patch(
        f"{URL}/{provider.pk}",
        {"name": "Renamed", "oidc_client_secret": "", "is_enabled": False},
        format="json",
    )

    assert response.status_code == 200, response.content
    provider.refresh_from_db()
    assert (provider.name, provider.is_enabled) == ("Renamed", False)
    assert provider.oidc_client_secret == "test-client-secret-0123456789"
    event = AuditEvent.objects.get(action="identity_provider_changed")
    assert event.details["changed"] == ["is_enabled", "name"]


def test_a_provider_can_be_deleted(admin_client: APIClient, provider: IdentityProvider) -> None:
    response = admin_client.delete(f"{URL}/{provider.pk}")

    assert response.status_code == 204
    assert not IdentityProvider.objects.exists()
    assert AuditEvent.objects.get().details["operation"] == "deleted"


@pytest.mark.parametrize(
    ("issuer", "error"),
    [
        ("http://127.0.0.1:9", "The host resolves to an address that is not public (127.0.0.1)."),
        ("http://10.1.2.3/", "The host resolves to an address that is not public (10.1.2.3)."),
        ("http://93.184.215.14/", "The address must start with https://."),
        ("https://169.254.169.254/", (
            "The host resolves to an address that is not public (169.254.169.254)."
        )),
    ],
)  # fmt: skip
def test_private_and_plain_http_issuers_are_refused(
    admin_client: APIClient, issuer: str, error: str
) -> None:
    response = admin_client.post(URL, new_provider(issuer), format="json")

    assert response.status_code == 400
    assert response.json()["fields"]["oidc_issuer"] == [error]
    assert not IdentityProvider.objects.exists()


def test_a_saml_provider_needs_its_idp_metadata(admin_client: APIClient) -> None:
    response = admin_client.post(
        URL, new_provider("https://93.184.215.14", protocol="saml"), format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["saml_idp_metadata"]
    assert IdentityProvider.objects.count() == 0


def test_a_slug_in_use_is_refused(
    admin_client: APIClient, provider: IdentityProvider, idp: TestProvider
) -> None:
    response = admin_client.post(URL, new_provider(idp.issuer, slug="factory-idp"), format="json")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["slug"]
    assert IdentityProvider.objects.count() == 1


def test_another_organisations_admin_sees_nothing(provider: IdentityProvider) -> None:
    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=OrganizationFactory(), role="admin")
    client = APIClient()
    client.force_authenticate(stranger)

    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}/{provider.pk}").status_code == 404
    assert client.patch(f"{URL}/{provider.pk}", {"name": "x"}, format="json").status_code == 404
    assert client.delete(f"{URL}/{provider.pk}").status_code == 404
    provider.refresh_from_db()
    assert provider.name == "Smart Factory login"


def test_the_discovery_test_reports_what_it_found(
    admin_client: APIClient, idp: TestProvider
) -> None:
    response = admin_client.post(
        f"{URL}/test-discovery", {"oidc_issuer": idp.issuer}, format="json"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["is_ok"] is True
    assert body["error"] == ""
    assert body["issuer"] == idp.issuer
    assert body["authorization_endpoint"] == f"{idp.issuer}/auth"
    assert body["token_endpoint"] == f"{idp.issuer}/token"
    assert body["userinfo_endpoint"] == f"{idp.issuer}/me"
    assert body["jwks_uri"] == f"{idp.issuer}/jwks"
    assert body["signing_algorithms"] == ["RS256"]
    assert set(body["scopes_supported"]) == {"openid", "email", "profile"}


def test_the_discovery_test_reports_the_error(admin_client: APIClient, idp: TestProvider) -> None:
    # The provider answers, but not at this path: no discovery document there.
    response = admin_client.post(
        f"{URL}/test-discovery", {"oidc_issuer": f"{idp.issuer}/elsewhere"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["is_ok"] is False
    assert response.json()["error"] == "The provider could not be reached: HTTPError"


def test_sign_in_buttons_show_only_what_the_page_needs(provider: IdentityProvider) -> None:
    IdentityProvider.objects.create(
        organization=provider.organization, slug="off-idp", name="Switched off",
        protocol="oidc", oidc_issuer=provider.oidc_issuer, oidc_client_id="x",
        is_enabled=False,
    )  # fmt: skip
    client = APIClient()

    by_organization = client.get("/api/v1/sso/providers", {"organization": "smart-factory"})
    by_name = client.get("/api/v1/sso/providers", {"search": "factory gm"})
    too_short = client.get("/api/v1/sso/providers", {"search": "f"})

    expected = [
        {
            "slug": "factory-idp",
            "name": "Smart Factory login",
            "organization_name": "Smart Factory GmbH",
            "login_url": "/sso/factory-idp/login/",
        }
    ]
    assert by_organization.json()["results"] == expected
    assert by_name.json()["results"] == expected
    assert too_short.json()["results"] == []
