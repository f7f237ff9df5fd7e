"""Review comments on course versions: who may read, write and resolve them, and their shape."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.models import CourseVersion, Lesson, ReviewComment
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db

URL = "/api/v1/authoring/courses/plc-basics/comments"


@pytest.fixture
def in_review(publish: Callable[..., None], staff: dict[str, User]) -> CourseVersion:
    """Version 1 published, version 2 (a copy) submitted for review."""
    publish(make_package())
    package = courses_api.export_course_package(version=CourseVersion.objects.get(number=1))
    courses_api.import_course_package(user=staff["author"], data=package)
    courses_api.transition_version(user=staff["author"], slug="plc-basics", action="submit")
    return CourseVersion.objects.get(number=2)


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _lesson(version: CourseVersion, kind: str) -> Lesson:
    return Lesson.objects.get(module__version=version, kind=kind)


def test_a_reviewer_comments_on_a_lesson_of_the_version_under_review(
    in_review: CourseVersion, staff: dict[str, User]
) -> None:
    lesson = _lesson(in_review, "video")

    response = _client(staff["reviewer"]).post(
        URL, {"body": "  Add captions in German.  ", "lesson": str(lesson.key)}
    )

    assert response.status_code == 201
    comment = ReviewComment.objects.get()
    assert response.json() == {
        "id": comment.pk,
        "version": 2,
        "lesson": str(lesson.key),
        "lesson_title": "Watch a scan",
        "body": "Add captions in German.",
        "author": {"id": staff["reviewer"].pk, "full_name": staff["reviewer"].full_name},
        "is_mine": True,
        "created_at": response.json()["created_at"],
        "is_resolved": False,
        "resolved_at": None,
        "resolved_by": None,
    }
    assert (comment.version_id, comment.author_id) == (in_review.pk, staff["reviewer"].pk)


def test_a_comment_without_a_lesson_is_about_the_whole_version_and_names_an_old_version(
    in_review: CourseVersion, staff: dict[str, User]
) -> None:
    response = _client(staff["approver"]).post(URL, {"body": "Fine overall.", "version": 1})

    assert response.status_code == 201
    assert (response.json()["version"], response.json()["lesson"]) == (1, None)
    assert response.json()["lesson_title"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"body": "Hi", "lesson": "not-a-uuid"}, "lesson"),
        ({"body": "Hi", "lesson": str(uuid.uuid4())}, "lesson"),
        ({"body": "Hi", "version": 7}, "version"),
        ({"body": "Hi", "colour": "red"}, "colour"),
    ],
)
def test_invalid_comments_are_refused_naming_the_field_and_nothing_is_stored(
    in_review: CourseVersion, staff: dict[str, User], payload: dict[str, Any], field: str
) -> None:
    response = _client(staff["reviewer"]).post(URL, payload)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert ReviewComment.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("learner", 404, 404),
        ("outsider", 404, 404),
        ("admin", 200, 403),  # a member sees the course, but takes no part in reviews
        ("author", 200, 201),
        ("reviewer", 200, 201),
        ("approver", 200, 201),
    ],
)
def test_who_may_read_and_write_comments(
    in_review: CourseVersion, staff: dict[str, User], who: str, read: int, write: int
) -> None:
    client = _client(None if who == "anonymous" else staff[who])

    listed = client.get(URL)
    posted = client.post(URL, {"body": "Looks good."})

    assert (listed.status_code, posted.status_code) == (read, write)
    assert ReviewComment.objects.count() == (1 if write == 201 else 0)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 401),
        ("learner", 404),
        ("outsider", 404),
        ("admin", 403),
        ("author", 200),
        ("reviewer", 200),
        ("approver", 200),
    ],
)
def test_who_may_resolve_a_comment(
    in_review: CourseVersion, staff: dict[str, User], who: str, expected: int
) -> None:
    comment = courses_api.add_review_comment(user=staff["reviewer"], slug="plc-basics", body="Fix")
    client = _client(None if who == "anonymous" else staff[who])

    response = client.patch(f"{URL}/{comment.pk}", {"is_resolved": True})

    assert response.status_code == expected
    comment.refresh_from_db()
    assert comment.is_resolved is (expected == 200)


def test_resolving_is_idempotent_and_reopening_clears_who_resolved(
    in_review: CourseVersion, staff: dict[str, User]
) -> None:
    comment = courses_api.add_review_comment(user=staff["reviewer"], slug="plc-basics", body="Fix")
    author = _client(staff["author"])

    first = author.patch(f"{URL}/{comment.pk}", {"is_resolved": True})
    again = _client(staff["approver"]).patch(f"{URL}/{comment.pk}", {"is_resolved": True})
    reopened = author.patch(f"{URL}/{comment.pk}", {"is_resolved": False})

    assert first.json()["resolved_by"] == {
        "id": staff["author"].pk,
        "full_name": staff["author"].full_name,
    }
    assert again.json()["resolved_by"] == first.json()["resolved_by"]
    assert again.json()["resolved_at"] == first.json()["resolved_at"]
    assert (reopened.json()["is_resolved"], reopened.json()["resolved_by"]) == (False, None)
    assert reopened.json()["resolved_at"] is None


def test_a_comment_of_another_course_is_not_found_through_this_one(
    in_review: CourseVersion, publish: Callable[..., None], staff: dict[str, User]
) -> None:
    publish(make_package(slug="ot-security"))
    other = courses_api.add_review_comment(user=staff["reviewer"], slug="ot-security", body="x")

    response = _client(staff["reviewer"]).patch(f"{URL}/{other.pk}", {"is_resolved": True})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_resolved is False


def test_comments_filter_by_version_lesson_and_state(
    in_review: CourseVersion, staff: dict[str, User]
) -> None:
    video = _lesson(in_review, "video")
    on_video = courses_api.add_review_comment(
        user=staff["reviewer"], slug="plc-basics", body="Video", lesson_key=video.key
    )
    on_version = courses_api.add_review_comment(
        user=staff["reviewer"], slug="plc-basics", body="Whole"
    )
    on_old = courses_api.add_review_comment(
        user=staff["reviewer"], slug="plc-basics", body="Old", version_number=1
    )
    courses_api.set_review_comment_resolved(
        user=staff["author"], slug="plc-basics", comment_id=on_version.pk, is_resolved=True
    )
    client = _client(staff["author"])

    def ids(**params: Any) -> list[int]:
        return [item["id"] for item in client.get(URL, params).json()["results"]]

    assert ids() == [on_video.pk, on_version.pk, on_old.pk]
    assert ids(version=2) == [on_video.pk, on_version.pk]
    assert ids(lesson=str(video.key)) == [on_video.pk]
    assert ids(is_resolved="true") == [on_version.pk]
    assert ids(is_resolved="false") == [on_video.pk, on_old.pk]
    assert client.get(URL, {"version": "two"}).status_code == 400


def test_lesson_titles_follow_the_requested_language(
    in_review: CourseVersion, staff: dict[str, User]
) -> None:
    courses_api.add_review_comment(
        user=staff["reviewer"],
        slug="plc-basics",
        body="Titel?",
        lesson_key=_lesson(in_review, "text").key,
    )

    response = _client(staff["author"]).get(URL, {"lang": "de"})

    assert response.json()["results"][0]["lesson_title"] == "Inputs, logic, outputs (de)"
    assert response.json()["results"][0]["is_mine"] is False


def test_the_comment_list_runs_a_fixed_number_of_queries(
    in_review: CourseVersion, staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    lessons = Lesson.objects.filter(module__version=in_review)
    for number, lesson in enumerate(lessons):
        courses_api.add_review_comment(
            user=staff[("author", "reviewer", "approver")[number % 3]],
            slug="plc-basics",
            body=f"Comment {number}",
            lesson_key=lesson.key,
        )
    client = _client(staff["reviewer"])

    # session, user, memberships, course, its institutions and versions, page (shorter than a
    # page: its own count), titles
    with django_assert_num_queries(8):
        response = client.get(URL)

    assert response.json()["count"] == 3
