"""Registration that reveals nothing about who has an account, and e-mail confirmation."""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts import registration
from accounts.models import ApiToken, AuditEvent, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-Strong-Pass-2026"
REGISTRATION = {
    "email": "Li.Na@Example.org",
    "password": TEST_PASSWORD,
    "full_name": "Li Na",
    "native_name": "李娜",
    "preferred_language": "en",
    "country": "CN",
}


@pytest.fixture
def sent_mail(
    django_capture_on_commit_callbacks: Any, tasks_in_process: None
) -> Callable[[Callable[[], Any]], list[mail.EmailMessage]]:
    """Run an action, then its on-commit callbacks (the queued e-mail task, in process); the
    e-mail it sent. Each action queues exactly one callback, the e-mail."""

    def run(action: Callable[[], Any]) -> list[mail.EmailMessage]:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            action()
        assert len(callbacks) == len(mail.outbox)
        return list(mail.outbox)

    return run


def _session_request() -> Any:
    request = RequestFactory().post("/")
    request.session = Client().session
    return request


def _register(**changes: Any) -> None:
    accounts_api.register_user(**{**REGISTRATION, **changes})


def _link(message: mail.EmailMessage, path: str) -> dict[str, str]:
    line = next(
        line for line in message.body.splitlines() if f"{path}?" in line or line.endswith(path)
    )
    parts = urlsplit(line.strip())
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "127.0.0.1:8000", path)
    return {key: values[0] for key, values in parse_qs(parts.query).items()}


def _token(message: mail.EmailMessage) -> str:
    return _link(message, "/confirm-email")["token"]


# --- registering ----------------------------------------------------------------------------------


