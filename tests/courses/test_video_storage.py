"""Lesson videos on both storage backends: the filesystem, and a real local S3 server (moto).

An upload is transcoded for real and played back through the one download view, with the types
and caching a player needs; a storage that fails in the middle of a transcode is retried, and
the lesson keeps its previous video throughout.
"""

import errno
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from django.core.files.storage import storages
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from config.storage import file_storages
from courses import tasks, video_storage
from courses.models import VideoAsset
from tests.conftest import s3_client
from tests.courses.test_video import _client_for, _ready, _status, clips, upload
from tests.enrollment.conftest import _fresh_outline_cache, course

__all__ = ["_fresh_outline_cache", "clips", "course", "upload"]

pytestmark = pytest.mark.usefixtures("tasks_in_process")

PLAYLIST = "application/vnd.apple.mpegurl"


@pytest.fixture(params=["filesystem", "s3"])
def backend(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> str:
    """The "videos" storage on the filesystem (below a fresh MEDIA_ROOT) or in a fresh bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param == "s3":
        request.getfixturevalue("s3_storages")
    return str(request.param)


def _stored_keys(backend: str, settings: Settings, s3_storages: Any = None) -> list[str]:
    if backend == "filesystem":
        root = Path(settings.MEDIA_ROOT)
        return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.*"))
    listing = s3_client(s3_storages).list_objects_v2(Bucket=s3_storages.bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_an_upload_is_stored_transcoded_and_played_through_the_download_view(
    backend: str,
    course: dict[str, Any],
    staff: dict[str, User],
    clips: dict[str, bytes],
    upload: Callable,
    settings: Settings,
    request: pytest.FixtureRequest,
) -> None:
    # given a video lesson, when its author uploads a clip and it is transcoded
    assert upload(clips["silent"]).status_code == 202
    asset = _ready(course)
    folder = f"videos/{asset.pk.hex}"

    # then the source and every output are in the storage of the backend (a prefix per storage
    # in the bucket), and nothing of them on the local disk with S3
    s3 = request.getfixturevalue("s3_storages") if backend == "s3" else None
    prefix = "videos/" if backend == "s3" else ""
    keys = _stored_keys(backend, settings, s3)
    assert f"{prefix}{folder}/source.mp4" in keys
    assert f"{prefix}{folder}/hls/master.m3u8" in keys
    assert f"{prefix}{folder}/hls/720p/seg_0000.ts" in keys
    assert f"{prefix}{folder}/poster.jpg" in keys
    if backend == "s3":
        assert not Path(settings.MEDIA_ROOT).exists()

    # and an enrolled learner plays it through the download view, with types and caching
    learner = _client_for("enrolled", staff)
    answers = {
        path: learner.get(f"/media/{folder}/{path}")
        for path in ("hls/master.m3u8", "hls/360p/index.m3u8", "hls/360p/seg_0000.ts", "poster.jpg")
    }
    assert {path: response.status_code for path, response in answers.items()} == dict.fromkeys(
        answers, 200
    )
    headers = {
        path: (response["Content-Type"], response["Cache-Control"])
        for path, response in answers.items()
    }
    assert headers == {
        "hls/master.m3u8": (PLAYLIST, "private, no-cache"),
        "hls/360p/index.m3u8": (PLAYLIST, "private, no-cache"),
        "hls/360p/seg_0000.ts": ("video/mp2t", "private, max-age=86400, immutable"),
        "poster.jpg": ("image/jpeg", "private, max-age=3600"),
    }
    master = b"".join(answers["hls/master.m3u8"].streaming_content).decode()
    assert [line for line in master.splitlines() if line and not line.startswith("#")] == [
        "360p/index.m3u8",
        "720p/index.m3u8",
    ]
    segment = b"".join(answers["hls/360p/seg_0000.ts"].streaming_content)
    with storages["videos"].open(f"{folder}/hls/360p/seg_0000.ts", "rb") as stored:
        assert segment == stored.read()
    assert segment[0] == 0x47  # MPEG-TS sync byte
    for response in answers.values():
        assert response["X-Content-Type-Options"] == "nosniff"

    # and a stranger, or anyone asking for the source, gets the same 404 as for nothing at all
    stranger = _client_for("not_enrolled", staff)
    assert stranger.get(f"/media/{folder}/hls/master.m3u8").status_code == 404
    assert stranger.get(f"/media/{folder}/hls/360p/seg_0000.ts").status_code == 404
    assert learner.get(f"/media/{folder}/source.mp4").status_code == 404


def test_no_stored_object_is_public(
    course: dict[str, Any], clips: dict[str, bytes], upload: Callable, s3_storages: Any
) -> None:
    upload(clips["silent"])

    client = s3_client(s3_storages)
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=s3_storages.bucket)["Contents"]]
    grants = [
        grant
        for key in keys
        for grant in client.get_object_acl(Bucket=s3_storages.bucket, Key=key)["Grants"]
    ]
    assert keys
    assert {grant["Grantee"].get("URI") for grant in grants} == {None}  # no AllUsers, no group
    assert {grant["Permission"] for grant in grants} == {"FULL_CONTROL"}  # the owner's only


def test_with_signed_urls_a_segment_is_a_redirect_to_the_bucket_after_the_access_check(
    course: dict[str, Any],
    staff: dict[str, User],
    clips: dict[str, bytes],
    upload: Callable,
    s3_storages: Any,
    settings: Settings,
) -> None:
    # given a ready video in S3, and segments answered by signed URLs of thirty seconds
    upload(clips["silent"])
    folder = f"/media/videos/{_ready(course).pk.hex}/hls"
    settings.S3_SIGNED_URL_SECONDS = 30
    settings.STORAGES = {
        **settings.STORAGES,
        **file_storages(backend="s3", s3=replace(s3_storages, signed_url_seconds=30)),
    }
    learner = _client_for("enrolled", staff)

    # when the learner asks for a segment, the view checks access and redirects to the bucket
    answer = learner.get(f"{folder}/360p/seg_0000.ts")
    assert answer.status_code == 302
    assert answer["Cache-Control"] == "private, no-store"
    location = answer["Location"]
    assert location.startswith(f"{s3_storages.endpoint_url}/{s3_storages.bucket}/videos/videos/")
    assert "X-Amz-Expires=30" in location
    with urllib.request.urlopen(location, timeout=10) as bucket:  # noqa: S310 (the test server)
        assert bucket.headers["Content-Type"] == "video/mp2t"
        assert bucket.headers["Cache-Control"] == "private, max-age=86400, immutable"
        assert bucket.read()[0] == 0x47

    # and playlists still come from the view (their segment names resolve against its URL),
    # while a stranger gets no redirect at all
    assert learner.get(f"{folder}/master.m3u8").status_code == 200
    assert _client_for("not_enrolled", staff).get(f"{folder}/360p/seg_0000.ts").status_code == 404


def test_every_url_of_a_stored_file_is_the_download_view(s3_storages: Any) -> None:
    # django-storages would answer a signed bucket URL; links must pass the access check
    assert storages["default"].url("resources/a b.pdf") == "/media/resources/a%20b.pdf"
    assert storages["videos"].url("videos/0a/poster.jpg") == "/media/videos/0a/poster.jpg"


# --- a storage outage in the middle of a transcode ---------------------------------------------


def _outage_error(backend: str) -> Exception:
    if backend == "s3":
        return EndpointConnectionError(endpoint_url="http://127.0.0.1:9/")
    return OSError(errno.EIO, "Input/output error")


@pytest.fixture
def outage(backend: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Make writes of HLS outputs to the "videos" storage fail: the first `failures` of them,
    from the `after`-th on. Counts what happened in `seen`."""
    storage = storages["videos"]
    real_save = storage._save
    plan: dict[str, Any] = {"after": 3, "failures": 0, "saves": 0, "failed": 0, "playing": []}

    def save(name: str, content: Any) -> str:
        if "/hls/" in name:
            plan["saves"] += 1
            if plan["saves"] >= plan["after"] and plan["failed"] < plan["failures"]:
                plan["failed"] += 1
                plan["playing"].append(plan["current"]())
                raise _outage_error(backend)
        return str(real_save(name, content))

    monkeypatch.setattr(storage, "_save", save)
    # Eager tasks retry in place (Celery's apply) only when a failure is not re-raised at once.
    from config.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    return plan


@pytest.fixture
def previous(
    backend: str,
    course: dict[str, Any],
    clips: dict[str, bytes],
    upload: Callable,
    outage: dict[str, Any],
) -> VideoAsset:
    """A lesson playing a video stored on `backend`, uploaded while the outage plan watches (and
    lets every write through); the plan notes which video plays at each failure."""
    upload(clips["silent"])
    outage["current"] = lambda: _ready(course).pk
    return _ready(course)


def test_an_outage_mid_transcode_is_retried_and_the_old_video_plays_meanwhile(
    course: dict[str, Any],
    staff: dict[str, User],
    clips: dict[str, bytes],
    upload: Callable,
    outage: dict[str, Any],
    previous: VideoAsset,
) -> None:
    # given a lesson playing a video (previous)

    # when a new upload's transcode meets a storage failing on its third write
    outage.update(after=outage["saves"] + 3, failures=1)
    assert upload(clips["silent"]).status_code == 202

    # then the task retried, the old video played while the storage failed, and the new one
    # became current once the storage answered again
    assert outage["failed"] == 1
    assert outage["playing"] == [previous.pk]
    newest = _ready(course)
    assert newest != previous
    assert _status(course, staff["author"])["state"] == "ready"
    folder = f"/media/videos/{newest.pk.hex}/hls"
    learner = _client_for("enrolled", staff)
    assert learner.get(f"{folder}/master.m3u8").status_code == 200
    assert learner.get(f"{folder}/720p/seg_0000.ts").status_code == 200


def test_a_storage_that_stays_down_fails_the_upload_and_keeps_the_old_video(
    course: dict[str, Any],
    staff: dict[str, User],
    clips: dict[str, bytes],
    upload: Callable,
    outage: dict[str, Any],
    previous: VideoAsset,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a lesson playing a video (previous), and a task allowed one retry
    monkeypatch.setattr(tasks.process_video_task, "max_retries", 1)

    # when the storage fails every write of the new upload's outputs
    outage.update(after=outage["saves"] + 1, failures=100)
    upload(clips["silent"])

    # then it was tried twice, the asset says why in the author's language, and the old video
    # still plays
    assert outage["failed"] == 2
    status = _status(course, staff["author"])
    assert status["state"] == "failed"
    assert status["error"] == (
        "The video could not be stored: file storage was unavailable. Upload it again later."
    )
    assert status["has_ready_video"] is True
    assert _ready(course) == previous
    assert VideoAsset.objects.get(error_code="storage_unavailable").state == "failed"
    master = f"/media/videos/{previous.pk.hex}/hls/master.m3u8"
    assert _client_for("enrolled", staff).get(master).status_code == 200
    client = APIClient()
    client.force_authenticate(staff["author"])
    german = client.get(
        f"/api/v1/authoring/courses/plc-basics/lessons/{course['video']}/video",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert german.json()["error"] == (
        "Das Video konnte nicht gespeichert werden: Der Dateispeicher war nicht erreichbar. "
        "Laden Sie es später erneut hoch."
    )


# --- which storage errors are transient --------------------------------------------------------


def _client_error(status: int, code: str) -> ClientError:
    return ClientError(
        {"Error": {"Code": code, "Message": code}, "ResponseMetadata": {"HTTPStatusCode": status}},
        "PutObject",
    )


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (EndpointConnectionError(endpoint_url="http://s3.internal"), True),
        (_client_error(500, "InternalError"), True),
        (_client_error(503, "SlowDown"), True),
        (_client_error(400, "RequestTimeout"), True),
        (_client_error(403, "AccessDenied"), False),
        (_client_error(404, "NoSuchBucket"), False),
    ],
)
def test_transient_s3_errors_become_an_os_error(error: Exception, transient: bool) -> None:
    with (
        pytest.raises(OSError if transient else ClientError) as raised,
        video_storage.storage_errors(),
    ):
        raise error

    assert isinstance(raised.value, video_storage.StorageUnavailableError) is transient
    assert raised.value.__cause__ is (error if transient else None)


def test_an_asset_finished_meanwhile_is_not_failed_afterwards(
    course: dict[str, Any], clips: dict[str, bytes], upload: Callable
) -> None:
    upload(clips["silent"])
    asset = _ready(course)

    video_storage.fail_unstored_video(asset_id=asset.pk)

    asset.refresh_from_db()
    assert (asset.state, asset.error_code) == ("ready", "")


def test_an_unknown_asset_is_ignored(db: None) -> None:
    video_storage.fail_unstored_video(asset_id=uuid.uuid4())

    assert not VideoAsset.objects.exists()
