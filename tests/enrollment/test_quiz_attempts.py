"""Quiz attempts: the server starts and times every attempt, and keys are never shown while
attempts remain unpassed."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Quiz
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent, LessonProgress

pytestmark = pytest.mark.django_db


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _set_quiz(**fields: Any) -> None:
    """Change the test quiz before anything reads (and caches) the course outline."""
    Quiz.objects.update(**fields)


def _start(client: APIClient, enrollment: Enrollment, quiz: str) -> Any:
    return client.post(f"/api/v1/enrollments/{enrollment.pk}/lessons/{quiz}/attempts")


def _submit(client: APIClient, enrollment: Enrollment, quiz: str, answers: dict[str, Any]) -> Any:
    return client.post(
        f"/api/v1/enrollments/{enrollment.pk}/events/",
        {"id": str(uuid.uuid4()), "kind": "quiz_submitted", "lesson": quiz, "answers": answers},
        format="json",
    )


def _move_start_back(minutes: int) -> None:
    """As if the running attempt had started `minutes` ago."""
    LessonProgress.objects.update(attempt_started_at=timezone.now() - timedelta(minutes=minutes))


@pytest.fixture
def learner(staff: dict[str, User]) -> User:
    return staff["learner"]


def test_answers_for_an_attempt_that_was_not_started_are_refused(
    course: dict[str, Any], learner: User
) -> None:
    _set_quiz(time_limit_minutes=10)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    refused = _submit(_client(learner), enrollment, course["quiz"], course["correct_answers"])

    assert refused.status_code == 400
    assert refused.json()["code"] == "attempt_not_started"
    assert refused.json()["detail"] == "Start an attempt at this quiz before handing in answers."
    assert not LearningEvent.objects.filter(kind="quiz_submitted").exists()
    assert not LessonProgress.objects.filter(attempts__gt=0).exists()


def test_starting_twice_answers_the_running_attempt(course: dict[str, Any], learner: User) -> None:
    _set_quiz(time_limit_minutes=10)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)

    first = _start(client, enrollment, course["quiz"]).json()
    again = _start(client, enrollment, course["quiz"]).json()

    assert (first["attempt"], first["attempts_left"], first["is_new"]) == (1, 2, True)
    assert (again["attempt"], again["started_at"], again["is_new"]) == (
        1,
        first["started_at"],
        False,
    )
    assert again["ends_at"] == first["ends_at"]
    assert LearningEvent.objects.filter(kind="quiz_started").count() == 1
    statement = LearningEvent.objects.get(kind="quiz_started").statement
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted"


def test_every_attempt_is_timed_not_only_the_first(course: dict[str, Any], learner: User) -> None:
    _set_quiz(time_limit_minutes=10)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    _start(client, enrollment, course["quiz"])
    first = _submit(client, enrollment, course["quiz"], {})
    second = _start(client, enrollment, course["quiz"]).json()
    _move_start_back(minutes=12)  # past the 10 minutes and the minute's grace

    late = _submit(client, enrollment, course["quiz"], course["correct_answers"])

    assert first.status_code == 200
    assert second["attempt"] == 2
    assert second["ends_at"] is not None
    assert late.status_code == 400
    assert late.json()["code"] == "time_limit_passed"
    assert LessonProgress.objects.get().best_score == 0


def test_an_answer_within_the_grace_minute_counts(course: dict[str, Any], learner: User) -> None:
    _set_quiz(time_limit_minutes=10)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    _start(client, enrollment, course["quiz"])
    LessonProgress.objects.update(
        attempt_started_at=timezone.now() - timedelta(minutes=10, seconds=30)
    )

    graded = _submit(client, enrollment, course["quiz"], course["correct_answers"])

    assert graded.status_code == 200
    assert graded.json()["passed"] is True


def test_an_attempt_left_past_its_time_counts_as_used_with_zero(
    course: dict[str, Any], learner: User
) -> None:
    _set_quiz(time_limit_minutes=10, attempts_allowed=2)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    _start(client, enrollment, course["quiz"])
    _move_start_back(minutes=30)  # looked at the questions, never handed in

    restarted = _start(client, enrollment, course["quiz"]).json()
    _move_start_back(minutes=30)
    exhausted = _start(client, enrollment, course["quiz"])

    assert (restarted["attempt"], restarted["attempts_left"], restarted["is_new"]) == (2, 0, True)
    assert exhausted.status_code == 400
    assert exhausted.json()["code"] == "no_attempts_left"
    state = LessonProgress.objects.get()
    assert (state.attempts, state.last_score, state.attempt_started_at) == (2, 0, None)


def test_an_untimed_attempt_has_no_deadline(course: dict[str, Any], learner: User) -> None:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)

    started = _start(client, enrollment, course["quiz"]).json()
    _move_start_back(minutes=24 * 60)
    graded = _submit(client, enrollment, course["quiz"], course["correct_answers"])

    assert (started["ends_at"], started["seconds_left"]) == (None, None)
    assert graded.json()["passed"] is True


def test_only_quiz_lessons_have_attempts(course: dict[str, Any], learner: User) -> None:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    refused = _start(_client(learner), enrollment, course["text"])

    assert refused.status_code == 400
    assert refused.json()["detail"] == "A text lesson cannot receive a “quiz_started” event."


def test_no_one_starts_an_attempt_in_someone_elses_enrollment(
    course: dict[str, Any], staff: dict[str, User], make_user: Any
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    answer = _start(_client(make_user()), enrollment, course["quiz"])

    assert answer.status_code == 404
    assert not LessonProgress.objects.exists()


# --- when the keys are shown ----------------------------------------------------------------------


def _attempt(
    client: APIClient, enrollment: Enrollment, course: dict[str, Any], answers: Any
) -> Any:
    _start(client, enrollment, course["quiz"])
    return _submit(client, enrollment, course["quiz"], answers).json()


def test_a_blank_attempt_gives_no_keys_away_by_default(
    course: dict[str, Any], learner: User
) -> None:
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)

    blank = _attempt(client, enrollment, course, {})
    passed = _attempt(client, enrollment, course, course["correct_answers"])

    assert Quiz.objects.get().reveal_answers == "after_pass"
    assert blank["answers_revealed"] is False
    assert not any("correct_answer" in item for item in blank["feedback"])
    assert passed["answers_revealed"] is True
    assert all("correct_answer" in item for item in passed["feedback"])


def test_after_last_attempt_shows_the_keys_only_when_none_remain(
    course: dict[str, Any], learner: User
) -> None:
    _set_quiz(reveal_answers="after_last_attempt", attempts_allowed=2)
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)

    first = _attempt(client, enrollment, course, {})
    last = _attempt(client, enrollment, course, {})

    assert (first["answers_revealed"], first["attempts_left"]) == (False, 1)
    assert (last["answers_revealed"], last["attempts_left"]) == (True, 0)
    assert all("correct_answer" in item for item in last["feedback"])


def test_never_shows_the_keys_even_after_passing(course: dict[str, Any], learner: User) -> None:
    _set_quiz(reveal_answers="never")
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    passed = _attempt(_client(learner), enrollment, course, course["correct_answers"])

    assert (passed["passed"], passed["answers_revealed"]) == (True, False)
    assert not any("correct_answer" in item for item in passed["feedback"])
