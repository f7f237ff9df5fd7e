"""Institution analytics and the CSV exports of course and institution analytics."""

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from tests.courses.conftest import make_package
from tests.factories import UserFactory
from tests.learning import lesson_event

pytestmark = pytest.mark.django_db

URL = "/api/v1/analytics/institutions/rhine/"


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _study(course: dict[str, Any], learner: User, answers: dict[str, Any]) -> None:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    for kind, key, payload in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": answers}),
    ]:
        lesson_event(learner, enrollment, kind, key, **payload)


@pytest.fixture
def activity(course: dict[str, Any], publish: Callable[..., None]) -> None:
    """plc-basics: one learner completed (100 %), one still active; ot-security: one active."""
    _study(course, UserFactory(), course["correct_answers"])
    _study(course, UserFactory(), {})
    publish(make_package(slug="ot-security"))
    enrollment_api.enroll(user=UserFactory(), course_slug="ot-security")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),
        ("author", 200),
        ("reviewer", 200),
        ("approver", 200),
        ("admin", 200),
    ],
)
def test_institution_analytics_are_for_its_staff(
    staff: dict[str, User], activity: None, who: str, expected: int
) -> None:
    client = _client(None if who == "anonymous" else staff[who])

    assert client.get(URL).status_code == expected
    assert client.get("/api/v1/analytics/institutions/rhine.csv").status_code == expected


def test_an_unknown_institution_is_not_found(staff: dict[str, User]) -> None:
    response = _client(staff["admin"]).get("/api/v1/analytics/institutions/nowhere/")

    assert response.status_code == 404


def test_institution_analytics_total_and_summarise_each_course(
    staff: dict[str, User], activity: None
) -> None:
    today = timezone.now().date().isoformat()

    analytics = _client(staff["author"]).get(URL).json()

    assert analytics == {
        "institution": "rhine",
        "name": "Rhine TU",
        "enrollments": {"active": 2, "waitlisted": 0, "completed": 1, "unenrolled": 0},
        "enrollments_over_time": [{"date": today, "count": 3}],
        "completions_over_time": [{"date": today, "count": 1}],
        "completions": 1,
        "completion_rate": 0.333,
        "average_grade": "100.00",
        "grade_distribution": [
            {"from_grade": band, "to_grade": band + 10, "count": 1 if band == 90 else 0}
            for band in range(0, 100, 10)
        ],
        "active_learners_30_days": 3,
        "courses": [
            {
                "course": "ot-security",
                "title": "PLC Basics",
                "is_published": True,
                "enrollments": {"active": 1, "waitlisted": 0, "completed": 0, "unenrolled": 0},
                "completion_rate": 0.0,
                "average_grade": None,
            },
            {
                "course": "plc-basics",
                "title": "PLC Basics",
                "is_published": True,
                "enrollments": {"active": 1, "waitlisted": 0, "completed": 1, "unenrolled": 0},
                "completion_rate": 0.5,
                "average_grade": "100.00",
            },
        ],
    }


def test_institution_analytics_run_a_fixed_number_of_queries(
    staff: dict[str, User],
    activity: None,
    publish: Callable[..., None],
    django_assert_num_queries: Any,
) -> None:
    for number in range(3):
        publish(make_package(slug=f"more-{number}"))
    client = _client(staff["admin"])

    # session, user, organisation, memberships, courses, counts, grades, two series, overall,
    # active learners, grade bands
    with django_assert_num_queries(12):
        response = client.get(URL)

    assert len(response.json()["courses"]) == 5


def _csv(response: Any) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_institution_csv_has_a_line_per_course_and_the_totals(
    staff: dict[str, User], activity: None
) -> None:
    response = _client(staff["approver"]).get("/api/v1/analytics/institutions/rhine.csv")

    assert response["Content-Disposition"] == (
        'attachment; filename="institution-analytics-rhine.csv"'
    )
    assert _csv(response) == [
        [
            "course",
            "title",
            "active",
            "waitlisted",
            "completed",
            "unenrolled",
            "completion_rate",
            "average_grade",
        ],
        ["ot-security", "PLC Basics", "1", "0", "0", "0", "0.0", ""],
        ["plc-basics", "PLC Basics", "1", "0", "1", "0", "0.5", "100.00"],
        ["*", "Rhine TU", "2", "0", "1", "0", "0.333", "100.00"],
    ]


def test_the_course_csv_holds_the_course_analytics(
    staff: dict[str, User], course: dict[str, Any]
) -> None:
    _study(course, UserFactory(), course["correct_answers"])
    client = _client(staff["reviewer"])
    analytics = client.get("/api/v1/analytics/courses/plc-basics/").json()

    rows = _csv(client.get("/api/v1/analytics/courses/plc-basics.csv"))

    assert rows[0] == ["section", "key", "label", "count", "value"]
    assert rows[1:8] == [
        ["summary", "active_learners_30_days", "", "1", ""],
        ["summary", "completion_rate", "", "", "1.0"],
        ["summary", "average_grade", "", "", "100.00"],
        ["enrollments", "active", "", "0", ""],
        ["enrollments", "waitlisted", "", "0", ""],
        ["enrollments", "completed", "", "1", ""],
        ["enrollments", "unenrolled", "", "0", ""],
    ]
    funnel = [row for row in rows if row[0] == "funnel"]
    assert funnel == [
        ["funnel", step["module"], f"{step['number']}. {step['title']}", "1", ""]
        for step in analytics["funnel"]
    ]
    assert len([row for row in rows if row[0] == "questions"]) == 4


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused() -> None:
    from enrollment.analytics_csv import _cell

    assert [_cell(value) for value in ("=HYPERLINK(1)", "@SUM", "-1.5", "+x", None, 0.5)] == [
        "'=HYPERLINK(1)",
        "'@SUM",
        "-1.5",
        "'+x",
        "",
        "0.5",
    ]


@pytest.mark.parametrize(("who", "expected"), [("learner", 404), ("outsider", 404)])
def test_the_course_csv_is_for_the_courses_staff(
    staff: dict[str, User], course: dict[str, Any], who: str, expected: int
) -> None:
    response = _client(staff[who]).get("/api/v1/analytics/courses/plc-basics.csv")

    assert response.status_code == expected
    assert response["Content-Type"] == "application/json"
