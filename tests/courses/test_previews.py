"""Preview lessons: what authors mark, what anyone may open, and who may play their video."""

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.models import CourseVersion, Lesson, VideoAsset
from courses.outline import cached_outline
from enrollment import api as enrollment_api
from tests.courses.conftest import make_package
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _publish(publish: Callable[..., None], *, preview: bool) -> dict[str, str]:
    package = make_package()
    for lesson in package["course"]["modules"][0]["lessons"]:
        lesson["is_preview"] = preview
    publish(package)
    version = CourseVersion.objects.get(state="published")
    return {
        lesson.kind: str(lesson.key)
        for module in version.modules.all()
        for lesson in module.lessons.all()
    }


def _preview_url(key: str) -> str:
    return f"/api/v1/courses/plc-basics/lessons/{key}/preview"


def test_anyone_opens_a_preview_lesson_from_the_course_page(
    publish: Callable[..., None],
) -> None:
    keys = _publish(publish, preview=True)

    outline = APIClient().get("/api/v1/courses/plc-basics/").json()
    response = APIClient().get(_preview_url(keys["video"]), HTTP_ACCEPT_LANGUAGE="de")

    flags = [
        (lesson["kind"], lesson["is_preview"])
        for module in outline["modules"]
        for lesson in module["lessons"]
    ]
    assert flags == [("text", True), ("video", True), ("quiz", False)]
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["transcript"]) == ("Watch a scan (de)", "Hello. (de)")
    assert (body["video_url"], body["served_language"]) == (
        "https://media.icim.example/plc-1.mp4",
        "de",
    )
    assert "state" not in body
    assert "quiz" not in body


def test_lessons_that_are_not_previews_are_not_found(publish: Callable[..., None]) -> None:
    keys = _publish(publish, preview=False)
    client = APIClient()

    answers = [
        client.get(_preview_url(keys["video"])),
        client.get(_preview_url(keys["quiz"])),
        client.get(_preview_url(str(uuid.uuid4()))),
        client.get(f"/api/v1/courses/no-such-course/lessons/{keys['video']}/preview"),
    ]

    assert [answer.status_code for answer in answers] == [404] * 4
    assert len({answer.content for answer in answers}) == 1


def test_quizzes_and_resources_cannot_be_previews() -> None:
    package = make_package()
    package["course"]["modules"][1]["lessons"][0]["is_preview"] = True

    with pytest.raises(courses_api.InvalidPackageError) as refused:
        courses_api.packages.validate_package(package)

    assert [problem.location for problem in refused.value.problems] == [
        "course.modules[1].lessons[0].is_preview"
    ]


def test_the_rule_and_the_preview_flag_round_trip_through_the_package(
    publish: Callable[..., None],
) -> None:
    package = make_package()
    video = package["course"]["modules"][0]["lessons"][1]
    video.update(video_completion="watched", video_watched_percent=75, is_preview=True)
    publish(package)
    version = CourseVersion.objects.get(state="published")

    exported = courses_api.export_course_package(version=version)

    lessons = exported["course"]["modules"][0]["lessons"]
    assert (lessons[0]["is_preview"], "video_completion" in lessons[0]) == (False, False)
    assert {name: lessons[1][name] for name in ("is_preview", "video_completion")} == {
        "is_preview": True,
        "video_completion": "watched",
    }
    assert lessons[1]["video_watched_percent"] == 75
    lesson = Lesson.objects.get(key=lessons[1]["key"])
    assert (lesson.video_completion, lesson.video_watched_percent) == ("watched", 75)


@pytest.mark.parametrize("percent", [0, 101, "90"])
def test_the_watched_share_is_a_whole_percent_from_1_to_100(percent: Any) -> None:
    package = make_package()
    package["course"]["modules"][0]["lessons"][1]["video_watched_percent"] = percent

    with pytest.raises(courses_api.InvalidPackageError):
        courses_api.packages.validate_package(package)


# --- who may play a preview's video ---------------------------------------------------------------


def _ready_video(tmp_path: Path, course_id: int, lesson_key: str) -> VideoAsset:
    """A ready video whose files are in the videos storage (no transcode needed here)."""
    asset_id = uuid.uuid4()
    asset = VideoAsset.objects.create(
        id=asset_id,
        playlist_name=f"videos/{asset_id.hex}/hls/master.m3u8",
        poster_name=f"videos/{asset_id.hex}/poster.jpg",
        course_id=course_id,
        lesson_key=uuid.UUID(lesson_key),
        state=VideoAsset.State.READY,
        source_name="unused",
        source_size=1,
        duration_seconds=20,
        updated_at=timezone.now(),
        ready_at=timezone.now(),
    )
    storage = storages["videos"]
    for path in ("hls/master.m3u8", "hls/360p/seg_0000.ts", "poster.jpg"):
        storage.save(f"videos/{asset.pk.hex}/{path}", ContentFile(b"#EXTM3U\n"))
    return asset


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _fresh_outline_cache() -> Iterator[None]:
    # Rolled-back tests reuse version ids (SQLite), so no outline may outlive its test.
    cached_outline.cache_clear()
    yield
    cached_outline.cache_clear()


@pytest.mark.parametrize("preview", [True, False])
@pytest.mark.parametrize("identity", ["anonymous", "not_enrolled", "enrolled", "author"])
def test_a_preview_video_plays_for_anyone_and_others_only_for_learners_and_staff(
    publish: Callable[..., None],
    staff: dict[str, User],
    tmp_path: Path,
    preview: bool,
    identity: str,
) -> None:
    keys = _publish(publish, preview=preview)
    version = CourseVersion.objects.get(state="published")
    asset = _ready_video(tmp_path, version.course_id, keys["video"])
    client = APIClient()
    if identity == "enrolled":
        enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
        client.force_authenticate(staff["learner"])
    elif identity == "not_enrolled":
        client.force_authenticate(UserFactory(email="stranger@example.org"))
    elif identity == "author":
        client.force_authenticate(staff["author"])

    answers = {
        path: client.get(f"/media/videos/{asset.pk.hex}/{path}").status_code
        for path in ("hls/master.m3u8", "hls/360p/seg_0000.ts", "poster.jpg")
    }

    allowed = preview or identity in ("enrolled", "author")
    assert set(answers.values()) == {200 if allowed else 404}
