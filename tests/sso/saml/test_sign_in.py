"""SP-initiated SAML sign-in against the test IdP: the happy path and every refusal."""

import datetime
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from accounts.models import AuditEvent, Membership, User
from sso.models import ExternalIdentity, IdentityProvider
from sso.saml.outstanding import COOKIE_NAME
from tests.factories import UserFactory
from tests.sso.saml.conftest import ANNA, SamlBrowser
from tests.sso.saml.idp import IdpUser

pytestmark = pytest.mark.django_db


def _signed_in_user(client: Client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def test_the_request_is_signed_asks_for_a_persistent_id_and_carries_next(
    browser: SamlBrowser, provider: IdentityProvider
) -> None:
    request = browser.start(next_path="/courses/plc-basics")

    assert request.issuer == "http://127.0.0.1:8000/sso/rhine-saml/saml/metadata/"
    assert request.assertion_consumer_url == "http://127.0.0.1:8000/sso/rhine-saml/saml/acs/"
    assert request.name_id_format == "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
    assert request.relay_state == "/courses/plc-basics"


def test_a_first_sign_in_creates_the_account_with_the_grantable_roles_only(
    browser: SamlBrowser, client: Client, provider: IdentityProvider
) -> None:
    request = browser.start(next_path="/courses/plc-basics")

    answer = browser.post(browser.idp.respond(request, ANNA))

    assert answer.status_code == 302
    assert answer["Location"] == "/courses/plc-basics"
    user = _signed_in_user(client)
    assert user is not None
    assert (user.email, user.full_name) == ("anna.schmidt@rhine-works.example", "Anna Schmidt")
    assert not user.has_usable_password()
    identity = ExternalIdentity.objects.get()
    assert (identity.provider, identity.subject, identity.user) == (
        provider,
        "a1b2c3-persistent",
        user,
    )
    # "admin" was asserted but the provider may grant "author" only.
    assert list(Membership.objects.filter(user=user).values_list("organization", "role")) == [
        (provider.organization_id, "author")
    ]
    assert list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    ) == ["sso_account_linked", "sso_account_created", "sso_role_granted", "login"]
    assert client.cookies[COOKIE_NAME].value == ""  # the answered request is forgotten


def test_a_second_sign_in_reuses_the_linked_account(browser: SamlBrowser, client: Client) -> None:
    browser.sign_in()
    first = _signed_in_user(client)
    client.logout()

    # The IdP now has another address for Anna: the subject, not the e-mail, is the link.
    answer = browser.sign_in(
        IdpUser(name_id=ANNA.name_id, email="anna@new.example", display_name="Anna S.")
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/learning"
    assert _signed_in_user(client) == first
    assert User.objects.count() == 1
    assert ExternalIdentity.objects.count() == 1


def test_the_session_key_is_rotated_at_sign_in(browser: SamlBrowser, client: Client) -> None:
    client.get("/api/v1/auth/csrf/")
    client.session.save()
    before = client.session.session_key

    browser.sign_in()

    assert client.session.session_key != before


def test_a_response_signed_on_the_assertion_only_is_accepted(
    browser: SamlBrowser, client: Client
) -> None:
    answer = browser.sign_in(sign_response=False)

    assert answer.status_code == 302
    assert _signed_in_user(client) is not None


def test_a_response_signed_on_the_response_only_is_accepted(
    browser: SamlBrowser, client: Client
) -> None:
    answer = browser.sign_in(sign_assertion=False)

    assert answer.status_code == 302
    assert _signed_in_user(client) is not None


def test_the_signed_in_account_is_linked_rather_than_a_new_one_made(
    browser: SamlBrowser, client: Client
) -> None:
    local = UserFactory(email="anna.schmidt@rhine-works.example")
    client.force_login(local)

    answer = browser.sign_in()

    assert answer.status_code == 302
    assert ExternalIdentity.objects.get().user == local
    assert User.objects.count() == 1


def _assert_refused(answer: Any, code: str, message: str, status: int = 403) -> None:
    assert answer.status_code == status
    body = answer.content.decode()
    assert f'data-code="{code}"' in body
    assert message in body


def _assert_nothing_created(client: Client, users_before: int = 0) -> None:
    assert User.objects.count() == users_before
    assert ExternalIdentity.objects.count() == 0
    assert Membership.objects.count() == 0
    assert _signed_in_user(client) is None


def _assert_failure_audited(code: str) -> None:
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.target_type, event.target_id) == ("identity_provider", "rhine-saml")
    assert event.details["via"] == "saml"
    assert event.details["reason"] == code


