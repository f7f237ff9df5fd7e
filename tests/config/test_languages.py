"""Language tags: every way a client names a language resolves to one platform language."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from config.languages import resolve_language_tag
from tests.courses.conftest import framework, institution, make_package, publish, staff

__all__ = ["framework", "institution", "publish", "staff"]

pytestmark = pytest.mark.django_db

SUPPORTED = "en (English), zh-hans (Simplified Chinese), de (German), ar (Arabic)"


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh-Hans", "zh-hans"),
        ("zh-hans", "zh-hans"),
        ("ZH-HANS", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("zh-cn", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("zh_CN", "zh-hans"),
        ("de-DE", "de"),
        ("DE", "de"),
        ("de-AT", "de"),
        ("ar-EG", "ar"),
        ("en-GB", "en"),
        (" en ", "en"),
        ("xx", None),
        ("tlh", None),
        ("", None),
        ("en;q=1", None),
        ("../en", None),
        ("zh-" + "x" * 40, None),
    ],
)
def test_a_bcp47_tag_resolves_case_insensitively_to_a_platform_language(
    tag: str, language: str | None
) -> None:
    assert resolve_language_tag(tag) == language


@pytest.fixture
def catalog(publish: Callable[..., None]) -> None:
    publish(make_package())


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-hans", "zh-CN", "zh-cn", "zh"])
def test_the_lang_parameter_takes_any_case_and_region(
    api_client: APIClient, catalog: None, tag: str
) -> None:
    competencies = api_client.get("/api/v1/competencies/", {"lang": tag})
    detail = api_client.get("/api/v1/courses/plc-basics/", {"lang": tag})
    listed = api_client.get("/api/v1/courses/", {"lang": tag})

    assert [item["name"] for item in competencies.json() if item["code"] == "AUT.PLC"] == [
        "PLC 编程"
    ]
    # The course is in English and German: served in English, competency names in Chinese.
    assert (detail.status_code, detail.json()["served_language"]) == (200, "en")
    assert detail.json()["competencies"] == [{"code": "AUT.PLC", "name": "PLC 编程"}]
    assert [item["slug"] for item in listed.json()["results"]] == ["plc-basics"]


@pytest.mark.parametrize("tag", ["de-DE", "DE", "de-at"])
def test_a_regional_german_tag_serves_german(
    api_client: APIClient, catalog: None, tag: str
) -> None:
    detail = api_client.get("/api/v1/courses/plc-basics/", {"lang": tag})
    by_header = api_client.get("/api/v1/courses/plc-basics/", HTTP_ACCEPT_LANGUAGE=tag)

    assert (detail.json()["served_language"], detail.json()["title"]) == ("de", "PLC Basics (de)")
    assert by_header.json()["title"] == "PLC Basics (de)"


@pytest.mark.parametrize("tag", ["de-DE", "zh-CN", "ar-EG"])
def test_the_language_filter_takes_any_tag(api_client: APIClient, catalog: None, tag: str) -> None:
    response = api_client.get("/api/v1/courses/", {"language": tag})

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == (
        ["plc-basics"] if tag == "de-DE" else []
    )


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/courses/", "lang"),
        ("/api/v1/courses/", "language"),
        ("/api/v1/competencies/", "lang"),
        ("/api/v1/courses/plc-basics/", "lang"),
    ],
)
def test_an_unknown_language_is_a_400_listing_the_supported_ones(
    api_client: APIClient, catalog: None, path: str, parameter: str
) -> None:
    response = api_client.get(path, {parameter: "tlh"})

    assert response.status_code == 400
    assert response.json()["fields"] == {
        parameter: [f"“tlh” is not a supported language. Supported languages: {SUPPORTED}."]
    }


def test_the_refusal_is_in_the_language_of_the_request(
    api_client: APIClient, catalog: None
) -> None:
    response = api_client.get("/api/v1/courses/", {"lang": "xx"}, HTTP_ACCEPT_LANGUAGE="de")

    assert response.json()["fields"]["lang"] == [
        "„xx“ ist keine unterstützte Sprache. Unterstützte Sprachen: en (Englisch), "
        "zh-hans (Vereinfachtes Chinesisch), de (Deutsch), ar (Arabisch)."
    ]


@pytest.mark.parametrize(("tag", "saved"), [("zh-Hans", "zh-hans"), ("de-DE", "de"), ("AR", "ar")])
def test_the_saved_language_takes_any_tag_and_is_stored_as_the_platform_code(
    logged_in_client: APIClient, user: User, tag: str, saved: str
) -> None:
    response = logged_in_client.patch("/api/v1/auth/me", {"preferred_language": tag})

    assert response.json()["preferred_language"] == saved
    user.refresh_from_db()
    assert user.preferred_language == saved


def test_registration_takes_any_tag_and_refuses_unknown_ones(api_client: APIClient) -> None:
    registration: dict[str, Any] = {
        "email": "wang@example.org",
        "password": "correct-horse-battery",
        "full_name": "Wang Fang",
    }

    accepted = api_client.post(
        "/api/v1/auth/register", {**registration, "preferred_language": "zh-CN"}, format="json"
    )
    refused = api_client.post(
        "/api/v1/auth/register",
        {**registration, "email": "other@example.org", "preferred_language": "klingon"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert accepted.status_code == 202
    assert User.objects.get(email="wang@example.org").preferred_language == "zh-hans"
    assert (refused.status_code, refused.json()["fields"]) == (
        400,
        {
            "preferred_language": [
                f"“klingon” is not a supported language. Supported languages: {SUPPORTED}."
            ]
        },
    )
    assert not User.objects.filter(email="other@example.org").exists()
