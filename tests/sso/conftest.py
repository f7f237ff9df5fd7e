"""sso fixtures: the test OpenID provider (one per test session), an organisation with a
provider configured for it, and loopback issuers allowed."""

from collections.abc import Iterator

import pytest
from pytest_django.fixtures import Settings as SettingsWrapper

from accounts.models import Organization
from sso.models import IdentityProvider
from tests.conftest import need_service
from tests.factories import OrganizationFactory
from tests.sso.idp import CLIENT_ID, CLIENT_SECRET, TestProvider, start_provider


@pytest.fixture(scope="session")
def test_provider() -> Iterator[TestProvider]:
    import shutil

    need_service("node (for the test OpenID provider)", shutil.which("node") is not None)
    provider = start_provider()
    yield provider
    provider.stop()


@pytest.fixture
def idp(test_provider: TestProvider, settings: SettingsWrapper) -> Iterator[TestProvider]:
    """The running provider, behaving, with loopback issuers allowed for this test."""
    settings.SSO_ALLOW_LOOPBACK_ISSUERS = True
    test_provider.tamper("none")
    yield test_provider
    test_provider.tamper("none")


@pytest.fixture
def organization(db: None) -> Organization:
    return OrganizationFactory(slug="smart-factory", name="Smart Factory GmbH")


@pytest.fixture
def provider(idp: TestProvider, organization: Organization) -> IdentityProvider:
    return IdentityProvider.objects.create(
        organization=organization,
        slug="factory-idp",
        name="Smart Factory login",
        protocol="oidc",
        oidc_issuer=idp.issuer,
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        grantable_roles=["reviewer", "author"],
    )
