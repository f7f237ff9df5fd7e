"""Deep Linking 2.0: the instructor picks content, the tool answers with a signed response."""

import urllib.parse
import urllib.request
from typing import Any

import jwt
import pytest
from django.test import Client
from lti_tool.models import LtiRegistration

from accounts.models import AuditEvent
from tests.lti.conftest import launch
from tests.lti.platform import CLAIM, DL_CLAIM, INSTRUCTOR, LEARNER, Platform

pytestmark = pytest.mark.django_db

DEEP_LINK = "http://testserver/lti/deep-link/"


def _deep_linking_request(platform: Platform, roles: list[str] | None = None) -> None:
    platform.next_claims = {
        CLAIM + "message_type": "LtiDeepLinkingRequest",
        CLAIM + "roles": roles or [INSTRUCTOR],
        CLAIM + "resource_link": None,
        CLAIM + "custom": None,
        DL_CLAIM: {
            "deep_link_return_url": f"{platform.base_url}/deep-link-return",
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe", "window"],
            "data": "opaque-42",
        },
    }


def _tool_claims(client: Client, token: str, platform: Platform) -> dict[str, Any]:
    """The response JWT's claims, verified with the key the tool's JWKS publishes."""
    keys = client.get("/lti/jwks/").json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    key = next(k for k in keys if k["kid"] == kid)
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["RS256"], audience=platform.issuer)


def test_an_instructor_picks_a_course_and_the_platform_gets_a_signed_graded_link(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    _deep_linking_request(platform)

    picker = launch(client, platform, target=DEEP_LINK)

    assert picker.status_code == 200
    values = [choice.value for choice in picker.context["choices"]]
    assert values[0] == "plc-basics"
    assert any(value.startswith("plc-basics/lesson/") for value in values)
    assert any(value.startswith("plc-basics/module/") for value in values)

    answer = Client().post(
        "/lti/deep-link/select/",
        {"signed_request": picker.context["signed_request"], "choice": "plc-basics"},
    )

    assert answer.status_code == 200
    assert answer.context["action"] == f"{platform.base_url}/deep-link-return"
    assert f"form-action 'self' {platform.base_url}" in answer["Content-Security-Policy"]
    claims = _tool_claims(client, answer.context["token"], platform)
    assert claims["iss"] == platform.client_id
    assert claims[CLAIM + "message_type"] == "LtiDeepLinkingResponse"
    assert claims[CLAIM + "version"] == "1.3.0"
    assert claims[CLAIM + "deployment_id"] == platform.deployment_id
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "opaque-42"
    [item] = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert item["type"] == "ltiResourceLink"
    assert item["url"] == "http://testserver/lti/launch/"
    assert item["custom"] == {"icim_course": "plc-basics"}
    assert item["lineItem"]["scoreMaximum"] == 100
    assert item["lineItem"]["resourceId"] == "plc-basics"
    # The browser's auto-post reaches the platform (real HTTP), which keeps the response.
    body = urllib.parse.urlencode({"JWT": answer.context["token"]}).encode()
    with urllib.request.urlopen(answer.context["action"], body, timeout=5) as returned:  # noqa: S310
        assert returned.status == 200
    assert platform.deep_link_responses == [answer.context["token"]]


def test_a_lesson_is_linked_without_a_line_item(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    _deep_linking_request(platform)
    picker = launch(client, platform, target=DEEP_LINK)
    lesson = course["text"]

    answer = Client().post(
        "/lti/deep-link/select/",
        {
            "signed_request": picker.context["signed_request"],
            "choice": f"plc-basics/lesson/{lesson}",
        },
    )

    [item] = _tool_claims(client, answer.context["token"], platform)[
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
    ]
    assert item["custom"] == {"icim_course": "plc-basics", "icim_lesson": lesson}
    assert "lineItem" not in item


def test_a_quiz_lesson_is_linked_with_a_line_item_of_its_own(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    _deep_linking_request(platform)
    picker = launch(client, platform, target=DEEP_LINK)

    answer = Client().post(
        "/lti/deep-link/select/",
        {
            "signed_request": picker.context["signed_request"],
            "choice": f"plc-basics/lesson/{course['quiz']}",
        },
    )

    [item] = _tool_claims(client, answer.context["token"], platform)[
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
    ]
    assert item["custom"] == {"icim_course": "plc-basics", "icim_lesson": course["quiz"]}
    assert item["lineItem"]["scoreMaximum"] == 100
    assert item["lineItem"]["resourceId"] == f"plc-basics/lesson/{course['quiz']}"


@pytest.mark.parametrize(
    ("tamper", "choice"),
    [
        (lambda signed: signed[:-2] + ("AA" if not signed.endswith("AA") else "BB"), "plc-basics"),
        (lambda signed: "x" + signed, "plc-basics"),
        (lambda signed: signed, "no-such-course"),
        (lambda signed: signed, "plc-basics/lesson/not-a-lesson"),
    ],
)
def test_tampered_deep_linking_data_is_refused(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    tamper: Any,
    choice: str,
) -> None:
    _deep_linking_request(platform)
    picker = launch(client, platform, target=DEEP_LINK)

    answer = Client().post(
        "/lti/deep-link/select/",
        {"signed_request": tamper(picker.context["signed_request"]), "choice": choice},
    )

    assert answer.status_code == 403
    assert b"could not be verified" in answer.content
    assert AuditEvent.objects.get(action="login_failed").details["reason"] == "invalid_selection"
    assert platform.deep_link_responses == []


def test_a_learner_cannot_deep_link(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    _deep_linking_request(platform, roles=[LEARNER])

    response = launch(client, platform, target=DEEP_LINK)

    assert response.status_code == 403
    assert AuditEvent.objects.get(action="login_failed").details["reason"] == "invalid_message"
