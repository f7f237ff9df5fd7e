"""Tests of accounts.api: the guarantees its docstrings state, against the real database."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from accounts import api as accounts_api
from accounts.models import ApiToken, Organization, User
from tests.factories import TEST_PASSWORD, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_register_user_stores_lowercased_email_and_normalised_names_unconfirmed() -> None:
    result = accounts_api.register_user(
        email="  Wei.Zhang@Example.ORG ",
        password=TEST_PASSWORD,
        full_name="  Zhang   Wei ",
        native_name="张伟",
        preferred_language="zh-hans",
        country="CN",
    )

    assert result is None  # nothing that could tell a new address from a taken one
    user = User.objects.get()
    assert (user.email, user.full_name, user.native_name) == (
        "wei.zhang@example.org",
        "Zhang Wei",
        "张伟",
    )
    assert (user.preferred_language, user.country.code) == ("zh-hans", "CN")
    assert user.check_password(TEST_PASSWORD)
    assert user.email_confirmed_at is None


@pytest.mark.parametrize(
    ("password", "expected_code"),
    [
        ("short1", "password_too_short"),
        ("password123", "password_too_common"),
        ("83749201837465", "password_entirely_numeric"),
    ],
)
def test_register_user_refuses_weak_passwords(password: str, expected_code: str) -> None:
    with pytest.raises(ValidationError) as error:
        accounts_api.register_user(
            email="new@example.org", password=password, full_name="New Person"
        )

    codes = [item.code for item in error.value.error_dict["password"]]
    assert expected_code in codes
    assert not User.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["Eve\u202eecilA", "Zero\u200bWidth", "Tab\x07Bell", "\u2066Isolated\u2069"],
    ids=["rtl-override", "zero-width-space", "control", "isolate"],
)
def test_names_with_misleading_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError) as error:
        accounts_api.register_user(email="eve@example.org", password=TEST_PASSWORD, full_name=name)

    assert error.value.error_dict["full_name"][0].code == "forbidden_characters"
    assert not User.objects.exists()


def test_names_keep_joiners_that_scripts_need() -> None:
    # ZWNJ is part of correct Persian spelling; it must survive.
    assert accounts_api.normalize_person_name("می\u200cخواهم") == "می\u200cخواهم"


def test_log_in_refuses_wrong_password_and_inactive_accounts_alike() -> None:
    active = UserFactory(email="active@example.org")
    UserFactory(email="inactive@example.org", is_active=False)
    request = RequestFactory().post("/")
    request.session = {}  # type: ignore[assignment]

    messages = []
    for email, password in [
        ("active@example.org", "wrong-password"),
        ("inactive@example.org", TEST_PASSWORD),
        ("nobody@example.org", TEST_PASSWORD),
    ]:
        with pytest.raises(ValidationError) as error:
            accounts_api.log_in(request=request, email=email, password=password)
        messages.append((error.value.code, error.value.messages))

    assert (
        messages == [("invalid_credentials", ["The e-mail address or password is incorrect."])] * 3
    )
    assert active.last_login is None


def test_update_profile_changes_only_given_fields() -> None:
    user = UserFactory(full_name="Old Name", native_name="", country="DE")

    updated = accounts_api.update_profile(user=user, native_name="王芳", preferred_language="de")

    assert (updated.full_name, updated.native_name, updated.preferred_language) == (
        "Old Name",
        "王芳",
        "de",
    )
    assert updated.country.code == "DE"


def test_token_secret_is_returned_once_and_only_its_digest_stored() -> None:
    user = UserFactory()

    token, secret = accounts_api.create_api_token(
        email=user.email, password=TEST_PASSWORD, name="HR system"
    )

    stored = ApiToken.objects.get(pk=token.pk)
    assert secret.startswith("icim_")
    assert len(secret) > 40
    assert secret not in {stored.digest, stored.prefix}
    assert secret.startswith(stored.prefix)
    assert accounts_api.authenticate_token(secret=secret) == user
    assert accounts_api.authenticate_token(secret=secret + "x") is None


def test_revoked_and_expired_tokens_no_longer_authenticate() -> None:
    user = UserFactory()
    revoked, revoked_secret = accounts_api.create_api_token(
        email=user.email, password=TEST_PASSWORD
    )
    expired, expired_secret = accounts_api.create_api_token(
        email=user.email, password=TEST_PASSWORD
    )
    ApiToken.objects.filter(pk=expired.pk).update(expires_at="2020-01-01T00:00:00Z")

    accounts_api.revoke_api_token(user=user, token_id=revoked.pk)
    accounts_api.revoke_api_token(user=user, token_id=revoked.pk)  # idempotent

    assert accounts_api.authenticate_token(secret=revoked_secret) is None
    assert accounts_api.authenticate_token(secret=expired_secret) is None


def test_revoking_someone_elses_token_is_not_found_and_changes_nothing() -> None:
    owner, stranger = UserFactory(), UserFactory()
    token, _secret = accounts_api.create_api_token(email=owner.email, password=TEST_PASSWORD)

    with pytest.raises(ApiToken.DoesNotExist):
        accounts_api.revoke_api_token(user=stranger, token_id=token.pk)

    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_password_reset_email_carries_a_link_that_works_once_and_revokes_tokens() -> None:
    user = UserFactory(preferred_language="de")
    _token, secret = accounts_api.create_api_token(email=user.email, password=TEST_PASSWORD)

    accounts_api.send_password_reset_email(user_id=user.pk)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Setzen Sie Ihr ICIM-Academy-Passwort zurück"
    link = next(line for line in message.body.splitlines() if "/reset-password?" in line)
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    accounts_api.reset_password(
        uid=query["uid"], token=query["token"], new_password="new-secret-pass-7"
    )

    user.refresh_from_db()
    assert user.check_password("new-secret-pass-7")
    assert accounts_api.authenticate_token(secret=secret) is None
    with pytest.raises(ValidationError) as error:
        accounts_api.reset_password(
            uid=query["uid"], token=query["token"], new_password="another-pass-8"
        )
    assert error.value.code == "invalid_reset_link"


@pytest.mark.parametrize("uid", ["", "!!", "MTIzNDU2Nzg5", "bm90LWEtbnVtYmVy"])
def test_reset_password_with_a_bad_uid_is_an_invalid_link(uid: str) -> None:
    with pytest.raises(ValidationError) as error:
        accounts_api.reset_password(uid=uid, token="x-y", new_password="whatever-pass-9")

    assert error.value.code == "invalid_reset_link"


def test_request_password_reset_queues_mail_only_for_known_active_accounts(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    UserFactory(email="known@example.org")

    with django_capture_on_commit_callbacks() as known:
        accounts_api.request_password_reset(email="KNOWN@example.org")
    with django_capture_on_commit_callbacks() as unknown:
        accounts_api.request_password_reset(email="unknown@example.org")

    assert (len(known), len(unknown)) == (1, 0)


def test_get_institution_finds_only_institutions() -> None:
    rhine = OrganizationFactory(slug="rhine", kind=Organization.Kind.INSTITUTION)
    OrganizationFactory(slug="acme", kind=Organization.Kind.EMPLOYER)

    assert accounts_api.get_institution(slug="rhine") == rhine
    for slug in ("acme", "nobody"):
        with pytest.raises(Organization.DoesNotExist):
            accounts_api.get_institution(slug=slug)
