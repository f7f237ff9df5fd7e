"""Video lessons: the completion rule each author chooses (watched at N %, or watched or the
transcript read), the transcript path recorded as such, and where a learner resumes."""

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import CourseVersion
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from tests.courses.conftest import make_package
from tests.learning import lesson_event

pytestmark = pytest.mark.django_db

EXTENSION = "http://127.0.0.1:8000/xapi/extensions/completed-by"


def _publish_with(publish: Callable[..., None], **video: Any) -> dict[str, str]:
    """Publish the test course with its video lesson changed by `video`; the lessons' keys."""
    package = make_package()
    lesson = package["course"]["modules"][0]["lessons"][1]
    lesson.update(video)
    publish(package)
    version = CourseVersion.objects.get(state="published")
    keys = {}
    for module in version.modules.all():
        for item in module.lessons.all():
            keys[item.kind] = str(item.key)
    return keys


def _pass_the_rest(learner: User, enrollment: Enrollment, keys: dict[str, str]) -> Any:
    lesson_event(learner, enrollment, "lesson_completed", keys["text"])
    version = CourseVersion.objects.get(state="published")
    quiz = next(
        lesson.quiz for module in version.modules.all() for lesson in module.lessons.all()
        if lesson.kind == "quiz"
    )  # fmt: skip
    questions = {question.kind: question for question in quiz.questions.all()}
    answers = {
        str(questions["single_choice"].key): str(
            questions["single_choice"].options.get(is_correct=True).key
        ),
        str(questions["numeric"].key): 3.31,
        str(questions["true_false"].key): True,
        str(questions["short_text"].key): "Ladder",
    }
    return lesson_event(learner, enrollment, "quiz_submitted", keys["quiz"], answers=answers)


def test_by_default_reading_the_transcript_completes_the_video_and_says_so(
    publish: Callable[..., None],
    staff: dict[str, User],
    received: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    read = lesson_event(learner, enrollment, "transcript_read", keys["video"])
    with django_capture_on_commit_callbacks(execute=True):
        passed = _pass_the_rest(learner, enrollment, keys)

    assert (read["is_watched"], read["completed_by"]) == (True, "transcript")
    row = LessonProgress.objects.get(enrollment=enrollment, lesson_key=keys["video"])
    assert (row.completed_by, row.watched_segments) == ("transcript", [])
    statement = LearningEvent.objects.get(pk=read["id"]).statement
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["result"] == {"completion": True, "extensions": {EXTENSION: "transcript"}}
    # The course completes on it, and the certificate's signal goes out once.
    assert passed["progress"]["status"] == "completed"
    assert received == [enrollment.pk]
    content = (
        _client(learner).get(f"/api/v1/enrollments/{enrollment.pk}/lessons/{keys['video']}/").json()
    )
    assert (content["video_completion"], content["video_watched_percent"]) == (
        "watched_or_transcript",
        90,
    )
    assert (content["state"]["is_done"], content["state"]["completed_by"]) == (True, "transcript")


def test_when_the_author_asks_for_watching_the_transcript_does_not_complete(
    publish: Callable[..., None],
    staff: dict[str, User],
    received: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    keys = _publish_with(publish, video_completion="watched", video_watched_percent=50)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    with pytest.raises(ValidationError) as refused:
        lesson_event(learner, enrollment, "transcript_read", keys["video"])
    short = lesson_event(learner, enrollment, "video_progress", keys["video"], segments=[[0, 200]])
    watched = lesson_event(
        learner, enrollment, "video_progress", keys["video"], segments=[[200, 240]]
    )
    with django_capture_on_commit_callbacks(execute=True):
        passed = _pass_the_rest(learner, enrollment, keys)

    assert refused.value.code == "transcript_not_accepted"
    assert not LearningEvent.objects.filter(kind="transcript_read").exists()
    # 8 declared minutes: half is 240 s.
    assert (short["is_watched"], short["completed_by"]) == (False, None)
    assert (watched["watched_percent"], watched["is_watched"]) == (50, True)
    assert watched["completed_by"] == "watching"
    row = LessonProgress.objects.get(enrollment=enrollment, lesson_key=keys["video"])
    assert row.completed_by == "watching"
    statement = LearningEvent.objects.get(pk=watched["id"]).statement
    assert statement["result"]["extensions"][EXTENSION] == "watching"
    assert passed["progress"]["status"] == "completed"
    assert received == [enrollment.pk]


def test_the_default_share_is_still_ninety_percent(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    short = lesson_event(learner, enrollment, "video_progress", keys["video"], segments=[[0, 431]])
    enough = lesson_event(
        learner, enrollment, "video_progress", keys["video"], segments=[[431, 432]]
    )

    assert (short["is_watched"], enough["is_watched"]) == (False, True)


def test_a_video_without_a_transcript_cannot_be_completed_by_reading(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish, translations={"en": {"title": "Watch"}, "de": {"title": "Schau"}})
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    with pytest.raises(ValidationError) as refused:
        lesson_event(learner, enrollment, "transcript_read", keys["video"])

    assert refused.value.code == "no_transcript"
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_reading_after_watching_keeps_the_lesson_completed_by_watching(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "video_progress", keys["video"], segments=[[0, 480]])

    read = lesson_event(learner, enrollment, "transcript_read", keys["video"])

    assert read["completed_by"] == "watching"


def test_only_video_lessons_take_a_transcript_read(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    response = _client(learner).post(
        f"/api/v1/enrollments/{enrollment.pk}/events/",
        {"id": str(uuid.uuid4()), "kind": "transcript_read", "lesson": keys["text"]},
        format="json",
    )

    assert response.status_code == 400
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(
    ("position", "resume"),
    [
        (None, 0.0),  # nothing reported
        (125.37, 125.4),
        (478.0, 0.0),  # within 3 s of the end: from the beginning again
    ],
)
def test_a_learner_resumes_where_they_left_off(
    publish: Callable[..., None], staff: dict[str, User], position: float | None, resume: float
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    payload: dict[str, Any] = {"segments": [[30, 60]]}
    if position is not None:
        payload["position"] = position
    response = _client(learner).post(
        f"/api/v1/enrollments/{enrollment.pk}/events/",
        {"id": str(uuid.uuid4()), "kind": "video_progress", "lesson": keys["video"], **payload},
        format="json",
    )
    assert response.status_code == 200, response.json()

    state = (
        _client(learner)
        .get(f"/api/v1/enrollments/{enrollment.pk}/lessons/{keys['video']}/")
        .json()["state"]
    )

    assert state["resume_at_seconds"] == resume


def test_without_a_position_the_stretch_watched_from_the_start_is_the_resume_point(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(
        learner, enrollment, "video_progress", keys["video"], segments=[[0, 95], [200, 210]]
    )

    state = (
        _client(learner)
        .get(f"/api/v1/enrollments/{enrollment.pk}/lessons/{keys['video']}/")
        .json()["state"]
    )

    assert state["resume_at_seconds"] == 95.0


def test_a_malformed_position_is_refused(
    publish: Callable[..., None], staff: dict[str, User]
) -> None:
    keys = _publish_with(publish)
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    with pytest.raises(ValidationError):
        lesson_event(
            learner, enrollment, "video_progress", keys["video"], segments=[], position=True
        )

    assert not LessonProgress.objects.exists()
