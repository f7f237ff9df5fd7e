"""What learners see of their standing: enrolment state of a course, the enrollment filter,
lesson titles in progress, a lesson's recorded state, and videos measured by their real length."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Course
from enrollment import api as enrollment_api
from enrollment.models import LessonProgress
from tests.courses.conftest import make_package
from tests.factories import UserFactory
from tests.learning import lesson_event

pytestmark = pytest.mark.django_db

STATE_URL = "/api/v1/courses/plc-basics/enrollment"


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


# --- A1: enrolment state --------------------------------------------------------------------------


def test_signed_out_readers_see_the_window_and_places_left(
    course: dict[str, Any], django_assert_num_queries: Any
) -> None:
    opens = timezone.now() - timedelta(days=1)
    Course.objects.filter(slug="plc-basics").update(capacity=2, enrollment_opens_at=opens)
    enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")

    with django_assert_num_queries(2):  # course, active count
        response = _client().get(STATE_URL)

    assert response.json() == {
        "course": "plc-basics",
        "enrollment_opens_at": opens.isoformat().replace("+00:00", "Z"),
        "enrollment_closes_at": None,
        "is_open": True,
        "capacity": 2,
        "places_left": 1,
        "my_enrollment": None,
        "missing_prerequisites": None,
    }


def test_unlimited_courses_have_no_places_left_figure_and_a_closed_window_shows(
    course: dict[str, Any],
) -> None:
    Course.objects.filter(slug="plc-basics").update(
        enrollment_closes_at=timezone.now() - timedelta(hours=1)
    )

    response = _client().get(STATE_URL).json()

    assert (response["capacity"], response["places_left"], response["is_open"]) == (
        None,
        None,
        False,
    )


def test_a_waitlisted_learner_sees_their_place_and_missing_prerequisites(
    course: dict[str, Any], publish: Callable[..., None], staff: dict[str, User]
) -> None:
    Course.objects.filter(slug="plc-basics").update(capacity=1)
    enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")
    enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")
    mine = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    publish(make_package(slug="ot-security", prerequisites=["plc-basics"]))

    waitlisted = _client(staff["learner"]).get(STATE_URL).json()
    next_course = _client(staff["learner"]).get("/api/v1/courses/ot-security/enrollment").json()

    assert waitlisted["my_enrollment"] == {
        "id": mine.pk,
        "status": "waitlisted",
        "waitlist_position": 2,
    }
    assert (waitlisted["places_left"], waitlisted["missing_prerequisites"]) == (0, [])
    assert next_course["my_enrollment"] is None
    assert next_course["missing_prerequisites"] == [{"slug": "plc-basics", "title": "PLC Basics"}]


def test_a_completed_prerequisite_is_no_longer_missing(
    course: dict[str, Any],
    publish: Callable[..., None],
    staff: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    lesson_event(learner, enrollment, "video_progress", course["video"], segments=[[0, 480]])
    lesson_event(
        learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
    )
    publish(make_package(slug="ot-security", prerequisites=["plc-basics"]))
    client = _client(learner)

    # session, user, course, my enrollment, missing prerequisites (no capacity: no count)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/courses/ot-security/enrollment")

    assert response.json()["missing_prerequisites"] == []


def test_the_state_of_an_unknown_or_unpublished_course_is_404(framework: None) -> None:
    assert _client().get("/api/v1/courses/nope/enrollment").status_code == 404


# --- A2: the enrollment filter --------------------------------------------------------------------


def test_my_enrollments_filter_by_course(
    course: dict[str, Any], publish: Callable[..., None], staff: dict[str, User]
) -> None:
    publish(make_package(slug="ot-security"))
    learner = staff["learner"]
    plc = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    enrollment_api.enroll(user=learner, course_slug="ot-security")
    enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")
    client = _client(learner)

    mine = client.get("/api/v1/enrollments/", {"course": "plc-basics"}).json()
    unknown = client.get("/api/v1/enrollments/", {"course": "nope"}).json()
    bad = client.get("/api/v1/enrollments/", {"course": "not a slug"})

    assert [item["id"] for item in mine["results"]] == [plc.pk]
    assert unknown["count"] == 0
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["course"])


# --- A3: lesson titles and kinds in progress ------------------------------------------------------


def test_progress_lessons_carry_their_title_in_the_served_language_and_kind(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    learner.preferred_language = "de"
    learner.save()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    progress = _client(learner).get(f"/api/v1/enrollments/{enrollment.pk}/progress/").json()

    assert progress["modules"][0]["lessons"] == [
        {
            "key": course["text"],
            "label": "1.1",
            "title": "Inputs, logic, outputs (de)",
            "kind": "text",
            "is_required": True,
            "is_done": False,
        },
        {
            "key": course["video"],
            "label": "1.2",
            "title": "Watch a scan (de)",
            "kind": "video",
            "is_required": True,
            "is_done": False,
        },
    ]


# --- A4: the learner's state in a lesson ---------------------------------------------------------


def test_a_quiz_lesson_shows_attempts_scores_and_when_its_time_runs_out(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    from courses.models import Quiz

    Quiz.objects.filter(lesson__key=course["quiz"]).update(time_limit_minutes=15)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    url = f"/api/v1/enrollments/{enrollment.pk}/lessons/{course['quiz']}/"
    client = _client(learner)
    before = client.get(url).json()["state"]
    lesson_event(learner, enrollment, "lesson_opened", course["quiz"])
    opened = client.get(url).json()["state"]
    started = client.post(f"{url}attempts").json()
    running = client.get(url).json()["state"]
    started_at = LessonProgress.objects.get().attempt_started_at
    lesson_event(learner, enrollment, "quiz_submitted", course["quiz"], answers={})
    attempted = client.get(url).json()["state"]

    assert before == {
        "opened_at": None,
        "completed_at": None,
        "is_done": False,
        "attempts_used": 0,
        "attempts_allowed": 3,
        "attempts_left": 3,
        "best_score": None,
        "last_score": None,
        "counted_score": None,
        "attempt_started_at": None,
        "time_limit_ends_at": None,
        "watched_segments": None,
        "watched_percent": None,
        "video_length_seconds": None,
        "completed_by": None,
        "resume_at_seconds": None,
    }
    # Opening the lesson starts no clock: the attempt does.
    assert opened["time_limit_ends_at"] is None
    assert started_at is not None
    assert running["attempt_started_at"] == started_at.isoformat().replace("+00:00", "Z")
    ends = started_at + timedelta(minutes=15)
    assert running["time_limit_ends_at"] == ends.isoformat().replace("+00:00", "Z")
    assert started["ends_at"] == running["time_limit_ends_at"]
    assert 14 * 60 <= started["seconds_left"] <= 15 * 60
    assert (attempted["attempts_used"], attempted["attempts_left"]) == (1, 2)
    assert (attempted["best_score"], attempted["last_score"]) == ("0.00", "0.00")
    assert (attempted["attempt_started_at"], attempted["time_limit_ends_at"]) == (None, None)


def test_a_video_lesson_shows_what_was_watched(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[0, 120], [100, 240]]
    )

    state = (
        _client(learner)
        .get(f"/api/v1/enrollments/{enrollment.pk}/lessons/{course['video']}/")
        .json()["state"]
    )

    assert (state["watched_segments"], state["watched_percent"]) == ([[0.0, 240.0]], 50)
    assert (state["video_length_seconds"], state["is_done"]) == (480.0, False)
    assert state["attempts_used"] is None


# --- A5: videos measured against their real length ------------------------------------------------


@pytest.mark.parametrize(
    ("duration", "length"),
    [
        (400, 400.0),  # an 8-minute lesson whose video runs 6:40
        (60, 360.0),  # too short to believe: at least 8 min - 2 min
        (5000, 600.0),  # too long to believe: at most 8 min + 2 min
    ],
)
def test_the_reported_length_is_believed_within_the_declared_minutes_and_tolerance(
    course: dict[str, Any], staff: dict[str, User], duration: int, length: float
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    result = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[], duration=duration
    )

    assert result["video_length_seconds"] == length


def test_a_shorter_real_video_is_watched_at_ninety_percent_of_its_length(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    first = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[0, 300]], duration=400
    )
    second = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[300, 365]], duration=400
    )

    assert (first["watched_percent"], first["is_watched"]) == (75, False)
    assert (second["watched_percent"], second["is_watched"]) == (91, True)  # 365 of 400 s


def test_a_later_shorter_report_cannot_shrink_the_length(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "video_progress", course["video"], segments=[], duration=560)

    result = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[0, 400]], duration=360
    )

    assert (result["video_length_seconds"], result["is_watched"]) == (560.0, False)


@pytest.mark.parametrize("duration", [0, -5, "long", True, 86_401])
def test_a_malformed_duration_is_refused_and_nothing_is_recorded(
    course: dict[str, Any], staff: dict[str, User], duration: Any
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    response = _client(learner).post(
        f"/api/v1/enrollments/{enrollment.pk}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "video_progress",
            "lesson": course["video"],
            "segments": [[0, 10]],
            "duration": duration,
        },
        format="json",
    )

    assert (response.status_code, list(response.json()["fields"])) == (400, ["duration"])
    assert not LessonProgress.objects.exists()


def test_replaying_a_video_event_with_a_duration_changes_nothing(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    body = {
        "id": str(uuid.uuid4()),
        "kind": "video_progress",
        "lesson": course["video"],
        "segments": [[0, 200]],
        "duration": 400,
    }
    url = f"/api/v1/enrollments/{enrollment.pk}/events/"

    first = client.post(url, body, format="json").json()
    again = client.post(url, body, format="json").json()

    assert again == first
    assert LessonProgress.objects.get().video_length_seconds == 400.0