def test_a_new_address_gets_an_unconfirmed_account_and_a_confirmation_link(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    [message] = sent_mail(lambda: _register(next_path="/courses/digital-twins"))

    user = User.objects.get()
    assert (user.email, user.full_name, user.email_confirmed_at) == (
        "li.na@example.org",
        "Li Na",
        None,
    )
    assert message.to == ["li.na@example.org"]
    assert message.subject == "Confirm your e-mail address for ICIM Academy"
    assert message.body.startswith("Hello Li Na,\n\nWelcome to ICIM Academy.")
    assert _link(message, "/confirm-email")["next"] == "/courses/digital-twins"


def test_the_confirmation_email_is_in_the_language_chosen(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    [message] = sent_mail(lambda: _register(preferred_language="de"))

    assert message.subject == "Bestätigen Sie Ihre E-Mail-Adresse für die ICIM Academy"


def test_an_existing_address_gets_a_notice_in_its_owners_language_and_nothing_changes(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    owner = UserFactory(email="li.na@example.org", full_name="Li Na", preferred_language="zh-hans")
    before = User.objects.values().get(pk=owner.pk)

    [message] = sent_mail(lambda: _register(full_name="Mallory", next_path="/learning"))

    assert User.objects.values().get(pk=owner.pk) == before
    assert User.objects.count() == 1
    assert message.to == ["li.na@example.org"]
    assert message.subject == "有人尝试用您的电子邮箱注册"
    assert "Mallory" not in message.body
    assert _link(message, "/login") == {"next": "/learning"}
    assert _link(message, "/forgot-password") == {}
    assert "/confirm-email" not in message.body


def test_registering_a_pending_address_again_replaces_its_details_and_ends_the_old_link(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    [first] = sent_mail(lambda: _register(full_name="Squatter", password="Squatters-Pass-2026"))
    [second] = sent_mail(
        lambda: _register(email="LI.NA@example.org", password=NEW_PASSWORD, preferred_language="de")
    )

    user = User.objects.get()
    assert (user.full_name, user.preferred_language, user.email_confirmed_at) == (
        "Li Na",
        "de",
        None,
    )
    assert user.check_password(NEW_PASSWORD)
    assert second.subject == "Bestätigen Sie Ihre E-Mail-Adresse für die ICIM Academy"
    with pytest.raises(ValidationError) as error:
        accounts_api.confirm_email(request=_session_request(), token=_token(first))
    assert error.value.code == "invalid_confirmation_link"
    assert accounts_api.confirm_email(request=_session_request(), token=_token(second)) == user


def test_registration_checks_the_password_against_the_details_given_not_the_account() -> None:
    UserFactory(email="li.na@example.org", full_name="Someone Else")

    with pytest.raises(ValidationError) as error:
        _register(password="short")

    assert [item.code for item in error.value.error_dict["password"]] == ["password_too_short"]


# --- confirming -----------------------------------------------------------------------------------


def test_confirming_signs_in_once_and_audits_it(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    [message] = sent_mail(_register)
    request = _session_request()

    user = accounts_api.confirm_email(request=request, token=_token(message))

    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert request.session[SESSION_KEY] == str(user.pk)
    assert list(AuditEvent.objects.order_by("id").values_list("action", "actor", "details")) == [
        ("email_confirmed", user.pk, {}),
        ("login", user.pk, {"via": "email_confirmation"}),
    ]
    with pytest.raises(ValidationError) as error:
        accounts_api.confirm_email(request=_session_request(), token=_token(message))
    assert error.value.code == "invalid_confirmation_link"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "WzEsImFiYyJd" + token[token.index(":") :],
        lambda token: "",
        lambda token: "not-a-token",
    ],
    ids=["signature", "payload", "empty", "garbage"],
)
def test_a_tampered_link_is_refused(
    sent_mail: Callable[..., list[mail.EmailMessage]], tamper: Callable[[str], str]
) -> None:
    [message] = sent_mail(_register)

    with pytest.raises(ValidationError) as error:
        accounts_api.confirm_email(request=_session_request(), token=tamper(_token(message)))

    assert error.value.code == "invalid_confirmation_link"
    assert User.objects.get().email_confirmed_at is None


def test_an_expired_link_is_refused(
    sent_mail: Callable[..., list[mail.EmailMessage]], monkeypatch: pytest.MonkeyPatch
) -> None:
    [message] = sent_mail(_register)
    # Three days and a second later, as signing's clock sees it.
    later = timezone.now().timestamp() + registration.CONFIRMATION_LINK_MAX_AGE.total_seconds() + 1
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    with pytest.raises(ValidationError) as error:
        accounts_api.confirm_email(request=_session_request(), token=_token(message))

    assert error.value.code == "invalid_confirmation_link"
    assert User.objects.get().email_confirmed_at is None


def test_a_password_set_from_an_emailed_link_confirms_the_address(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    sent_mail(_register)
    user = User.objects.get()
    mail.outbox.clear()
    accounts_api.send_password_reset_email(user_id=user.pk)  # what the queued task does
    [reset] = mail.outbox
    query = _link(reset, "/reset-password")

    accounts_api.reset_password(uid=query["uid"], token=query["token"], new_password=NEW_PASSWORD)

    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    assert (
        accounts_api.log_in(request=_session_request(), email=user.email, password=NEW_PASSWORD)
        == user
    )


def test_accounts_made_by_staff_count_as_confirmed() -> None:
    made = User.objects.create_user("made@example.org", TEST_PASSWORD, full_name="Made By Staff")
    admin = User.objects.create_superuser("root@example.org", TEST_PASSWORD, full_name="Root")

    assert made.email_confirmed_at is not None
    assert admin.email_confirmed_at is not None


# --- an unconfirmed account cannot be used -------------------------------------------------------


@pytest.fixture
def pending(sent_mail: Callable[..., list[mail.EmailMessage]]) -> User:
    sent_mail(_register)
    return User.objects.get()


def test_signing_in_unconfirmed_with_the_right_password_says_so_and_resends_the_link_throttled(
    pending: User, sent_mail: Callable[..., list[mail.EmailMessage]]
) -> None:
    errors: list[ValidationError] = []

    def sign_in() -> None:
        with pytest.raises(ValidationError) as error:
            accounts_api.log_in(
                request=_session_request(), email=pending.email, password=TEST_PASSWORD
            )
        errors.append(error.value)

    [resent] = sent_mail(sign_in)
    again = sent_mail(sign_in)

    assert [(error.code, error.messages) for error in errors] == [
        (
            "email_not_confirmed",
            [
                "Confirm your e-mail address first: we sent the link again. Open it to finish "
                "creating your account."
            ],
        )
    ] * 2
    assert again == []  # one link per RESEND_INTERVAL_SECONDS
    assert resent.subject == "Confirm your e-mail address for ICIM Academy"
    assert accounts_api.confirm_email(request=_session_request(), token=_token(resent)) == pending


def test_signing_in_unconfirmed_with_a_wrong_password_is_the_usual_refusal_and_sends_nothing(
    pending: User, sent_mail: Callable[..., list[mail.EmailMessage]]
) -> None:
    def sign_in() -> None:
        with pytest.raises(ValidationError) as error:
            accounts_api.log_in(
                request=_session_request(), email=pending.email, password="wrong-pass-1"
            )
        assert (error.value.code, error.value.messages) == (
            "invalid_credentials",
            ["The e-mail address or password is incorrect."],
        )

    assert sent_mail(sign_in) == []
    assert AuditEvent.objects.get().action == "login_failed"


def test_an_unconfirmed_account_gets_no_api_token(pending: User) -> None:
    with pytest.raises(ValidationError) as error:
        accounts_api.create_api_token(email=pending.email, password=TEST_PASSWORD)

    assert error.value.code == "email_not_confirmed"
    assert not ApiToken.objects.exists()


def test_a_token_or_session_of_an_account_no_longer_confirmed_stops_working() -> None:
    # Cannot happen through the API; staff may clear the date in the admin.
    user = UserFactory()
    _token, secret = accounts_api.create_api_token(email=user.email, password=TEST_PASSWORD)
    session = APIClient()
    session.force_login(user)
    User.objects.filter(pk=user.pk).update(email_confirmed_at=None)
    user.save(update_fields=["full_name"])  # as the admin would: forgets its cached tokens

    bearer = APIClient(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/auth/me")
    assert (bearer.status_code, bearer.json()["code"]) == (401, "authentication_failed")
    assert session.get("/api/v1/auth/me").status_code == 401


def test_the_admin_refuses_an_unconfirmed_staff_account(client: Client) -> None:
    staff = UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    User.objects.filter(pk=staff.pk).update(email_confirmed_at=None)

    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": TEST_PASSWORD}
    )

    assert response.status_code == 200  # the form again, with its error
    assert SESSION_KEY not in client.session
    assert AuditEvent.objects.get().action == "login_failed"


# --- over HTTP --------------------------------------------------------------------------------


def _register_over_http(client: APIClient, **changes: Any) -> Any:
    token = client.get("/api/v1/auth/csrf").json()["csrf_token"]
    return client.post(
        "/api/v1/auth/register",
        {**REGISTRATION, **changes},
        format="json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_ACCEPT_LANGUAGE="de",
    )


def _answer(response: Any) -> tuple[int, bytes, dict[str, str], list[str]]:
    """Everything a client sees of an answer: status, body, headers and the cookies set."""
    return response.status_code, response.content, dict(response.headers), sorted(response.cookies)


def test_the_answer_is_byte_identical_for_new_existing_and_pending_addresses(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    UserFactory(email="taken@example.org", preferred_language="en")
    answers: dict[str, Any] = {}
    mails: dict[str, list[mail.EmailMessage]] = {}
    for case, email in [
        ("new", "new@example.org"),
        ("existing", "taken@example.org"),
        ("pending", "new@example.org"),  # registered by the first round, not confirmed
    ]:
        client = APIClient(enforce_csrf_checks=True)
        mails[case] = sent_mail(
            lambda client=client, email=email, case=case: answers.__setitem__(
                case, _register_over_http(client, email=email)
            )
        )

    assert _answer(answers["new"]) == _answer(answers["existing"]) == _answer(answers["pending"])
    assert answers["new"].status_code == 202
    assert answers["new"].json() == {
        "detail": "Sehen Sie in Ihr Postfach: Wir haben eine Nachricht an diese Adresse "
        "geschickt. Öffnen Sie den Link darin, um abzuschließen."
    }
    assert [
        (case, [m.to for m in sent], [m.subject for m in sent]) for case, sent in mails.items()
    ] == [
        ("new", [["new@example.org"]], ["Confirm your e-mail address for ICIM Academy"]),
        (
            "existing",
            [["taken@example.org"]],
            ["Someone tried to register with your e-mail address"],
        ),
        ("pending", [["new@example.org"]], ["Confirm your e-mail address for ICIM Academy"]),
    ]


def test_confirming_over_http_signs_in_rotates_csrf_and_works_once(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    client = APIClient(enforce_csrf_checks=True)
    [message] = sent_mail(lambda: _register_over_http(client))
    csrf_before = client.get("/api/v1/auth/csrf").json()["csrf_token"]

    confirmed = client.post(
        "/api/v1/auth/confirm-email",
        {"token": _token(message)},
        format="json",
        HTTP_X_CSRFTOKEN=csrf_before,
    )
    again = client.post(
        "/api/v1/auth/confirm-email",
        {"token": _token(message)},
        format="json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )

    assert confirmed.status_code == 200
    assert (confirmed.json()["email"], confirmed.json()["full_name"]) == (
        "li.na@example.org",
        "Li Na",
    )
    assert client.cookies["csrftoken"].value != csrf_before
    assert client.get("/api/v1/auth/me").json()["email"] == "li.na@example.org"
    assert (again.status_code, again.json()["code"]) == (400, "invalid_confirmation_link")


def test_confirming_without_csrf_is_refused(
    sent_mail: Callable[..., list[mail.EmailMessage]],
) -> None:
    [message] = sent_mail(_register)

    response = APIClient(enforce_csrf_checks=True).post(
        "/api/v1/auth/confirm-email", {"token": _token(message)}, format="json"
    )

    assert (response.status_code, response.json()["code"]) == (403, "csrf_failed")
    assert User.objects.get().email_confirmed_at is None


@pytest.mark.parametrize(
    "body", [{}, {"token": ""}, {"token": "x" * 513}, {"token": 5}, {"token": "a:b:c"}]
)
def test_a_bad_confirmation_request_is_a_clear_400(body: dict[str, Any]) -> None:
    response = APIClient().post("/api/v1/auth/confirm-email", body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] in {
        "required",
        "blank",
        "max_length",
        "invalid_confirmation_link",
    }


def test_signing_in_unconfirmed_over_http_answers_its_own_code(pending: User) -> None:
    response = APIClient().post(
        "/api/v1/auth/login", {"email": pending.email, "password": TEST_PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Confirm your e-mail address first: we sent the link again. Open it to finish "
        "creating your account.",
        "code": "email_not_confirmed",
        "fields": {
            "non_field_errors": [
                "Confirm your e-mail address first: we sent the link again. Open it to finish "
                "creating your account."
            ]
        },
    }


@pytest.mark.parametrize(
    "next_path",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "courses", "/a b", "/a\nb"],
)
def test_registration_refuses_a_next_that_leaves_the_site_and_creates_nothing(
    next_path: str,
) -> None:
    response = APIClient().post(
        "/api/v1/auth/register", {**REGISTRATION, "next": next_path}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["next"]
    assert not User.objects.exists()
