"""SAML providers through the configuration API and the protocol-neutral sign-in door."""

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent, Membership, Organization
from sso.models import IdentityProvider
from tests.factories import MembershipFactory
from tests.sso.saml.idp import SamlTestIdp

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/rhine-works/sso/providers"


def _admin_client(organization: Organization, role: str = Membership.Role.ADMIN) -> APIClient:
    client = APIClient()
    client.force_authenticate(MembershipFactory(organization=organization, role=role).user)
    return client


def test_an_administrator_adds_a_saml_provider_from_its_metadata(
    organization: Organization, idp: SamlTestIdp
) -> None:
    answer = _admin_client(organization).post(
        URL,
        {
            "slug": "rhine-saml",
            "name": "Rhine Works",
            "protocol": "saml",
            "grantable_roles": ["author"],
            "saml_idp_metadata": idp.metadata(),
        },
        format="json",
    )

    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["saml_idp_entity_id"] == "https://idp.example.test/metadata"
    assert body["saml_sp_entity_id"] == "http://127.0.0.1:8000/sso/rhine-saml/saml/metadata/"
    assert body["saml_acs_url"] == "http://127.0.0.1:8000/sso/rhine-saml/saml/acs/"
    assert body["login_url"] == "/sso/rhine-saml/login/"
    provider = IdentityProvider.objects.get()
    assert (provider.protocol, provider.saml_idp_entity_id) == (
        "saml",
        "https://idp.example.test/metadata",
    )
    assert AuditEvent.objects.get(action="identity_provider_changed").details["changed"] == [
        "creates_accounts",
        "grantable_roles",
        "is_enabled",
        "name",
        "oidc_scopes",
        "protocol",
        "roles_claim",
        "saml_idp_metadata",
        "slug",
    ]


def test_metadata_without_a_signing_certificate_is_refused_with_its_message(
    organization: Organization, idp: SamlTestIdp
) -> None:
    unsigned = idp.metadata().replace('use="signing"', 'use="encryption"')

    answer = _admin_client(organization).post(
        URL,
        {"slug": "rhine-saml", "name": "Rhine", "protocol": "saml", "saml_idp_metadata": unsigned},
        format="json",
    )

    assert answer.status_code == 400, answer.json()
    assert answer.json()["fields"]["saml_idp_metadata"] == [
        "The identity provider's metadata has no signing certificate (a KeyDescriptor with an "
        "X509Certificate), so its responses could not be checked."
    ]
    assert IdentityProvider.objects.count() == 0


def test_a_saml_provider_without_metadata_is_refused(organization: Organization) -> None:
    answer = _admin_client(organization).post(
        URL, {"slug": "rhine-saml", "name": "Rhine", "protocol": "saml"}, format="json"
    )

    assert answer.status_code == 400
    assert answer.json()["fields"]["saml_idp_metadata"] == ["The metadata is not well-formed XML."]
    assert IdentityProvider.objects.count() == 0


def test_someone_who_is_not_an_administrator_cannot_add_one(
    organization: Organization, idp: SamlTestIdp
) -> None:
    answer = _admin_client(organization, role=Membership.Role.AUTHOR).post(
        URL,
        {"slug": "x", "name": "X", "protocol": "saml", "saml_idp_metadata": idp.metadata()},
        format="json",
    )

    assert answer.status_code == 404
    assert IdentityProvider.objects.count() == 0


def test_the_sign_in_door_sends_a_saml_provider_to_its_saml_login(
    client: APIClient, provider: IdentityProvider
) -> None:
    answer = client.get("/sso/rhine-saml/login/", {"next": "/courses/plc-basics"})
    elsewhere = client.get("/sso/rhine-saml/login/", {"next": "https://evil.example/"})

    assert answer.status_code == 302
    assert answer["Location"] == "/sso/rhine-saml/saml/login/?next=%2Fcourses%2Fplc-basics"
    assert elsewhere["Location"] == "/sso/rhine-saml/saml/login/"
