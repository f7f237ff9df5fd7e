"""OpenID Connect sign-in against the running test provider, through the real redirects."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from accounts.models import AuditEvent, Membership, User
from sso.models import ExternalIdentity, IdentityProvider
from tests.factories import MembershipFactory, UserFactory
from tests.sso.idp import TestProvider, path_of, sign_in_at_provider

pytestmark = pytest.mark.django_db


def sign_in(client: Client, login: str, *, slug: str = "factory-idp", next_path: str = "") -> str:
    """Start at the platform, sign in at the provider as `login`, come back; the final
    redirect's target."""
    start = client.get(f"/sso/{slug}/login/", {"next": next_path} if next_path else {})
    assert start.status_code == 302
    callback = sign_in_at_provider(start["Location"], login, stop_at="http://testserver/")
    finish = client.get(path_of(callback))
    assert finish.status_code == 302
    return str(finish["Location"])


def signed_in_user(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_the_login_redirect_carries_state_nonce_and_pkce(provider: IdentityProvider) -> None:
    response = Client().get("/sso/factory-idp/login/")

    query = parse_qs(urlsplit(response["Location"]).query)
    assert response["Location"].startswith(f"{provider.oidc_issuer}/auth?")
    assert query["client_id"] == ["icim-academy"]
    assert query["redirect_uri"] == ["http://testserver/sso/factory-idp/oidc/callback/"]
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["state"][0]) == 32
    assert len(query["nonce"][0]) == 32
    assert len(query["code_challenge"][0]) == 43


def test_first_sign_in_creates_the_account_with_grantable_roles_only(
    provider: IdentityProvider,
) -> None:
    client = Client()

    target = sign_in(client, "ada-0001", next_path="/courses")

    assert target == "/courses"
    user = User.objects.get(email="ada@factory.example")
    assert signed_in_user(client) == user
    assert user.full_name == "Ada Lovelace"
    assert user.email_confirmed_at is not None
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get(provider=provider)
    assert (identity.subject, identity.user) == ("ada-0001", user)
    # The provider asserts reviewer and admin; only reviewer is grantable.
    assert list(Membership.objects.filter(user=user).values_list("organization__slug", "role")) == [
        ("smart-factory", "reviewer")
    ]
    assert list(
        AuditEvent.objects.filter(actor=user).order_by("pk").values_list("action", flat=True)
    ) == ["sso_account_linked", "sso_account_created", "sso_role_granted"]


def test_a_second_sign_in_reuses_the_linked_account(provider: IdentityProvider) -> None:
    sign_in(Client(), "grace-0002")
    first = User.objects.get(email="grace@factory.example")
    client = Client()

    target = sign_in(client, "grace-0002")

    assert target == "/learning"
    assert signed_in_user(client) == first
    assert User.objects.filter(email="grace@factory.example").count() == 1
    assert ExternalIdentity.objects.filter(provider=provider).count() == 1
    # A roles claim given as one string: author is grantable, verifier is not.
    assert list(Membership.objects.filter(user=first).values_list("role", flat=True)) == ["author"]


def test_the_same_email_as_a_local_account_is_refused_not_linked(
    provider: IdentityProvider,
) -> None:
    local = UserFactory(email="ada@factory.example")
    client = Client()

    target = sign_in(client, "ada-0001")

    assert target == "/login?sso_error=email_taken"
    assert signed_in_user(client) is None
    assert ExternalIdentity.objects.count() == 0
    assert User.objects.count() == 1
    assert not Membership.objects.filter(user=local).exists()


def test_a_signed_in_user_links_their_account_and_keeps_it(provider: IdentityProvider) -> None:
    local = UserFactory(email="ada.private@example.org")
    client = Client()
    client.force_login(local)
    old_session_key = client.session.session_key

    target = sign_in(client, "ada-0001")

    assert target == "/learning"
    assert signed_in_user(client) == local
    assert client.session.session_key != old_session_key
    assert ExternalIdentity.objects.get().user == local
    assert not User.objects.filter(email="ada@factory.example").exists()
    # Signed out, the provider's sign-in now opens the linked account.
    client.logout()
    sign_in(client, "ada-0001")
    assert signed_in_user(client) == local


