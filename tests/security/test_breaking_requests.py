"""Requests that used to break a worker: each is a clear 400 (or safe text), never a 500."""

import io
import json
import uuid
import zipfile
from typing import Any

import pytest
from rest_framework.test import APIClient

from courses.models import Course
from enrollment.models import LearningEvent
from tests.courses.conftest import make_package
from tests.security.conftest import World

pytestmark = pytest.mark.usefixtures("_no_throttling")

NUMERIC_OUT_OF_RANGE = (
    "A numeric answer must be a number below 10^13 in size, written in at most 40 characters."
)


@pytest.mark.parametrize(
    "answer", ["1e999999999", "1e1000000", "-1e13", 1e300, "1" * 41, "0." + "0" * 39 + "1"]
)
def test_a_numeric_answer_beyond_range_is_a_clear_400_and_records_nothing(
    world: World, course: dict[str, Any], answer: object
) -> None:
    client = APIClient()
    client.force_login(world.users["other_learner"])
    numeric_key = str(course["questions"]["numeric"].key)

    response = client.post(
        f"/api/v1/enrollments/{world.other_enrollment.pk}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": course["quiz"],
            "answers": {**course["correct_answers"], numeric_key: answer},
        },
        format="json",
    )

    assert response.status_code == 400, response.content[:500]
    assert response.json()["fields"] == {f"answers.{numeric_key}": [NUMERIC_OUT_OF_RANGE]}
    assert not LearningEvent.objects.filter(
        enrollment=world.other_enrollment, kind="quiz_submitted"
    ).exists()


# --- course package files ------------------------------------------------------------------------


def _stored_zip(course_json: bytes) -> bytes:
    """An archive whose course.json is stored uncompressed (so no compression ratio applies)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("course.json", course_json)
    return buffer.getvalue()


def _import(world: World, name: str, content: bytes) -> Any:
    client = APIClient()
    client.force_login(world.users["author"])
    upload = io.BytesIO(content)
    upload.name = name
    return client.post("/api/v1/authoring/imports", {"file": upload}, format="multipart")


NESTED = b"[" * 200_000 + b"]" * 200_000
TOO_DEEP = b'{"format": "icim-course/1", "course": ' + b"[" * 20 + b"]" * 20 + b"}"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("course.zip", _stored_zip(NESTED), {"course.json": "nests deeper than 20 levels"}),
        ("course.zip", _stored_zip(TOO_DEEP), {"course.json": "nests deeper than 20 levels"}),
        ("course.json", NESTED, {"$": "nests deeper than 20 levels"}),
        ("course.json", b" " * (20 * 1024 * 1024 + 1), {"$": "is larger than 20 MB"}),
        (
            "course.zip",
            _stored_zip(b"[" + b" " * (20 * 1024 * 1024) + b"]"),
            {"course.json": "is larger than 20 MB"},
        ),
    ],
    ids=[
        "stored-zip-nested",
        "stored-zip-21-levels",
        "json-nested",
        "json-too-large",
        "zip-too-large",
    ],
)
def test_package_files_past_the_size_and_depth_limits_are_a_clear_400(
    world: World, name: str, content: bytes, problem: dict[str, str]
) -> None:
    courses_before = Course.objects.count()

    response = _import(world, name, content)

    assert response.status_code == 400, response.content[:500]
    assert response.json()["code"] == "invalid_package"
    assert response.json()["problems"] == [
        {"location": location, "message": message} for location, message in problem.items()
    ]
    assert Course.objects.count() == courses_before


def test_brackets_inside_texts_do_not_count_as_nesting(world: World) -> None:
    package = make_package(slug="brackets", institution="rhine")
    package["course"]["translations"]["en"]["summary"] = '[[[[[[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{ \\"'

    response = _import(world, "course.json", json.dumps(package).encode())

    assert response.status_code == 201, response.content[:500]


def test_an_authors_numeric_answer_with_a_huge_exponent_is_a_problem_not_a_500(
    world: World,
) -> None:
    package = make_package(slug="huge-answer", institution="rhine")
    quiz = package["course"]["modules"][1]["lessons"][0]["quiz"]
    numeric = next(q for q in quiz["questions"] if q["kind"] == "numeric")
    numeric["answer"] = "1e999999999"

    response = _import(world, "course.json", json.dumps(package).encode())

    assert response.status_code == 400, response.content[:500]
    assert [problem["message"] for problem in response.json()["problems"]] == [
        "must be a finite number below 10^13"
    ]
