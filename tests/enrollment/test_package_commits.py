"""Commits from a launched SCO: stored and checked as the standard says, fed into progress, the
grade and completion (to the certificate), idempotent, refused without changing anything."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from devdata.elearning_packages import build_scorm12_package, build_scorm2004_package
from enrollment import api as enrollment_api
from enrollment.models import LearningEvent, LessonProgress, PackageAttempt
from tests.elearning import content_client, content_origin, launch, learning, token_of
from tests.enrollment.conftest import _fresh_outline_cache

__all__ = ["_fresh_outline_cache", "content_origin", "learning"]

pytestmark = pytest.mark.django_db


def _start(started: dict[str, Any]) -> str:
    response = launch(started["learner"], started["enrollment"].pk, started["package"])
    assert response.status_code == 201, response.content
    return token_of(response.json()["launch_url"])


def _commit(token: str, cmi: dict[str, Any], content_type: str = "application/json") -> Any:
    return content_client().post(
        f"/p/{token}/commit", json.dumps({"cmi": cmi}), content_type=content_type
    )


def _stored(started: dict[str, Any]) -> tuple[Any, ...]:
    attempt = PackageAttempt.objects.filter(enrollment=started["enrollment"]).first()
    progress = LessonProgress.objects.filter(enrollment=started["enrollment"]).first()
    return (
        None
        if attempt is None
        else (attempt.cmi, attempt.completion_status, attempt.score, attempt.updated_at),
        None if progress is None else (progress.completed_at, progress.best_score),
        LearningEvent.objects.filter(enrollment=started["enrollment"]).count(),
    )


def _lesson(started: dict[str, Any]) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(started["learner"])
    response = client.get(
        f"/api/v1/enrollments/{started['enrollment'].pk}/lessons/{started['package']}/"
    )
    assert response.status_code == 200
    return dict(response.json())


def _progress(started: dict[str, Any]) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(started["learner"])
    return dict(client.get(f"/api/v1/enrollments/{started['enrollment'].pk}/progress/").json())


PASSED_12 = {
    "core": {
        "lesson_status": "passed",
        "lesson_location": "4",
        "exit": "suspend",
        "score": {"raw": "100", "min": "0", "max": "100"},
    },
    "suspend_data": '{"page":4}',
}


def test_upload_launch_commit_passed_completes_the_course_and_queues_the_certificate(
    learning: Callable[..., dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from certificates.tasks import issue_certificate_task

    queued: list[int] = []
    monkeypatch.setattr(issue_certificate_task, "delay", queued.append)
    started = learning(build_scorm12_package(mastery_score=80))
    token = _start(started)
    assert _lesson(started)["package_attempt"] is None

    # a first commit: incomplete, on page 2
    first = _commit(token, {"core": {"lesson_status": "incomplete", "lesson_location": "2"}})
    assert first.json() == {
        "result": True,
        "errorCode": 0,
        "status": {
            "completion_status": "incomplete",
            "success_status": "unknown",
            "score": None,
            "is_complete": False,
        },
    }
    assert _progress(started)["missing"][0]["reason"] == "not_completed"

    # the check passed: sent as navigator.sendBeacon does, text/plain
    with django_capture_on_commit_callbacks(execute=True):
        passed = _commit(token, PASSED_12, content_type="text/plain;charset=UTF-8")

    assert passed.status_code == 200
    assert passed.json()["status"] == {
        "completion_status": "completed",
        "success_status": "passed",
        "score": 100.0,
        "is_complete": True,
    }
    enrollment = started["enrollment"]
    enrollment.refresh_from_db()
    assert (enrollment.status, str(enrollment.final_grade)) == ("completed", "100.00")
    assert queued == [enrollment.pk]
    progress = _progress(started)
    assert (
        progress["percent"],
        progress["is_complete"],
        progress["grade"],
        progress["missing"],
    ) == (
        100,
        True,
        "100.00",
        [],
    )
    lesson = _lesson(started)
    assert lesson["package"] == {
        "standard": "scorm_1.2",
        "title": "Fire safety (SCORM 1.2)",
        "mastery_score": 80.0,
    }
    assert lesson["package_attempt"] == {
        "completion_status": "completed",
        "success_status": "passed",
        "score": 100.0,
        "is_complete": True,
        "updated_at": lesson["package_attempt"]["updated_at"],
    }
    assert lesson["state"]["is_done"] is True
    statement = LearningEvent.objects.filter(kind="package_result").latest("created_at").statement
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["result"]["score"]["scaled"] == 1.0


def test_a_score_below_the_mastery_score_fails_and_says_why(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_scorm12_package(mastery_score=80))
    token = _start(started)

    response = _commit(token, {"core": {"lesson_status": "passed", "score": {"raw": "50"}}})

    assert response.json()["status"] == {
        "completion_status": "completed",
        "success_status": "failed",
        "score": 50.0,
        "is_complete": False,
    }
    missing = _progress(started)["missing"]
    assert [(item["reason"], item["score"]) for item in missing] == [
        ("package_not_passed", "50.00"),
        ("grade_below_pass_mark", "50.00"),
    ]
    assert missing[0]["message"] == (
        "Package 1.1 “Fire safety”: score 50 %, not passed or not completed yet."
    )
    started["enrollment"].refresh_from_db()
    assert started["enrollment"].status == "active"


def test_the_same_commit_twice_changes_nothing_the_second_time(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_scorm12_package())
    token = _start(started)
    _commit(token, PASSED_12)
    after_first = _stored(started)

    again = _commit(token, PASSED_12)

    assert again.json()["status"]["is_complete"] is True
    assert _stored(started) == after_first


@pytest.mark.parametrize(
    ("cmi", "detail"),
    [
        (
            {"core": {"lesson_status": "finished"}},
            "cmi.core.lesson_status must be one of: browsed, completed, failed, incomplete, "
            "not attempted, passed.",
        ),
        ({"core": {"score": {"raw": "100.5"}}}, "cmi.core.score.raw must be between 0 and 100."),
        (
            {"core": {}, "suspend_data": "x" * 4097},
            "cmi.suspend_data is longer than the 4096 characters the standard allows.",
        ),
        (
            {"core": {"lesson_location": "x" * 256}},
            "cmi.core.lesson_location is longer than the 255 characters the standard allows.",
        ),
    ],
    ids=["status", "raw", "suspend-data", "location"],
)
def test_a_bad_commit_is_refused_and_nothing_stored_changes(
    learning: Callable[..., dict[str, Any]], cmi: dict[str, Any], detail: str
) -> None:
    started = learning(build_scorm12_package())
    token = _start(started)
    _commit(token, {"core": {"lesson_status": "incomplete", "lesson_location": "2"}})
    before = _stored(started)

    response = _commit(token, cmi)

    assert response.status_code == 400
    assert response.json() == {"result": False, "errorCode": 101, "detail": detail}
    assert _stored(started) == before


def test_scorm_2004_refusals_answer_its_general_commit_failure(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_scorm2004_package())
    token = _start(started)
    before = _stored(started)

    response = _commit(token, {"score": {"scaled": "2"}})
    not_json = content_client().post(f"/p/{token}/commit", "{nope", content_type="text/plain")

    assert response.json() == {
        "result": False,
        "errorCode": 351,
        "detail": "cmi.score.scaled must be between -1 and 1.",
    }
    assert (not_json.status_code, not_json.json()["detail"]) == (
        400,
        "The commit's body is not JSON.",
    )
    assert _stored(started) == before


def test_scorm_2004_passed_by_scaled_score(learning: Callable[..., dict[str, Any]]) -> None:
    started = learning(build_scorm2004_package(scaled_passing_score="0.8"))
    token = _start(started)

    response = _commit(
        token,
        {
            "completion_status": "completed",
            "success_status": "unknown",
            "score": {"scaled": "0.85", "raw": "85", "min": "0", "max": "100"},
        },
    )

    assert response.json()["status"] == {
        "completion_status": "completed",
        "success_status": "passed",
        "score": 85.0,
        "is_complete": True,
    }


def test_a_commit_after_unenrolling_is_refused_and_changes_nothing(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_scorm12_package())
    token = _start(started)
    _commit(token, {"core": {"lesson_status": "incomplete"}})
    enrollment_api.unenroll(user=started["learner"], enrollment_id=started["enrollment"].pk)
    before = _stored(started)

    response = _commit(token, PASSED_12)

    assert response.status_code == 404
    assert _stored(started) == before


def test_query_counts_of_the_package_endpoints(
    learning: Callable[..., dict[str, Any]], django_assert_num_queries: Any
) -> None:
    started = learning(build_scorm12_package())
    token = _start(started)
    _commit(token, {"core": {"lesson_status": "incomplete"}})
    client = content_client()
    _lesson(started)  # the outline is cached from here on

    # A file: the launch (enrollment, package). The player page: also the learner and the stored
    # attempt. A commit that changes nothing: the launch, the lock, the enrollment with its
    # lessons, the attempt (and the test's savepoint pair). The lesson: the enrollment, its
    # progress row, the package it plays and the attempt.
    with django_assert_num_queries(2):
        client.get(f"/p/{token}/f/index.html")
    with django_assert_num_queries(4):
        client.get(f"/p/{token}/")
    with django_assert_num_queries(7):
        _commit(token, {"core": {"lesson_status": "incomplete"}})
    with django_assert_num_queries(4):
        _lesson(started)
