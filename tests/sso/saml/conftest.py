"""SAML fixtures: the test IdP (tests/sso/saml/idp.py), its organisation's provider row, the
service provider's keys made for the test run, and a helper that drives a sign-in as a browser."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from accounts.models import Membership, Organization
from sso.models import IdentityProvider
from tests.factories import OrganizationFactory
from tests.sso.saml.idp import AuthnRequestSeen, IdpUser, SamlTestIdp


@pytest.fixture(scope="session")
def _saml_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("saml")


@pytest.fixture(autouse=True)
def _saml_service_provider_keys(settings: Any, _saml_directory: Path) -> None:
    """The SP signs with a pair made for the test run (made at first use, as in development)."""
    settings.SAML_SP_KEY_FILE = str(_saml_directory / "sp" / "key.pem")
    settings.SAML_SP_CERT_FILE = str(_saml_directory / "sp" / "cert.pem")
    settings.DEBUG = True


@pytest.fixture
def idp(_saml_directory: Path) -> SamlTestIdp:
    return SamlTestIdp(_saml_directory)


@pytest.fixture
def organization() -> Organization:
    return OrganizationFactory(slug="rhine-works", name="Rhine Works")


@pytest.fixture
def provider(idp: SamlTestIdp, organization: Organization, client: Client) -> IdentityProvider:
    provider = IdentityProvider.objects.create(
        organization=organization,
        slug="rhine-saml",
        name="Rhine Works",
        protocol=IdentityProvider.Protocol.SAML,
        saml_idp_entity_id=idp.entity_id,
        saml_idp_metadata=idp.metadata(),
        grantable_roles=[Membership.Role.AUTHOR],
        roles_claim="icim_roles",
    )
    metadata = client.get("/sso/rhine-saml/saml/metadata/")
    assert metadata.status_code == 200
    idp.trust(metadata.content.decode())
    return provider


ANNA = IdpUser(
    name_id="a1b2c3-persistent",
    email="anna.schmidt@rhine-works.example",
    display_name="Anna Schmidt",
    roles=("author", "admin"),
)


@dataclass
class SamlBrowser:
    """The Django test client walking a sign-in: start at the SP, read the request at the IdP,
    post the IdP's answer back."""

    client: Client
    idp: SamlTestIdp

    def start(self, next_path: str = "") -> AuthnRequestSeen:
        query = {"next": next_path} if next_path else {}
        started = self.client.get("/sso/rhine-saml/saml/login/", query)
        assert started.status_code == 302, started.content
        return self.idp.read_request(started["Location"])

    def post(self, saml_response: str) -> Any:
        return self.client.post("/sso/rhine-saml/saml/acs/", {"SAMLResponse": saml_response})

    def sign_in(self, user: IdpUser = ANNA, **tampering: Any) -> Any:
        request = self.start()
        return self.post(self.idp.respond(request, user, **tampering))


@pytest.fixture
def browser(client: Client, idp: SamlTestIdp, provider: IdentityProvider) -> SamlBrowser:
    return SamlBrowser(client=client, idp=idp)
