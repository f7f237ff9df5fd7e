"""xAPI 1.0.3 statements for learning events: pure functions, no database."""

from datetime import datetime
from decimal import Decimal
from typing import Any

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "registered": ADL + "registered",
    "exited": ADL + "exited",
    "experienced": ADL + "experienced",
    "progressed": ADL + "progressed",
    "completed": ADL + "completed",
    "answered": ADL + "answered",
    "attempted": ADL + "attempted",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "video": "https://w3id.org/xapi/video/activity-type/video",
}
PROGRESS_EXTENSION = "https://w3id.org/xapi/cmi5/result/extensions/progress"
# How a lesson was completed ("transcript": read instead of watched), under the platform's IRI.
COMPLETED_BY_EXTENSION_PATH = "/xapi/extensions/completed-by"


def _activity(identifier: str, kind: str, name: str, language: str) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": identifier,
        "definition": {"type": ACTIVITY_TYPES[kind], "name": {language: name}},
    }


def build_statement(
    *,
    statement_id: str,
    verb: str,
    home_page: str,
    account_name: str,
    course_url: str,
    course_name: str,
    registration: str,
    language: str,
    timestamp: datetime,
    lesson_url: str | None = None,
    lesson_kind: str = "lesson",
    lesson_name: str = "",
    score: Decimal | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    progress: int | None = None,
    completed_by: str | None = None,
) -> dict[str, Any]:
    """A statement about the learner (an account on the platform, never an e-mail address).

    The object is the lesson when given, else the course; the course is the parent context
    activity, and `registration` ties every statement of one enrollment together.
    """
    obj = (
        _activity(lesson_url, lesson_kind, lesson_name, language)
        if lesson_url
        else _activity(course_url, "course", course_name, language)
    )
    statement: dict[str, Any] = {
        "id": statement_id,
        "version": "1.0.3",
        "actor": {"objectType": "Agent", "account": {"homePage": home_page, "name": account_name}},
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "context": {"registration": registration, "language": language},
        "timestamp": timestamp.isoformat(),
    }
    if lesson_url:
        statement["context"]["contextActivities"] = {
            "parent": [_activity(course_url, "course", course_name, language)]
        }
    result: dict[str, Any] = {}
    if score is not None:
        result["score"] = {
            "scaled": float((score / 100).quantize(Decimal("0.0001"))),
            "raw": float(score),
            "min": 0,
            "max": 100,
        }
    if success is not None:
        result["success"] = success
    if completion is not None:
        result["completion"] = completion
    extensions: dict[str, Any] = {}
    if progress is not None:
        extensions[PROGRESS_EXTENSION] = progress
    if completed_by:
        extensions[home_page + COMPLETED_BY_EXTENSION_PATH] = completed_by
    if extensions:
        result["extensions"] = extensions
    if result:
        statement["result"] = result
    return statement