def test_the_email_of_an_existing_local_account_is_refused_not_linked(
    browser: SamlBrowser, client: Client
) -> None:
    UserFactory(email="anna.schmidt@rhine-works.example")

    answer = browser.sign_in()

    _assert_refused(answer, "provisioning", "An ICIM Academy account already uses this e-mail")
    _assert_nothing_created(client, users_before=1)
    _assert_failure_audited("provisioning")


@pytest.mark.parametrize(
    ("tampering", "code", "message"),
    [
        (
            {"after_signing": lambda xml: xml.replace("Anna Schmidt", "Mallory")},
            "invalid_signature",
            "The answer was not signed by your organisation",
        ),
        (
            {"signed_by_other_key": True},
            "invalid_signature",
            "The answer was not signed by your organisation",
        ),
        (
            {"sign_response": False, "sign_assertion": False},
            "invalid_signature",
            "The answer was not signed by your organisation",
        ),
        (
            {"audience": "https://another-service.example/saml"},
            "wrong_audience",
            "The answer was meant for another service",
        ),
        (
            {"destination": "https://another-service.example/acs"},
            "wrong_destination",
            "The answer was addressed to another page",
        ),
        (
            {"lifetime": -datetime.timedelta(minutes=3)},
            "expired",
            "has expired",
        ),
        (
            {"name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"},
            "transient_subject",
            "a persistent NameID is needed",
        ),
    ],
    ids=[
        "changed-after-signing",
        "another-key",
        "unsigned",
        "wrong-audience",
        "wrong-destination",
        "expired",
        "transient-nameid",
    ],
)
def test_a_tampered_response_is_refused(
    browser: SamlBrowser, client: Client, tampering: dict[str, Any], code: str, message: str
) -> None:
    answer = browser.sign_in(**tampering)

    _assert_refused(answer, code, message)
    _assert_nothing_created(client)
    _assert_failure_audited(code)


def test_an_unsolicited_response_is_refused(browser: SamlBrowser, client: Client) -> None:
    browser.start()  # a request is outstanding, but the answer names none

    answer = browser.post(
        browser.idp.respond(
            None,
            ANNA,
            sp_entity_id="http://127.0.0.1:8000/sso/rhine-saml/saml/metadata/",
            destination="http://127.0.0.1:8000/sso/rhine-saml/saml/acs/",
        )
    )

    _assert_refused(answer, "unsolicited", "This sign-in was not started in this browser")
    _assert_nothing_created(client)


def test_an_answer_to_a_request_of_another_browser_is_refused(
    browser: SamlBrowser, client: Client
) -> None:
    request = browser.start()
    saml_response = browser.idp.respond(request, ANNA)
    stranger = Client()

    answer = stranger.post("/sso/rhine-saml/saml/acs/", {"SAMLResponse": saml_response})

    _assert_refused(answer, "unsolicited", "This sign-in was not started in this browser")
    _assert_nothing_created(stranger)


def test_a_replayed_assertion_is_refused_even_with_the_request_cookie(
    browser: SamlBrowser, client: Client
) -> None:
    request = browser.start()
    captured_cookie = client.cookies[COOKIE_NAME].value
    saml_response = browser.idp.respond(request, ANNA)
    assert browser.post(saml_response).status_code == 302
    client.logout()

    # Someone who copied both the cookie and the posted answer tries them again.
    replay = Client()
    replay.cookies[COOKIE_NAME] = captured_cookie
    answer = replay.post("/sso/rhine-saml/saml/acs/", {"SAMLResponse": saml_response})

    _assert_refused(answer, "replayed", "This sign-in answer was already used")
    assert _signed_in_user(replay) is None
    assert User.objects.count() == 1


def test_a_replay_in_the_same_browser_is_refused(browser: SamlBrowser, client: Client) -> None:
    request = browser.start()
    saml_response = browser.idp.respond(request, ANNA)
    assert browser.post(saml_response).status_code == 302
    client.logout()

    answer = browser.post(saml_response)

    _assert_refused(answer, "unsolicited", "This sign-in was not started in this browser")
    assert _signed_in_user(client) is None


