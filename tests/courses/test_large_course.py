"""A large course (up to the package limits, 200 modules of 200 lessons): the review diff, the
export and the first enrolment cost a fixed number of queries whatever the number of lessons.

`tests/benchmarks/bench_large_course.py` times the same calls at 200 × 200.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.outline import cached_outline
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_outline_cache() -> Iterator[None]:
    # Enrolling caches the outline per version id, and rolled-back tests reuse ids (SQLite).
    cached_outline.cache_clear()
    yield
    cached_outline.cache_clear()


def large_package(*, modules: int, lessons: int, slug: str = "plc-basics") -> dict[str, Any]:
    """The test package with `modules - 1` generated modules of `lessons` text lessons each,
    before its quiz module."""
    package = make_package(slug=slug)
    text_lesson = package["course"]["modules"][0]["lessons"][0]
    generated = [
        {
            "translations": {"en": {"title": f"Module {m}"}, "de": {"title": f"Modul {m}"}},
            "lessons": [
                {
                    **text_lesson,
                    "translations": {
                        "en": {"title": f"Lesson {m}.{n}", "body": f"Body {m}.{n}"},
                        "de": {"title": f"Lektion {m}.{n}", "body": f"Text {m}.{n}"},
                    },
                }
                for n in range(lessons)
            ],
        }
        for m in range(modules - 1)
    ]
    package["course"]["modules"] = [*generated, package["course"]["modules"][-1]]
    return package


def _queries_per_request(
    size: int, staff: dict[str, User], publish: Callable[..., None]
) -> dict[str, int]:
    """Publish a size × size course, open a draft with one lesson retitled, then count each
    request's queries (the outline cache emptied first, so enrolment builds it)."""
    publish(large_package(modules=size, lessons=size))
    package = courses_api.export_course_package(
        version=courses_api.get_course_for_member(
            user=staff["author"], slug="plc-basics"
        ).versions.get(state="published")
    )
    package["course"]["modules"][0]["lessons"][0]["translations"]["en"]["title"] = "Edited"
    courses_api.import_course_package(user=staff["author"], data=package)
    cached_outline.cache_clear()
    author, learner = APIClient(), APIClient()
    author.force_login(staff["author"])
    learner.force_login(staff["learner"])
    requests = {
        "diff": lambda: author.get("/api/v1/authoring/courses/plc-basics/diff"),
        "export": lambda: author.get("/api/v1/authoring/courses/plc-basics/package?version=1"),
        "archive": lambda: author.get("/api/v1/authoring/courses/plc-basics/archive?version=1"),
        "first enrolment": lambda: learner.post(
            "/api/v1/enrollments/", {"course": "plc-basics"}, format="json"
        ),
    }
    counts = {}
    for name, request in requests.items():
        with CaptureQueriesContext(connection) as queries:
            response = request()
        assert response.status_code in (200, 201), (name, response.content[:300])
        counts[name] = len(queries)
    diff = author.get("/api/v1/authoring/courses/plc-basics/diff").json()
    assert [(change["change"], change["item"], change["fields"]) for change in diff["changes"]] == [
        ("changed", "lesson", ["translations.en"])
    ]
    return counts


@pytest.mark.parametrize("size", [3, 12])
def test_diff_export_and_first_enrolment_queries_do_not_grow_with_lessons(
    framework: None, staff: dict[str, User], publish: Callable[..., None], size: int
) -> None:
    counts = _queries_per_request(size, staff, publish)

    # the same at 3 × 3 (9 lessons) and 12 × 12 (144): no query per module or lesson
    assert counts == {"diff": 28, "export": 17, "archive": 18, "first enrolment": 9}
