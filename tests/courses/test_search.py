"""Catalog search: words of every content language, competency and institution names, title
matches first; the same answers on SQLite and PostgreSQL (run with DATABASE_URL for the latter)."""

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import Organization
from courses import api as courses_api
from courses.search import build_search_texts, normalize_search_text, query_words
from devdata.accounts import seed_accounts
from devdata.courses import seed_catalog
from tests.courses.conftest import FRAMEWORK, make_package

pytestmark = pytest.mark.django_db


def _slugs(client: APIClient, **params: str) -> list[str]:
    response = client.get("/api/v1/courses/", params)
    assert response.status_code == 200, response.json()
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def demo_catalog(db: None) -> None:
    seed_accounts()
    seed_catalog()


# --- the demo catalog, whatever the interface language --------------------------------------------


@pytest.mark.parametrize("ui_language", ["en", "zh-hans", "de", "ar"])
@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        # The domain of the course's competencies: 数字孪生与仿真 (TWN), no course text says it.
        ("数字孪生", ["digital-twins-virtual-commissioning"]),
        # Competency names only: 机器人编程与运动学, 协作机器人应用, 机器人安全 (SAF.ROB).
        ("机器人", ["functional-safety-machinery", "industrial-robotics-cobot-safety"]),
        # The Chinese title of a course served in English to an English reader.
        ("机器视觉", ["machine-vision-quality-inspection"]),
        # Arabic competency names: الروبوتات الصناعية, سلامة الروبوتات.
        ("روبوت", ["functional-safety-machinery", "industrial-robotics-cobot-safety"]),
        # A German title, for readers of every language.
        ("Zwilling", ["digital-twins-virtual-commissioning"]),
        # Institution names, case folded beyond ASCII (SQLite's LIKE folds ASCII only).
        ("ØRESUND", ["industrial-robotics-cobot-safety"]),
        ("øresund robotics", ["industrial-robotics-cobot-safety"]),
    ],
)
def test_demo_courses_are_found_by_words_of_any_language_whatever_the_ui_language(
    api_client: APIClient, demo_catalog: None, ui_language: str, query: str, slugs: list[str]
) -> None:
    assert sorted(_slugs(api_client, search=query, lang=ui_language)) == slugs


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        # الأمن السيبراني typed with a bare alef.
        ("الامن السيبراني", ["industrial-cybersecurity-iec-62443"]),
        # التصنيع الإضافي without the article, with a bare alef.
        ("تصنيع اضافي", ["metal-additive-manufacturing"]),
        # تعلّم الآلة without the shadda; with a tatweel.
        ("تعلم الآلة", ["industrial-data-ai-foundations", "predictive-maintenance-ml"]),
        ("تعلـــم", ["industrial-data-ai-foundations", "predictive-maintenance-ml"]),
        # برمجة (the competencies of PLC and robot programming) asked for with the article.
        (
            "البرمجة",
            [
                "digital-twins-virtual-commissioning",
                "industrial-robotics-cobot-safety",
                "plc-iec-61131-3",
                "shop-floor-sensors-quick-tour",
            ],
        ),
        # With the conjunction: والروبوتات.
        ("والروبوتات", ["functional-safety-machinery", "industrial-robotics-cobot-safety"]),
    ],
)
def test_arabic_spelling_variants_and_the_article_find_the_demo_courses(
    api_client: APIClient, demo_catalog: None, query: str, slugs: list[str]
) -> None:
    assert sorted(_slugs(api_client, search=query, lang="ar")) == slugs


def test_an_institution_name_finds_its_courses_in_every_language(
    api_client: APIClient, demo_catalog: None
) -> None:
    expected = [
        "machine-vision-quality-inspection",
        "metal-additive-manufacturing",
        "opc-ua-mqtt-connectivity",
    ]

    for language in ("en", "zh-hans"):
        found = _slugs(api_client, search="Huaxia Polytechnic", lang=language)
        assert sorted(found) == expected


def test_a_chinese_reader_sees_the_course_titled_in_chinese_first(
    api_client: APIClient, demo_catalog: None
) -> None:
    # 机器 is in the Chinese title of the vision course and only in competency names of others.
    found = _slugs(api_client, search="机器", lang="zh-hans")

    assert found[0] == "machine-vision-quality-inspection"
    assert "industrial-robotics-cobot-safety" in found[1:]


# --- ranking, normalization, freshness ------------------------------------------------------------


@pytest.fixture
def two_plc_courses(publish: Callable[..., None]) -> None:
    publish(make_package())  # "PLC Basics", competency AUT.PLC
    publish(
        make_package(
            slug="alpha-logic",
            translations={
                "en": {"title": "Alpha Logic", "summary": "Logic.", "description": "Logic."},
                "de": {"title": "Alpha Logik", "summary": "Logik.", "description": "Logik."},
            },
        )
    )  # AUT.PLC ("PLC programming") only


