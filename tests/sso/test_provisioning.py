"""sso.provisioning: who an assertion signs in, never linked by e-mail."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Membership, Organization
from sso import provisioning
from sso.models import ExternalIdentity, IdentityProvider
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

ADA = provisioning.Assertion(
    subject="ada-0001", email="Ada@Factory.example", full_name=" Ada Lovelace ",
    roles=("reviewer", "admin", "no-such-role"),
)  # fmt: skip


@pytest.fixture
def provider() -> IdentityProvider:
    organization: Organization = OrganizationFactory()
    return IdentityProvider.objects.create(
        organization=organization, slug="unit-idp", name="Unit", protocol="oidc",
        oidc_issuer="https://idp.example", oidc_client_id="client",
        grantable_roles=["reviewer", "author"],
    )  # fmt: skip


def test_a_new_subject_gets_an_account_with_the_grantable_roles(
    provider: IdentityProvider,
) -> None:
    user = provisioning.sign_in_external(provider=provider, assertion=ADA, ip_address="10.0.0.1")

    assert (user.email, user.full_name) == ("ada@factory.example", "Ada Lovelace")
    assert not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["reviewer"]
    assert ExternalIdentity.objects.get().subject == "ada-0001"


def test_a_linked_subject_signs_in_to_its_account_even_with_a_new_email(
    provider: IdentityProvider,
) -> None:
    first = provisioning.sign_in_external(provider=provider, assertion=ADA)
    renamed = provisioning.Assertion(subject="ada-0001", email="ada@new.example", full_name="A")

    again = provisioning.sign_in_external(provider=provider, assertion=renamed)

    assert again == first
    assert again.email == "ada@factory.example"
    assert ExternalIdentity.objects.get().last_sign_in_at is not None


def test_an_existing_email_is_never_linked(provider: IdentityProvider) -> None:
    UserFactory(email="ada@factory.example")

    with pytest.raises(PermissionDenied) as refusal:
        provisioning.sign_in_external(provider=provider, assertion=ADA)

    assert refusal.value.args[0] is provisioning.EMAIL_BELONGS_TO_ANOTHER_ACCOUNT
    assert not ExternalIdentity.objects.exists()


def test_a_provider_that_does_not_create_accounts_refuses_strangers(
    provider: IdentityProvider,
) -> None:
    provider.creates_accounts = False
    provider.save()

    with pytest.raises(PermissionDenied) as refusal:
        provisioning.sign_in_external(provider=provider, assertion=ADA)

    assert refusal.value.args[0] is provisioning.ACCOUNT_CREATION_OFF


def test_a_signed_in_user_cannot_take_a_subject_linked_to_someone_else(
    provider: IdentityProvider,
) -> None:
    owner = provisioning.sign_in_external(provider=provider, assertion=ADA)
    other = UserFactory()

    with pytest.raises(PermissionDenied) as refusal:
        provisioning.sign_in_external(provider=provider, assertion=ADA, current_user=other)

    assert refusal.value.args[0] is provisioning.IDENTITY_LINKED_ELSEWHERE
    assert ExternalIdentity.objects.get().user == owner


def test_a_disabled_provider_or_account_is_refused(provider: IdentityProvider) -> None:
    user = provisioning.sign_in_external(provider=provider, assertion=ADA)
    user.is_active = False
    user.save()

    with pytest.raises(PermissionDenied) as disabled_account:
        provisioning.sign_in_external(provider=provider, assertion=ADA)
    provider.is_enabled = False
    provider.save()
    with pytest.raises(PermissionDenied) as disabled_provider:
        provisioning.sign_in_external(provider=provider, assertion=ADA)

    assert disabled_account.value.args[0] is provisioning.ACCOUNT_DISABLED
    assert disabled_provider.value.args[0] is provisioning.PROVIDER_DISABLED