def test_a_disabled_provider_is_refused(
    browser: SamlBrowser, client: Client, provider: IdentityProvider
) -> None:
    request = browser.start()
    provider.is_enabled = False
    provider.save()

    answer = browser.post(browser.idp.respond(request, ANNA))

    _assert_refused(answer, "provider_disabled", "Sign-in with this organisation is switched off")
    _assert_nothing_created(client)
    start = client.get("/sso/rhine-saml/saml/login/")
    _assert_refused(start, "provider_disabled", "Sign-in with this organisation is switched off")


def test_an_unknown_provider_is_a_404_page(client: Client, provider: IdentityProvider) -> None:
    answer = client.get("/sso/nobody/saml/login/")

    _assert_refused(answer, "unknown_provider", "This organisation sign-in does not exist", 404)


def test_a_post_without_a_response_is_refused(browser: SamlBrowser, client: Client) -> None:
    answer = client.post("/sso/rhine-saml/saml/acs/", {})

    _assert_refused(answer, "missing_response", "No answer from your organisation")


def test_garbage_is_refused_not_a_server_error(browser: SamlBrowser, client: Client) -> None:
    answer = client.post("/sso/rhine-saml/saml/acs/", {"SAMLResponse": "PHRoaXMgaXMgbm90"})

    _assert_refused(answer, "invalid_response", "could not be verified")


@pytest.mark.parametrize(
    ("next_path", "location"),
    [
        ("/learn/11/intro?tab=notes", "/learn/11/intro?tab=notes"),
        ("//evil.example/phish", "/learning"),
        ("https://evil.example/", "/learning"),
        ("/\\evil.example", "/learning"),
        ("/login", "/learning"),
    ],
)
def test_only_a_same_origin_next_is_followed(
    browser: SamlBrowser, next_path: str, location: str
) -> None:
    request = browser.start(next_path=next_path)

    answer = browser.post(browser.idp.respond(request, ANNA))

    assert answer["Location"] == location


def test_a_refusal_is_shown_in_the_users_language(browser: SamlBrowser, client: Client) -> None:
    request = browser.start()

    answer = client.post(
        "/sso/rhine-saml/saml/acs/",
        {"SAMLResponse": browser.idp.respond(request, ANNA, signed_by_other_key=True)},
        headers={"accept-language": "de"},
    )

    assert answer.status_code == 403
    body = answer.content.decode()
    assert '<html lang="de"' in body
    assert "Die Antwort wurde nicht von der Anmeldung Ihrer Organisation signiert." in body


def test_sign_in_requests_are_throttled_per_client(
    browser: SamlBrowser, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    # The fixture fetched the SP metadata once already: it counts too.
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"sso": "3/min"})

    statuses = [client.get("/sso/rhine-saml/saml/login/").status_code for _ in range(3)]
    elsewhere = Client(REMOTE_ADDR="198.51.100.7").get("/sso/rhine-saml/saml/login/")

    assert statuses == [302, 302, 429]
    _assert_refused(
        client.get("/sso/rhine-saml/saml/login/"), "throttled", "Too many sign-in attempts", 429
    )
    assert elsewhere.status_code == 302


def test_over_https_the_request_cookie_is_sent_with_the_idps_cross_site_post(
    browser: SamlBrowser, client: Client
) -> None:
    client.get("/sso/rhine-saml/saml/login/", secure=True)

    cookie = client.cookies[COOKIE_NAME]
    assert (cookie["samesite"], cookie["secure"], cookie["httponly"], cookie["path"]) == (
        "None",
        True,
        True,
        "/sso/",
    )


def test_without_service_provider_keys_in_production_sign_in_is_refused_politely(
    browser: SamlBrowser, client: Client, settings: Any
) -> None:
    settings.DEBUG = False
    settings.SAML_SP_KEY_FILE = ""

    answer = client.get("/sso/rhine-saml/saml/login/")

    _assert_refused(answer, "not_configured", "not set up on this server yet")
    _assert_failure_audited("not_configured")


def test_the_account_that_started_the_sign_in_is_linked_though_the_post_brings_no_session(
    browser: SamlBrowser, client: Client
) -> None:
    local = UserFactory(email="anna.schmidt@rhine-works.example")
    client.force_login(local)
    request = browser.start()
    # The IdP's cross-site POST carries no SameSite=Lax session cookie.
    del client.cookies["sessionid"]

    answer = browser.post(browser.idp.respond(request, ANNA))

    assert answer.status_code == 302
    assert ExternalIdentity.objects.get().user == local
    assert _signed_in_user(client) == local
