"""Launches the tool refuses: a clear page, an audit entry, and no account made or changed."""

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration

from accounts.models import AuditEvent, User
from courses.models import Course
from enrollment.models import Enrollment
from lti.models import GradeLink, LtiAccount, PlatformKeySet
from tests.lti.conftest import authorize, launch, start_login
from tests.lti.platform import CLAIM, Platform, new_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def users_before(registration: LtiRegistration, course: dict[str, Any]) -> int:
    return User.objects.count()


def _post(client: Client, state: str, token: str) -> Any:
    return client.post("/lti/launch/", {"id_token": token, "state": state})


def _launch_with(client: Client, platform: Platform, **token: Any) -> Any:
    query = start_login(client, platform)
    claims = token.pop("claims", {})
    return _post(
        client, query["state"], platform.id_token(nonce=query["nonce"], claims=claims, **token)
    )


def _assert_refused(response: Any, reason: str, message: bytes, users_before: int) -> None:
    assert response.status_code == 403
    assert message in response.content
    assert list(
        AuditEvent.objects.filter(action="login_failed", target_type="lti_launch").values_list(
            "details__reason", flat=True
        )
    ) == [reason]
    assert User.objects.count() == users_before
    assert LtiAccount.objects.count() == 0
    assert Enrollment.objects.count() == 0
    assert GradeLink.objects.count() == 0


def test_an_id_token_signed_with_an_unknown_key_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    response = _launch_with(client, platform, key=new_key())

    _assert_refused(
        response, "invalid_signature", b"not signed by your learning platform", users_before
    )


def test_an_id_token_whose_key_id_names_a_published_key_but_is_forged_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    forger = new_key()
    forger["kid"] = platform.keys[0]["kid"]  # type: ignore[index]

    response = _launch_with(client, platform, key=forger)

    _assert_refused(response, "invalid_token", b"could not be verified", users_before)


def test_an_expired_id_token_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    past = int(time.time()) - 3600
    response = _launch_with(client, platform, claims={"exp": past, "iat": past - 60})

    _assert_refused(response, "token_expired", b"has expired", users_before)


def test_an_id_token_issued_in_the_future_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    future = int(time.time()) + 3600
    response = _launch_with(client, platform, claims={"iat": future, "exp": future + 300})

    _assert_refused(response, "invalid_token", b"could not be verified", users_before)


@pytest.mark.parametrize(
    "audience",
    [
        {"aud": "another-tool"},
        {"aud": ["icim-tool", "another-tool"]},
        {"aud": ["icim-tool", "x"], "azp": "x"},
    ],
)
def test_an_id_token_for_another_audience_is_refused(
    client: Client, platform: Platform, users_before: int, audience: dict[str, Any]
) -> None:
    response = _launch_with(client, platform, claims=audience)

    reason = "unknown_platform" if audience["aud"] == "another-tool" else "wrong_audience"
    _assert_refused(response, reason, b"", users_before)


def test_a_replayed_launch_is_refused(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    query = start_login(client, platform)
    fields = authorize(platform, query)
    assert client.post("/lti/launch/", fields).status_code == 200
    users = User.objects.count()

    again = Client().post("/lti/launch/", fields)

    assert again.status_code == 403
    assert b"already used" in again.content
    assert User.objects.count() == users
    assert AuditEvent.objects.filter(details__reason="invalid_state").count() == 1


def test_a_nonce_of_another_login_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    first = start_login(client, platform)
    second = start_login(client, platform)

    response = _post(client, second["state"], platform.id_token(nonce=first["nonce"]))

    _assert_refused(response, "invalid_nonce", b"already used", users_before)


def test_an_unregistered_deployment_is_refused_and_not_created(
    client: Client, platform: Platform, users_before: int
) -> None:
    response = _launch_with(client, platform, claims={CLAIM + "deployment_id": "dep-unknown"})

    _assert_refused(
        response,
        "unknown_deployment",
        b"deployment of ICIM Academy is not registered",
        users_before,
    )
    assert list(LtiDeployment.objects.values_list("deployment_id", flat=True)) == ["dep-1"]


@pytest.mark.parametrize(
    "custom",
    [{"icim_course": "no-such-course"}, {}, {"icim_course": "plc-basics", "icim_lesson": "nope"}],
)
def test_a_launch_of_a_missing_or_unpublished_course_is_refused(
    client: Client, platform: Platform, users_before: int, custom: dict[str, str]
) -> None:
    response = _launch_with(client, platform, claims={CLAIM + "custom": custom})

    _assert_refused(response, "course_unavailable", b"not available on ICIM Academy", users_before)


def test_an_archived_course_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    Course.objects.filter(slug="plc-basics").update(published_version=None)

    response = _launch_with(client, platform)

    _assert_refused(response, "course_unavailable", b"not available", users_before)


def test_a_wrong_message_version_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    response = _launch_with(client, platform, claims={CLAIM + "version": "1.1"})

    _assert_refused(response, "invalid_message", b"does not understand", users_before)


def test_cached_platform_keys_serve_while_the_jwks_is_down(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    assert launch(client, platform).status_code == 200
    PlatformKeySet.objects.update(fetched_at=timezone.now() - timedelta(days=2))
    platform.jwks_up = False

    response = launch(Client(), platform)

    assert response.status_code == 200
    assert platform.jwks_requests == 2  # the stale copy was refreshed first, and served on failure


def test_a_launch_with_the_jwks_down_and_nothing_cached_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    platform.jwks_up = False

    response = launch(client, platform)

    _assert_refused(
        response, "platform_keys_unavailable", b"keys could not be fetched", users_before
    )


def test_a_rotated_platform_key_is_fetched(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    assert launch(client, platform).status_code == 200
    rotated = new_key()
    platform.keys.append(rotated)
    platform.signing_key = rotated

    response = launch(Client(), platform)

    assert response.status_code == 200
    assert platform.jwks_requests == 2
    assert len(PlatformKeySet.objects.get().keys["keys"]) == 2


def test_a_login_from_an_unknown_platform_is_refused(
    client: Client, platform: Platform, users_before: int
) -> None:
    response = client.get(
        "/lti/login/",
        {
            "iss": "https://lms.unknown",
            "login_hint": "x",
            "target_link_uri": "http://testserver/lti/launch/",
        },
    )

    assert response.status_code == 403
    assert b"not registered with ICIM Academy" in response.content
    assert AuditEvent.objects.get(action="login_failed").details["reason"] == "unknown_platform"


def test_the_refusal_page_speaks_the_browsers_language(
    client: Client, platform: Platform, users_before: int
) -> None:
    query = start_login(client, platform)
    token = platform.id_token(nonce=query["nonce"], key=new_key())

    response = client.post(
        "/lti/launch/", {"id_token": token, "state": query["state"]}, HTTP_ACCEPT_LANGUAGE="de"
    )

    assert response.status_code == 403
    assert "nicht von Ihrer Lernplattform signiert" in response.content.decode()
    assert '<html lang="de" dir="ltr">' in response.content.decode()