def test_sign_in_rotates_the_session_key(provider: IdentityProvider) -> None:
    client = Client()
    start = client.get("/sso/factory-idp/login/")
    key_before = client.session.session_key
    callback = sign_in_at_provider(start["Location"], "ada-0001", stop_at="http://testserver/")

    client.get(path_of(callback))

    assert client.session.session_key != key_before
    assert signed_in_user(client) is not None


@pytest.mark.parametrize(
    ("mode", "code"),
    [
        ("unknown-kid", "unknown_key"),
        ("wrong-audience", "invalid_token"),
        ("wrong-issuer", "invalid_token"),
        ("bad-signature", "invalid_token"),
        ("expired", "invalid_token"),
    ],
)
def test_a_tampered_id_token_is_refused_and_makes_no_account(
    provider: IdentityProvider, idp: TestProvider, mode: str, code: str
) -> None:
    idp.tamper(mode)
    client = Client()

    target = sign_in(client, "ada-0001")

    assert target == f"/login?sso_error={code}"
    assert signed_in_user(client) is None
    assert User.objects.count() == 0
    assert ExternalIdentity.objects.count() == 0


def test_a_disabled_provider_is_refused(provider: IdentityProvider) -> None:
    client = Client()
    start = client.get("/sso/factory-idp/login/")
    callback = sign_in_at_provider(start["Location"], "ada-0001", stop_at="http://testserver/")
    provider.is_enabled = False
    provider.save()

    finish = client.get(path_of(callback))

    assert finish["Location"] == "/login?sso_error=provider_disabled"
    assert Client().get("/sso/factory-idp/login/")["Location"] == (
        "/login?sso_error=provider_disabled"
    )
    assert User.objects.count() == 0


def test_a_replayed_callback_is_refused(provider: IdentityProvider) -> None:
    client = Client()
    start = client.get("/sso/factory-idp/login/")
    callback = sign_in_at_provider(start["Location"], "ada-0001", stop_at="http://testserver/")
    client.get(path_of(callback))
    client.logout()

    replay = client.get(path_of(callback))

    assert replay["Location"] == "/login?sso_error=invalid_state"
    assert signed_in_user(client) is None


def test_a_callback_from_another_browser_is_refused(provider: IdentityProvider) -> None:
    start = Client().get("/sso/factory-idp/login/")
    callback = sign_in_at_provider(start["Location"], "ada-0001", stop_at="http://testserver/")
    victim = Client()

    response = victim.get(path_of(callback))

    assert response["Location"] == "/login?sso_error=invalid_state"
    assert signed_in_user(victim) is None
    assert User.objects.count() == 0


def test_the_person_cancelling_at_the_provider_lands_on_a_message(
    provider: IdentityProvider,
) -> None:
    client = Client()
    start = client.get("/sso/factory-idp/login/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]

    response = client.get(
        "/sso/factory-idp/oidc/callback/", {"error": "access_denied", "state": state}
    )

    assert response["Location"] == "/login?sso_error=cancelled"


def test_a_provider_that_is_down_lands_on_a_message(
    provider: IdentityProvider, idp: TestProvider
) -> None:
    provider.oidc_issuer = "http://127.0.0.1:9"  # nothing listens on the discard port
    provider.save()

    response = Client().get("/sso/factory-idp/login/")

    assert response.status_code == 302
    assert response["Location"] == "/login?sso_error=provider_unavailable"


def test_next_must_be_a_path_on_this_site(provider: IdentityProvider) -> None:
    client = Client()

    target = sign_in(client, "ada-0001", next_path="//evil.example/steal")

    assert target == "/learning"


def test_local_password_sign_in_still_works(provider: IdentityProvider) -> None:
    user = UserFactory(email="local@example.org")
    MembershipFactory(user=user, organization=provider.organization, role="author")

    response = Client().post(
        "/api/v1/auth/login",
        {"email": "local@example.org", "password": "correct-horse-battery-42"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
