"""Staff features of enrollment: bulk enrolment from CSV and course analytics."""

import uuid
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
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


def test_bulk_enrolment_reports_each_row_invites_unknowns_and_is_idempotent(
    course: dict[str, Any], staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    from accounts.tasks import send_invitation_email_task

    invited_ids: list[int] = []
    monkeypatch.setattr(send_invitation_email_task, "delay_on_commit", invited_ids.append)
    UserFactory(email="known@example.org")
    client = _client(staff["admin"])

    first = _upload(client, CSV)
    second = _upload(client, CSV)

    assert first.status_code == 200
    assert [(row["line"], row["email"], row["result"]) for row in first.json()["rows"]] == [
        (2, "known@example.org", "active"),
        (3, "new.person@example.org", "invited"),
        (4, "not-an-email", "error"),
        (5, "\u202eevil@example.org", "error"),
    ]
    assert first.json()["rows"][2]["message"] == "Not a valid e-mail address."
    assert [row["result"] for row in second.json()["rows"]] == [
        "unchanged",
        "unchanged",
        "error",
        "error",
    ]
    invited = User.objects.get(email="new.person@example.org")
    assert (invited.full_name, invited.has_usable_password()) == ("Новый Ученик", False)
    assert invited_ids == [invited.pk]  # one invitation, although the file came twice
    assert Enrollment.objects.filter(course__slug="plc-basics").count() == 2


def test_the_invitation_e_mail_links_to_choosing_a_password(staff: dict[str, User]) -> None:
    from accounts import api as accounts_api

    invited = UserFactory(email="invited@example.org", preferred_language="zh-hans")

    accounts_api.send_invitation_email(user_id=invited.pk)

    assert [message.to for message in mail.outbox] == [["invited@example.org"]]
    assert mail.outbox[0].subject == "邀请您加入 ICIM Academy"
    assert "/reset-password?uid=" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"\xff\xfe\x00garbage", "not_text"), (b"name,phone\nA,1\n", "no_header")],
)
def test_unusable_files_are_refused_whole(
    course: dict[str, Any], staff: dict[str, User], content: bytes, code: str
) -> None:
    response = _upload(_client(staff["admin"]), content)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("who", ["learner", "outsider"])
def test_only_staff_of_the_course_may_bulk_enrol(
    course: dict[str, Any], staff: dict[str, User], who: str
) -> None:
    response = _upload(_client(staff[who]), CSV)

    assert response.status_code == 404
    assert not Enrollment.objects.exists()


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
