"""Partial translations: a second language may be saved half done; the source language may not.
Completeness counts what is missing, learners get the source text in its place, and publishing
is allowed with the completeness on record."""

from collections.abc import Callable
from typing import Any

import pytest

from accounts.models import AuditEvent, User
from courses import api as courses_api
from courses.models import CatalogEntry, CourseVersion
from courses.packages import InvalidPackageError, validate_package
from courses.text import pick
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db

# The package of conftest has 19 texts written in English, its primary language.
TEXTS_IN_PRIMARY = 19


def _partially_translated() -> dict[str, Any]:
    """German with 7 of the 19 texts missing: blank, or left out with its lesson's language."""
    package = make_package()
    course = package["course"]
    course["translations"]["de"]["summary"] = ""
    course["translations"]["de"]["description"] = "  "
    course["modules"][1]["translations"]["de"]["title"] = ""
    del course["modules"][0]["lessons"][1]["translations"]["de"]  # title, body, transcript
    questions = course["modules"][1]["lessons"][0]["quiz"]["questions"]
    questions[0]["options"][0]["translations"]["de"] = ""
    questions[3]["accepted_answers"]["de"] = [""]  # a blank line in the editor
    return package


def _problems(package: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPackageError) as refused:
        validate_package(package)
    return [(problem.location, problem.message) for problem in refused.value.problems]


def test_a_partial_translation_is_a_valid_package_with_the_gaps_left_empty() -> None:
    course = validate_package(_partially_translated())["course"]

    lesson = course["modules"][0]["lessons"][1]
    question = course["modules"][1]["lessons"][0]["quiz"]["questions"][0]
    assert course["translations"]["de"]["summary"] == ""
    assert lesson["translations"]["de"] == {}
    assert question["options"][0]["translations"] == {"en": "LD", "de": ""}
    short_text = course["modules"][1]["lessons"][0]["quiz"]["questions"][3]
    assert short_text["accepted_answers"] == {"en": ["ladder"], "de": []}


def test_the_source_language_stays_required() -> None:
    package = make_package()
    course = package["course"]
    course["translations"]["en"]["title"] = " "
    del course["modules"][0]["translations"]["en"]
    questions = course["modules"][1]["lessons"][0]["quiz"]["questions"]
    questions[0]["options"][1]["translations"]["en"] = ""
    questions[3]["accepted_answers"]["en"] = []
    del questions[1]["translations"]["en"]["prompt"]

    assert _problems(package) == [
        ("course.translations.en.title", "may not be blank"),
        ("course.modules[0].translations.en", "translation is missing"),
        (
            "course.modules[1].lessons[0].quiz.questions[0].options[1].translations.en",
            "may not be blank",
        ),
        ("course.modules[1].lessons[0].quiz.questions[1].translations.en.prompt", "is required"),
        (
            "course.modules[1].lessons[0].quiz.questions[3].accepted_answers.en",
            "needs at least 1 item(s)",
        ),
    ]


def test_the_source_language_is_the_primary_one_whichever_it_is() -> None:
    package = make_package(primary_language="de", languages=["de", "en"])
    package["course"]["translations"]["en"]["title"] = ""

    assert validate_package(package)["course"]["translations"]["en"]["title"] == ""
    package["course"]["translations"]["de"]["title"] = ""
    assert _problems(package) == [("course.translations.de.title", "may not be blank")]


def test_a_partial_translation_is_saved_and_counted_as_incomplete(
    staff: dict[str, User], framework: None
) -> None:
    version = courses_api.import_course_package(user=staff["author"], data=_partially_translated())

    assert courses_api.translation_completeness(version=version) == {
        "en": 100,
        "de": (TEXTS_IN_PRIMARY - 7) * 100 // TEXTS_IN_PRIMARY,  # 63
    }


def test_the_authoring_course_reports_the_completeness_per_language(
    staff: dict[str, User], framework: None
) -> None:
    from rest_framework.test import APIClient

    courses_api.import_course_package(user=staff["author"], data=_partially_translated())
    client = APIClient()
    client.force_login(staff["reviewer"])

    response = client.get("/api/v1/authoring/courses/plc-basics/")

    assert response.status_code == 200
    assert response.json()["completeness"] == {"en": 100, "de": 63}


def test_pick_fills_each_missing_text_from_the_primary_language() -> None:
    translations = {
        "en": {"title": "Watch a scan", "body": "Intro", "transcript": "Hello."},
        "de": {"title": "Einen Zyklus ansehen", "body": " ", "transcript": ""},
    }

    assert pick(translations, "de", "en") == {
        "title": "Einen Zyklus ansehen",
        "body": "Intro",
        "transcript": "Hello.",
    }
    assert pick({"en": "LD", "de": ""}, "de", "en") == "LD"
    assert pick({"en": {"title": "A"}}, "de", "en") == {"title": "A"}


def test_publishing_a_partial_translation_is_allowed_and_learners_get_the_source_texts(
    staff: dict[str, User], publish: Callable[..., None]
) -> None:
    publish(_partially_translated())

    german = CatalogEntry.objects.get(course__slug="plc-basics", language="de")
    assert (german.served_language, german.title, german.summary) == (
        "de",
        "PLC Basics (de)",
        "Learn the scan cycle.",
    )
    version = CourseVersion.objects.get(state="published")
    outline = courses_api.get_outline(version_id=version.pk)
    lesson_key = str(version.modules.get(position=0).lessons.get(position=1).key)
    lesson = courses_api.lesson_for_learner(outline=outline, lesson_key=lesson_key, language="de")
    assert (lesson["title"], lesson["transcript"]) == ("Watch a scan", "Hello.")
    (published,) = AuditEvent.objects.filter(action="course_published")
    assert published.details["translation_completeness"] == {"en": 100, "de": 63}