def test_title_matches_rank_above_competency_only_matches(
    api_client: APIClient, two_plc_courses: None
) -> None:
    # By title alone, "Alpha Logic" would come first.
    assert _slugs(api_client) == ["alpha-logic", "plc-basics"]

    assert _slugs(api_client, search="plc") == ["plc-basics", "alpha-logic"]
    # No title has the word: title order.
    assert _slugs(api_client, search="编程", lang="zh-hans") == ["alpha-logic", "plc-basics"]
    # An explicit ordering is the reader's choice and wins over the ranking.
    assert _slugs(api_client, search="plc", ordering="-title") == ["plc-basics", "alpha-logic"]
    assert _slugs(api_client, search="plc", ordering="title") == ["alpha-logic", "plc-basics"]


def test_every_word_must_match_somewhere(api_client: APIClient, two_plc_courses: None) -> None:
    assert _slugs(api_client, search="plc basics") == ["plc-basics"]
    # Some of the words in a title ranks between all of them and none.
    assert _slugs(api_client, search="rhine plc") == ["plc-basics", "alpha-logic"]
    assert _slugs(api_client, search="rhine logic") == ["alpha-logic"]
    assert _slugs(api_client, search="plc nowhere") == []
    # A LIKE wildcard is a character to look for, not a pattern.
    assert _slugs(api_client, search="%") == []
    assert _slugs(api_client, search="   ") == ["alpha-logic", "plc-basics"]


def test_full_width_and_case_variants_match(api_client: APIClient, two_plc_courses: None) -> None:
    assert _slugs(api_client, search="ＰＬＣ　ＢＡＳＩＣＳ") == ["plc-basics"]


def test_a_renamed_institution_is_found_by_its_new_name(
    api_client: APIClient, two_plc_courses: None
) -> None:
    institution = Organization.objects.get(slug="rhine")
    institution.name = "Technische Universität Rheintal"
    institution.save()

    assert _slugs(api_client, search="universität rheintal") == ["alpha-logic", "plc-basics"]
    assert _slugs(api_client, search="Rhine TU") == []


def test_a_reloaded_framework_name_is_found(api_client: APIClient, two_plc_courses: None) -> None:
    entries = [dict(entry) for entry in FRAMEWORK]
    entries[1] = {
        **entries[1],
        "translations": {
            **entries[1]["translations"],
            "ar": {"name": "برمجة المتحكمات المنطقية", "description": "IEC 61131-3."},
        },
    }

    courses_api.load_competency_framework(entries=entries)

    assert _slugs(api_client, search="المتحكمات", lang="en") == ["alpha-logic", "plc-basics"]


def test_a_search_costs_a_fixed_number_of_queries(
    api_client: APIClient, publish: Callable[..., None], django_assert_num_queries: Any
) -> None:
    for number in range(6):
        publish(make_package(slug=f"course-{number}"))

    # count, page, institutions, competencies
    with django_assert_num_queries(4):
        response = api_client.get("/api/v1/courses/", {"search": "plc 编程", "page_size": 6})

    assert response.json()["count"] == 6


# --- the texts themselves -------------------------------------------------------------------------


def test_normalization_folds_case_and_compatibility_forms() -> None:
    assert normalize_search_text("  Straße\u3000ＰＬＣ\tØresund ") == "strasse plc øresund"


def test_normalization_folds_arabic_spelling_variants() -> None:
    # Shadda and fatha dropped, أ إ آ as ا, ة as ه, ى as ي, the tatweel dropped.
    assert normalize_search_text("تعلَّم الأمن إضافية الآلة مستوى الـــرقمية") == (
        "تعلم الامن اضافيه الاله مستوي الرقميه"
    )
    # Latin, Chinese and Arabic digits untouched.
    assert normalize_search_text("Zwilling 数字孪生 ٦٢٤٤٣") == "zwilling 数字孪生 ٦٢٤٤٣"


def test_a_query_word_loses_its_arabic_article_and_joined_particles() -> None:
    assert query_words("البرمجة والتحكم بالروبوت للتصنيع") == ["برمجه", "تحكم", "روبوت", "تصنيع"]
    # What would be left is too short to be a word of its own: kept whole.
    assert query_words("الآن الى") == ["الان", "الي"]
    # Only Arabic words, only at their start.
    assert query_words("alles Kanal") == ["alles", "kanal"]


def test_search_texts_hold_every_language_and_titles_apart() -> None:
    search_text, title_text = build_search_texts(
        translations={
            "en": {"title": "Machine Vision", "summary": "Inspect.", "description": ""},
            "zh-hans": {"title": "机器视觉", "summary": "检测。"},
        },
        competencies=[("VIS.INS", {"en": {"name": "Inspection"}, "ar": {"name": "الفحص"}})],
        institution_names=["Huaxia Polytechnic"],
    )

    assert search_text.split("\n") == [
        "machine vision",
        "inspect.",
        "机器视觉",
        "检测。",
        "vis.ins",
        "vis ins",
        "inspection",
        "الفحص",
        "huaxia polytechnic",
    ]
    assert title_text == "machine vision\n机器视觉"
