"""Progress answers from the cache: no query on a repeat, only to the owner, and never stale
after an event, a completion or a change committed while an answer was being built."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment import progress_cache
from enrollment.models import Enrollment
from tests.factories import UserFactory
from tests.learning import lesson_event

pytestmark = pytest.mark.django_db


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_repeated_progress_read_costs_no_query_beyond_the_session(
    course: dict[str, Any], staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    url = f"/api/v1/enrollments/{enrollment.pk}/progress/"
    first = client.get(url).json()

    with django_assert_num_queries(2):  # session, user
        again = client.get(url).json()

    assert again == first


def test_each_change_is_seen_by_the_next_read(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    url = f"/api/v1/enrollments/{enrollment.pk}/progress/"
    seen = [client.get(url).json()["percent"]]

    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    seen.append(client.get(url).json()["percent"])
    lesson_event(learner, enrollment, "video_progress", course["video"], segments=[[0, 480]])
    seen.append(client.get(url).json()["percent"])
    lesson_event(
        learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
    )
    final = client.get(url).json()

    assert seen == sorted(set(seen))  # strictly rising: no stale answer in between
    assert (final["percent"], final["status"]) == (100, "completed")


def test_a_cached_answer_is_never_served_to_another_user(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner, other = staff["learner"], UserFactory()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    _client(learner).get(f"/api/v1/enrollments/{enrollment.pk}/progress/")

    response = _client(other).get(f"/api/v1/enrollments/{enrollment.pk}/progress/")

    assert response.status_code == 404
    with pytest.raises(Enrollment.DoesNotExist):
        enrollment_api.get_progress(user=other, enrollment_id=enrollment.pk, language="en")


def test_an_answer_built_while_a_change_commits_is_not_served_after_it(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    def build_then_change() -> dict[str, Any]:
        answer = {"percent": 0, "stale": True}
        progress_cache.invalidate(enrollment_id=enrollment.pk)  # a change lands meanwhile
        return answer

    progress_cache.cached(
        enrollment_id=enrollment.pk, user_id=learner.pk, language="en", build=build_then_change
    )

    answer = enrollment_api.get_progress(user=learner, enrollment_id=enrollment.pk, language="en")
    assert "stale" not in answer
    assert answer["enrollment"] == enrollment.pk


def test_an_id_that_comes_again_after_a_restore_does_not_get_its_old_answer(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    """A database restored from a backup (or made afresh for tests) hands out ids again while
    the cache still holds answers for their earlier holders."""
    from django.db import connection

    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    before = enrollment_api.get_progress(user=learner, enrollment_id=enrollment.pk, language="en")
    with connection.cursor() as cursor:  # gone without a trace, as in a restore
        cursor.execute(
            "DELETE FROM enrollment_learningevent WHERE enrollment_id = %s", [enrollment.pk]
        )
        cursor.execute(
            "DELETE FROM enrollment_lessonprogress WHERE enrollment_id = %s", [enrollment.pk]
        )
        cursor.execute("DELETE FROM enrollment_enrollment WHERE id = %s", [enrollment.pk])

    again = Enrollment.objects.create(
        pk=enrollment.pk,
        user=learner,
        course=enrollment.course,
        version=enrollment.version,
        status_changed_at=enrollment.status_changed_at,
    )

    answer = enrollment_api.get_progress(user=learner, enrollment_id=again.pk, language="en")
    assert before["percent"] > 0
    assert answer["percent"] == 0


def test_with_a_bearer_token_a_repeat_is_one_cache_round_trip_and_no_query(
    course: dict[str, Any],
    staff: dict[str, User],
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.core.cache import cache

    from accounts import api as accounts_api
    from tests.factories import TEST_PASSWORD

    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    _token, secret = accounts_api.create_api_token(email=learner.email, password=TEST_PASSWORD)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = f"/api/v1/enrollments/{enrollment.pk}/progress/"
    first = client.get(url).json()
    reads: list[list[str]] = []
    get_many = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(list(keys)) or get_many(keys))

    with django_assert_num_queries(0):
        again = client.get(url).json()

    assert again == first
    assert len(reads) == 1  # token, generation and answer together
    assert reads[0][1:] == enrollment_api.progress_cache_names(
        enrollment_id=enrollment.pk, language="en"
    )
    lesson_event(learner, enrollment, "video_progress", course["video"], segments=[[0, 480]])
    assert client.get(url).json()["percent"] > first["percent"]
