"""Standards alignment: the seeded list, competencies tagged with standards, and the catalog
filter by standard (courses/standards.py)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from courses import api as courses_api
from courses.models import Competency, Standard
from tests.courses.conftest import FRAMEWORK, make_package

SEEDED = [
    "IEC 62443",
    "ISA-95 / IEC 62264",
    "ISA-88",
    "IEC 61131-3",
    "IEC 62541",
    "ISO 23247",
    "IEC 63278",
    "ISO 10303",
]


def test_the_migration_seeds_the_common_standards(db: None) -> None:
    assert list(Standard.objects.values_list("code", flat=True)) == SEEDED


def test_standards_are_listed_in_the_readers_language(api_client: APIClient, db: None) -> None:
    response = api_client.get("/api/v1/standards/", {"lang": "zh-Hans"})

    assert response.status_code == 200
    assert response.json()[0] == {
        "code": "IEC 62443",
        "title": "工业自动化和控制系统信息安全",
        "issuing_body": "IEC / ISA",
        "url": "https://www.isa.org/standards-and-publications/isa-standards/isa-iec-62443-series-of-standards",
    }


def test_the_shipped_framework_tags_competencies_with_standards(db: None) -> None:
    courses_api.load_shipped_competency_framework()

    plc = Competency.objects.get(code="AUT.PLC")
    assert list(plc.standards.values_list("code", flat=True)) == ["IEC 61131-3"]
    assert set(
        Competency.objects.filter(standards__code="IEC 62443").values_list("code", flat=True)
    ) == {"SEC.IEC", "SEC.RSK"}


def test_a_framework_naming_an_unknown_standard_is_refused_whole(db: None) -> None:
    entries = [{**FRAMEWORK[0], "standards": ["ISO 99999"]}]

    with pytest.raises(ValidationError) as refused:
        courses_api.load_competency_framework(entries=entries)

    assert refused.value.messages == ["AUT: unknown standard ISO 99999"]
    assert not Competency.objects.exists()


def test_competency_payloads_show_their_standards_in_fixed_queries(
    api_client: APIClient, framework: None, django_assert_num_queries: Any
) -> None:
    Competency.objects.get(code="AUT.PLC").standards.set(
        Standard.objects.filter(code__in=["IEC 61131-3", "ISA-88"])
    )

    # competencies with parents, their standards
    with django_assert_num_queries(2):
        response = api_client.get("/api/v1/competencies/")

    by_code = {item["code"]: item["standards"] for item in response.json()}
    assert by_code == {"AUT": [], "AUT.PLC": ["ISA-88", "IEC 61131-3"], "SEC": []}


def test_the_catalog_filters_by_standard(
    api_client: APIClient, publish: Callable[..., None], django_assert_num_queries: Any
) -> None:
    Competency.objects.get(code="AUT.PLC").standards.add(Standard.objects.get(code="IEC 61131-3"))
    publish(make_package(slug="plc-basics"))
    security = make_package(slug="security", competencies=["SEC"])
    for module in security["course"]["modules"]:
        for lesson in module["lessons"]:
            lesson["competencies"] = []
    publish(security)

    # the standard (filter form), page, institutions, competencies (a short first page needs
    # no count)
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/courses/", {"standard": "IEC 61131-3"})

    assert [course["slug"] for course in response.json()["results"]] == ["plc-basics"]
    assert api_client.get("/api/v1/courses/", {"standard": "IEC 62443"}).json()["count"] == 0


def test_an_unknown_standard_filter_is_a_400(api_client: APIClient, db: None) -> None:
    response = api_client.get("/api/v1/courses/", {"standard": "ISO 99999"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_choice"


def test_reloading_the_tags_drops_cached_catalog_pages(
    api_client: APIClient, publish: Callable[..., None]
) -> None:
    publish(make_package(slug="plc-basics"))
    assert api_client.get("/api/v1/courses/", {"standard": "IEC 61131-3"}).json()["count"] == 0

    entries = [dict(entry) for entry in FRAMEWORK]
    entries[1]["standards"] = ["IEC 61131-3"]
    courses_api.load_competency_framework(entries=entries)

    assert api_client.get("/api/v1/courses/", {"standard": "IEC 61131-3"}).json()["count"] == 1
