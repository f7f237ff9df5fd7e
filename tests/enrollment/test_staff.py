"""Staff features of enrollment: bulk enrolment from CSV (invitations) and course analytics."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, Invitation
from tests import learning
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CSV = (
    "email,name\n"
    "known@example.org,Known Learner\n"
    "New.Person@Example.org,Новый Ученик\n"
    "not-an-email,Broken Row\n"
    "\u202eevil@example.org,Eve\n"
).encode()


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _upload(client: APIClient, content: bytes, course: str = "plc-basics") -> Any:
    return client.post(
        "/api/v1/enrollments/bulk",
        {"course": course, "file": SimpleUploadedFile("learners.csv", content)},
        format="multipart",
    )


@pytest.mark.usefixtures("tasks_in_process")
def test_bulk_enrolment_reports_each_row_invites_valid_ones_and_is_idempotent(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    mailoutbox: list[Any],
) -> None:
    # given a file with an address that has an account, one that has none and two bad rows
    UserFactory(email="known@example.org")
    client = _client(staff["admin"])

    # when it is sent twice
    with django_capture_on_commit_callbacks(execute=True):
        first = _upload(client, CSV)
    with django_capture_on_commit_callbacks(execute=True):
        second = _upload(client, CSV)

    # then each row is reported, the two valid ones alike, and only the first sends e-mail
    assert first.status_code == 200
    assert [
        (row["line"], row["email"], row["name"], row["result"]) for row in first.json()["rows"]
    ] == [
        (2, "known@example.org", "Known Learner", "invited"),
        (3, "new.person@example.org", "Новый Ученик", "invited"),
        (4, "not-an-email", "", "error"),
        (5, "\u202eevil@example.org", "", "error"),
    ]
    assert first.json()["rows"][2]["message"] == "Not a valid e-mail address."
    assert first.json()["summary"] == {"invited": 2, "error": 2}
    assert [row["result"] for row in second.json()["rows"]] == [
        "already_invited",
        "already_invited",
        "error",
        "error",
    ]
    assert sorted(message.to[0] for message in mailoutbox) == [
        "known@example.org",
        "new.person@example.org",
    ]
    # and no one is enrolled and no account is made before a learner accepts
    assert not Enrollment.objects.exists()
    assert not User.objects.filter(email="new.person@example.org").exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\xff\xfe\x00garbage", "not_text"),
        (b"name,phone\nA,1\n", "no_header"),
        (b"email\n" + b"a@example.org\n" * 5001, "too_many_rows"),
        (b'email\n"' + b"a" * 200_000, "malformed_csv"),
    ],
    ids=["not-text", "no-header", "too-many-rows", "field-too-large"],
)
def test_unusable_files_are_refused_whole(
    course: dict[str, Any], staff: dict[str, User], content: bytes, code: str
) -> None:
    response = _upload(_client(staff["admin"]), content)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["learner", "outsider"])
def test_only_staff_of_the_course_may_bulk_enrol(
    course: dict[str, Any], staff: dict[str, User], who: str
) -> None:
    response = _upload(_client(staff[who]), CSV)

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_analytics_summarise_enrolments_funnel_and_question_difficulty(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    done, trying = UserFactory(), UserFactory()
    for learner, answers in [(done, course["correct_answers"]), (trying, {})]:
        enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
        for kind, key, payload in [
            ("lesson_completed", course["text"], {}),
            ("video_progress", course["video"], {"segments": [[0, 480]]}),
            ("quiz_submitted", course["quiz"], {"answers": answers}),
        ]:
            learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=uuid.uuid4(),
                kind=kind,
                lesson_key=uuid.UUID(key),
                payload=payload,
            )

    analytics = _client(staff["reviewer"]).get("/api/v1/analytics/courses/plc-basics/").json()

    assert analytics["enrollments"] == {
        "active": 1,
        "waitlisted": 0,
        "completed": 1,
        "unenrolled": 0,
    }
    assert analytics["completion_rate"] == 0.5
    assert analytics["average_grade"] == "100.00"
    assert analytics["active_learners_30_days"] == 2
    # The one completion (100 %) is in the top band, which includes 100.
    assert [band["count"] for band in analytics["grade_distribution"]] == [0] * 9 + [1]
    assert [step["learners_completed"] for step in analytics["funnel"]] == [2, 1]
    assert [(q["answers"], q["correct_share"]) for q in analytics["questions"]] == [
        (2, 0.5),
        (2, 0.5),
        (2, 0.5),
        (2, 0.5),
    ]
    assert sum(day["count"] for day in analytics["enrollments_over_time"]) == 2


@pytest.mark.parametrize(
    ("who", "expected"), [("learner", 404), ("outsider", 404), ("author", 200), ("admin", 200)]
)
def test_analytics_are_for_staff_of_the_course(
    course: dict[str, Any], staff: dict[str, User], who: str, expected: int
) -> None:
    response = _client(staff[who]).get("/api/v1/analytics/courses/plc-basics/")

    assert response.status_code == expected
