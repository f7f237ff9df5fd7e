"""Competency names in every answer that carries them follow the request's language: the
framework's name in that language, else English, else the name recorded on the certificate."""

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from courses.competencies import DATA_DIR
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db

ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    issued = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    # Recorded in the learner's language (English), plus a code the framework no longer has.
    issued.competencies = [
        *issued.competencies,
        {"code": "OLD.X", "name": "A retired competency"},
    ]
    issued.save(update_fields=["competencies"])
    return issued


def _names(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [(item["code"], item["name"]) for item in answer["competencies"]]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-CN", [("AUT.PLC", "PLC 编程"), ("OLD.X", "A retired competency")]),
        # No German name in the test framework: English.
        ("de", [("AUT.PLC", "PLC programming"), ("OLD.X", "A retired competency")]),
    ],
)
def test_verification_gives_competency_names_in_the_request_language(
    certificate: Certificate, language: str, expected: list[tuple[str, str]]
) -> None:
    client = APIClient()

    english = client.get(f"/api/v1/verify/{certificate.pk}", HTTP_ACCEPT_LANGUAGE="en")
    by_id = client.get(f"/api/v1/verify/{certificate.pk}", HTTP_ACCEPT_LANGUAGE=language)

    assert _names(english.json()) == [
        ("AUT.PLC", "PLC programming"),
        ("OLD.X", "A retired competency"),
    ]
    assert _names(by_id.json()) == expected


def test_my_certificates_give_competency_names_in_the_request_language(
    staff: dict[str, User], certificate: Certificate
) -> None:
    client = APIClient()
    client.force_login(staff["learner"])

    listing = client.get("/api/v1/certificates/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    detail = client.get(
        f"/api/v1/certificates/{certificate.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).json()

    assert _names(listing["results"][0]) == [
        ("AUT.PLC", "PLC 编程"),
        ("OLD.X", "A retired competency"),
    ]
    assert _names(detail) == _names(listing["results"][0])
    # The record itself keeps what the certificate shows.
    certificate.refresh_from_db()
    assert certificate.competencies[0] == {"code": "AUT.PLC", "name": "PLC programming"}


def test_the_shipped_framework_names_every_node_in_every_platform_language() -> None:
    framework = json.loads((DATA_DIR / "competencies.json").read_text(encoding="utf-8"))

    for node in framework:
        translations = node["translations"]
        assert set(translations) == {"en", "de", "zh-hans", "ar"}, node["code"]
        for language, texts in translations.items():
            assert texts["name"].strip(), (node["code"], language)
            assert texts["description"].strip(), (node["code"], language)
        assert ARABIC.search(translations["ar"]["name"]), node["code"]
        assert ARABIC.search(translations["ar"]["description"]), node["code"]
    assert len({node["translations"]["ar"]["name"] for node in framework}) == len(framework)


def test_the_demo_framework_answers_in_arabic(api_client: APIClient) -> None:
    from devdata.courses import load_framework

    load_framework()

    answer = api_client.get("/api/v1/competencies/", {"lang": "ar-EG"}).json()

    by_code = {item["code"]: item for item in answer}
    assert (by_code["ROB"]["name"], by_code["ROB"]["served_language"]) == (
        "الروبوتات الصناعية",
        "ar",
    )
    assert by_code["TWN.VCM"]["name"] == "التشغيل التجريبي الافتراضي"
    # Arabic words find the courses through these names.
    assert all(ARABIC.search(item["name"]) for item in answer)
