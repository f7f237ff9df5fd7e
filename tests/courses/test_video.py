"""Lesson videos end to end with the real ffprobe and ffmpeg: upload, transcode, refusals, access.

Inputs are made here with ffmpeg's lavfi sources: a second or two at postage-stamp size.
"""

import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.models import VideoAsset
from enrollment import api as enrollment_api
from tests.conftest import need_service
from tests.enrollment.conftest import _fresh_outline_cache, course
from tests.factories import UserFactory

__all__ = ["_fresh_outline_cache", "course"]

pytestmark = pytest.mark.usefixtures("tasks_in_process")

NOT_A_VIDEO = (
    "This file is not a playable video, or it is incomplete. Upload an MP4, MOV, MKV or WebM file."
)
# An MP4 file type box and nothing after it: libmagic calls it video/mp4, ffprobe finds no movie.
MP4_HEADER_ONLY = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(512)


def _ffmpeg(*arguments: str) -> None:
    subprocess.run(
        [str(shutil.which("ffmpeg")), "-v", "error", "-y", *arguments], check=True, timeout=60
    )


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Tiny test inputs by name, made once per session."""
    need_service("ffmpeg", shutil.which("ffmpeg") is not None and bool(shutil.which("ffprobe")))
    folder = tmp_path_factory.mktemp("clips")
    good = folder / "good.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
        "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(good),
    )  # fmt: skip
    silent = folder / "silent.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=96x64:rate=10:duration=1",
        "-c:v", "libx264", "-preset", "ultrafast", str(silent),
    )  # fmt: skip
    audio = folder / "audio.mp4"
    _ffmpeg("-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(audio))
    long = folder / "long.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", "color=c=gray:size=64x48:rate=2:duration=61",
        "-c:v", "libx264", "-preset", "ultrafast", str(long),
    )  # fmt: skip
    good_bytes = good.read_bytes()
    matroska = folder / "good.mkv"
    _ffmpeg("-i", str(good), "-c", "copy", str(matroska))
    return {
        "good": good_bytes,
        "silent": silent.read_bytes(),
        "audio_only": audio.read_bytes(),
        # Cut in the middle: the movie index (at the end of ffmpeg's MP4) is missing.
        "truncated": good_bytes[: len(good_bytes) // 2],
        "header_only": MP4_HEADER_ONLY,
        "long": long.read_bytes(),
        # A real video stream whose codec id no decoder knows (same length, so still valid
        # Matroska): ffprobe sees the picture but cannot name its codec.
        "unknown_codec": matroska.read_bytes().replace(b"V_MPEG4/ISO/AVC", b"V_QQQQQ/ISO/XYZ", 1),
    }


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def upload(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Callable[..., Any]:
    """Upload `content` as the author and run the queued transcode; the answer."""

    def run(content: bytes, name: str = "lecture.mp4") -> Any:
        client = APIClient()
        client.force_authenticate(staff["author"])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                _video_url(course),
                {"file": SimpleUploadedFile(name, content)},
                format="multipart",
            )

    return run


def _video_url(course: dict[str, Any]) -> str:
    return f"/api/v1/authoring/courses/plc-basics/lessons/{course['video']}/video"


def _status(course: dict[str, Any], user: User) -> dict[str, Any]:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(_video_url(course))
    assert response.status_code == 200
    return dict(response.json())


def _ready(course: dict[str, Any]) -> VideoAsset:
    playing = courses_api.playing_videos(
        course_id=course["version"].course_id, lesson_keys=[uuid.UUID(course["video"])]
    )
    return playing[uuid.UUID(course["video"])]


def _read(name: str) -> bytes:
    with storages["videos"].open(name, "rb") as handle:
        return bytes(handle.read())


def test_status_before_any_upload(course: dict[str, Any], staff: dict[str, User]) -> None:
    assert _status(course, staff["reviewer"]) == {
        "state": "none",
        "stage": None,
        "percent": 0,
        "error": None,
        "duration_seconds": None,
        "has_ready_video": False,
    }


def test_an_upload_becomes_an_hls_ladder_with_a_poster(
    course: dict[str, Any], staff: dict[str, User], clips: dict[str, bytes], upload: Callable
) -> None:
    # given a video lesson, when its author uploads a two-second clip with sound
    response = upload(clips["good"])

    # then the upload is accepted and, once transcoded, the lesson plays it
    assert response.status_code == 202
    assert response.json()["state"] == "pending"
    assert _status(course, staff["author"]) == {
        "state": "ready",
        "stage": "done",
        "percent": 100,
        "error": None,
        "duration_seconds": 2.0,
        "has_ready_video": True,
    }
    asset = _ready(course)
    folder = f"videos/{asset.pk.hex}"
    assert asset.playlist_name == f"{folder}/hls/master.m3u8"
    master = _read(asset.playlist_name).decode()
    variants = [line for line in master.splitlines() if line and not line.startswith("#")]
    assert variants == ["360p/index.m3u8", "720p/index.m3u8"]
    assert "RESOLUTION=480x360" in master
    assert "RESOLUTION=960x720" in master
    for rung in ("360p", "720p"):
        playlist = _read(f"{folder}/hls/{rung}/index.m3u8").decode()
        assert "#EXT-X-PLAYLIST-TYPE:VOD" in playlist
        segments = [line for line in playlist.splitlines() if line.endswith(".ts")]
        assert segments == ["seg_0000.ts"]
        assert _read(f"{folder}/hls/{rung}/seg_0000.ts")[0] == 0x47  # MPEG-TS sync byte
    assert asset.poster_name == f"{folder}/poster.jpg"
    assert _read(asset.poster_name)[:3] == b"\xff\xd8\xff"


def test_a_video_without_sound_is_transcoded(
    course: dict[str, Any], staff: dict[str, User], clips: dict[str, bytes], upload: Callable
) -> None:
    upload(clips["silent"])

    assert _status(course, staff["author"])["state"] == "ready"
    master = _read(_ready(course).playlist_name).decode()
    assert "avc1" in master
    assert "mp4a" not in master


@pytest.fixture
def previous(course: dict[str, Any], clips: dict[str, bytes], upload: Callable) -> VideoAsset:
    """A lesson already playing a ready video."""
    upload(clips["silent"])
    return _ready(course)


@pytest.mark.parametrize(
    ("clip", "error"),
    [
        ("header_only", NOT_A_VIDEO),
        ("truncated", NOT_A_VIDEO),
        ("audio_only", "This file has sound but no picture. Upload a video with a picture."),
        ("long", "This video is longer than the limit of 1 minutes."),
        (
            "unknown_codec",
            "This video is encoded in a format the platform cannot read. Export it as H.264 "
            "(MP4) and upload it again.",
        ),
    ],
)
def test_a_refused_file_says_why_and_the_lesson_keeps_its_video(
    course: dict[str, Any],
    staff: dict[str, User],
    clips: dict[str, bytes],
    upload: Callable,
    previous: VideoAsset,
    settings: Settings,
    clip: str,
    error: str,
) -> None:
    # given a lesson playing a video, and a limit of one minute
    settings.VIDEO_MAX_SECONDS = 60

    # when its author uploads a file that cannot become a video
    response = upload(clips[clip])

    # then the upload is accepted, its transcode fails with the reason, the old video plays on
    assert response.status_code == 202
    assert _status(course, staff["author"]) == {
        "state": "failed",
        "stage": "probing",
        "percent": 0,
        "error": error,
        "duration_seconds": None,
        "has_ready_video": True,
    }
    assert _ready(course) == previous
    assert VideoAsset.objects.filter(state="ready").count() == 1


def test_the_reason_is_translated(
    course: dict[str, Any], staff: dict[str, User], clips: dict[str, bytes], upload: Callable
) -> None:
    upload(clips["audio_only"])

    client = APIClient()
    client.force_authenticate(staff["author"])
    response = client.get(_video_url(course), HTTP_ACCEPT_LANGUAGE="de")

    assert response.json()["error"] == (
        "Diese Datei hat Ton, aber kein Bild. Laden Sie ein Video mit Bild hoch."
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.mp4", b"These are my lecture notes, not a video.\n"), ("lecture.avi", None)],
)
def test_a_file_that_is_not_a_video_is_refused_at_upload(
    course: dict[str, Any],
    clips: dict[str, bytes],
    upload: Callable,
    previous: VideoAsset,
    name: str,
    content: bytes | None,
) -> None:
    response = upload(content or clips["good"], name=name)

    assert response.status_code == 400
    refusal = "This file is not a video. Upload an MP4, MOV, MKV or WebM file."
    assert response.json() == {
        "detail": refusal,
        "code": "unsupported_type",
        "fields": {"non_field_errors": [refusal]},
    }
    assert list(VideoAsset.objects.all()) == [previous]


def test_a_file_over_the_limit_is_refused(
    course: dict[str, Any], upload: Callable, settings: Settings
) -> None:
    settings.VIDEO_MAX_BYTES = 1024 * 1024

    response = upload(bytes(1024 * 1024 + 1), name="big.mp4")

    assert response.status_code == 413
    assert response.json()["detail"] == "The video is larger than the limit of 1 MB."
    assert not VideoAsset.objects.exists()


def test_running_the_transcode_twice_changes_nothing(previous: VideoAsset) -> None:
    assert courses_api.process_video_asset(asset_id=previous.pk) is None

    previous.refresh_from_db()
    assert previous.state == "ready"
    assert previous.progress_percent == 100


def test_an_abandoned_transcode_is_taken_up_again(
    course: dict[str, Any], clips: dict[str, bytes], previous: VideoAsset
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    # given an asset a lost worker left processing six minutes ago
    VideoAsset.objects.filter(pk=previous.pk).update(
        state="processing",
        stage="transcoding",
        progress_percent=40,
        updated_at=timezone.now() - timedelta(minutes=6),
    )

    # when the task runs again, it finishes the asset
    result = courses_api.process_video_asset(asset_id=previous.pk)

    assert result is not None
    assert (result.state, result.progress_percent) == ("ready", 100)


def test_a_transcode_in_progress_is_not_started_twice(previous: VideoAsset) -> None:
    from django.utils import timezone

    VideoAsset.objects.filter(pk=previous.pk).update(
        state="processing", progress_percent=40, updated_at=timezone.now()
    )

    assert courses_api.process_video_asset(asset_id=previous.pk) is None
    previous.refresh_from_db()
    assert previous.progress_percent == 40


# --- who may play it ------------------------------------------------------------------------------


def _client_for(identity: str, staff: dict[str, User]) -> APIClient:
    client = APIClient()
    if identity == "enrolled":
        learner = staff["learner"]
        enrollment_api.enroll(user=learner, course_slug="plc-basics")
        client.force_authenticate(learner)
    elif identity == "not_enrolled":
        client.force_authenticate(UserFactory(email="stranger@example.org"))
    elif identity != "anonymous":
        client.force_authenticate(staff[identity])
    return client


FILES = {
    "hls/master.m3u8": "application/vnd.apple.mpegurl",
    "hls/720p/index.m3u8": "application/vnd.apple.mpegurl",
    "hls/360p/seg_0000.ts": "video/mp2t",
    "poster.jpg": "image/jpeg",
}


@pytest.mark.parametrize(
    ("identity", "allowed"),
    [
        ("anonymous", False),
        ("not_enrolled", False),
        ("outsider", False),
        ("enrolled", True),
        ("author", True),
        ("reviewer", True),
    ],
)
def test_playlists_segments_and_poster_only_for_learners_and_staff(
    staff: dict[str, User], previous: VideoAsset, identity: str, allowed: bool
) -> None:
    client = _client_for(identity, staff)
    folder = f"/media/videos/{previous.pk.hex}"

    answers = {path: client.get(f"{folder}/{path}") for path in FILES}

    for path, response in answers.items():
        assert response.status_code == (200 if allowed else 404), path
        if allowed:
            assert response["Content-Type"] == FILES[path]
            assert response["X-Content-Type-Options"] == "nosniff"
            assert b"".join(response.streaming_content)


def test_the_uploaded_source_is_never_served(staff: dict[str, User], previous: VideoAsset) -> None:
    client = _client_for("author", staff)

    response = client.get(f"/media/{previous.source_name}")

    assert response.status_code == 404


def test_a_learner_gets_the_playlist_poster_and_generated_captions(
    course: dict[str, Any], previous: VideoAsset
) -> None:
    # given a ready video whose asset carries captions (as the demo videos' do)
    VideoAsset.objects.filter(pk=previous.pk).update(
        captions={"en": "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHello.\n"}
    )
    outline = courses_api.get_outline(version_id=course["version"].pk)

    content = courses_api.lesson_for_learner(
        outline=outline, lesson_key=course["video"], language="de"
    )

    folder = f"/media/videos/{previous.pk.hex}"
    assert content["video_hls_url"] == f"{folder}/hls/master.m3u8"
    assert content["video_poster_url"] == f"{folder}/poster.jpg"
    assert content["captions"] == [
        {"language": "en", "vtt": "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nHello.\n"}
    ]


def test_other_lessons_have_no_uploaded_video(course: dict[str, Any]) -> None:
    outline = courses_api.get_outline(version_id=course["version"].pk)

    content = courses_api.lesson_for_learner(
        outline=outline, lesson_key=course["text"], language="en"
    )

    assert (content["video_hls_url"], content["video_poster_url"]) == (None, None)


def test_outputs_copied_out_and_restored_play_as_a_new_ready_video(
    course: dict[str, Any], clips: dict[str, bytes], previous: VideoAsset, tmp_path: Path
) -> None:
    # given the pipeline's outputs copied out to a cache (as demo_videos does)
    cache = tmp_path / "cache"
    courses_api.copy_video_outputs(asset_id=previous.pk, target=cache / "files")
    source = cache / "clip.mp4"
    source.write_bytes(clips["silent"])

    # when they are restored for the lesson
    restored = courses_api.restore_lesson_video(
        course_id=course["version"].course_id,
        lesson_key=uuid.UUID(course["video"]),
        source=source,
        outputs=cache / "files",
        duration_seconds=1.0,
        captions={},
    )

    # then the lesson plays the restored copy, file for file the same as the original
    assert _ready(course) == restored
    copied = cache / "files"
    assert sorted(path.relative_to(copied).as_posix() for path in copied.rglob("*.*")) == [
        "hls/360p/index.m3u8",
        "hls/360p/seg_0000.ts",
        "hls/720p/index.m3u8",
        "hls/720p/seg_0000.ts",
        "hls/master.m3u8",
        "poster.jpg",
    ]
    assert _read(restored.playlist_name) == _read(previous.playlist_name)
    assert _read(restored.poster_name) == _read(previous.poster_name)


def test_ffmpeg_reports_progress_up_to_the_end(clips: dict[str, bytes], tmp_path: Path) -> None:
    from courses import transcode

    source = tmp_path / "good.mp4"
    source.write_bytes(clips["good"])
    facts = transcode.probe(source, max_seconds=60)
    fractions: list[float] = []

    transcode.transcode_hls(
        source,
        tmp_path / "hls",
        facts=facts,
        threads=1,
        timeout_seconds=60,
        on_progress=fractions.append,
    )

    assert fractions == sorted(fractions)
    assert fractions[-1] == 1.0
    assert (facts.width, facts.height, facts.has_audio) == (160, 120, True)
