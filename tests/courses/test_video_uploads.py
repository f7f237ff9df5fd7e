"""Resumable lesson-video uploads: chunks at offsets, resuming, refusals, expiry and memory."""

import io
import resource
import sys
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import timezone
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import VideoAsset, VideoUploadSession
from tests.courses.test_video import MP4_HEADER_ONLY, clips
from tests.enrollment.conftest import _fresh_outline_cache, course
from tests.factories import TEST_PASSWORD

__all__ = ["_fresh_outline_cache", "clips", "course"]

pytestmark = pytest.mark.usefixtures("tasks_in_process")

CHUNK = "application/offset+octet-stream"
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _uploads_url(course: dict[str, Any]) -> str:
    return f"/api/v1/authoring/courses/plc-basics/lessons/{course['video']}/video/uploads"


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def author(staff: dict[str, User]) -> APIClient:
    """A client signed in as the course's author."""
    return _client(staff["author"])


def _start(client: APIClient, course: dict[str, Any], size: int, name: str = "talk.mp4") -> Any:
    return client.post(_uploads_url(course), {"filename": name, "size": size}, format="json")


def _send(client: APIClient, url: str, offset: int, content: bytes) -> Any:
    return client.patch(url, content, content_type=CHUNK, headers={"Upload-Offset": str(offset)})


def _part(upload_id: str) -> Path:
    return courses_api.video_uploads.video_upload_folder() / f"{uuid.UUID(upload_id).hex}.part"


def test_a_video_sent_in_chunks_is_transcoded(
    course: dict[str, Any],
    staff: dict[str, User],
    author: APIClient,
    clips: dict[str, bytes],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given an author who starts an upload of a real two-second clip
    content = clips["good"]
    started = _start(author, course, len(content))
    assert started.status_code == 201
    body = started.json()
    url = started["Location"]
    assert url == f"{_uploads_url(course)}/{body['id']}"
    assert (body["offset"], body["size"], body["is_complete"], body["video"]) == (
        0,
        len(content),
        False,
        None,
    )
    assert started["Upload-Offset"] == "0"

    # when the file arrives in chunks of 4 KB
    step = 4096
    answers = []
    with django_capture_on_commit_callbacks(execute=True):
        for offset in range(0, len(content), step):
            answers.append(_send(author, url, offset, content[offset : offset + step]))

    # then each chunk moves the offset, and the last hands the file to the transcode
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    assert [answer.json()["offset"] for answer in answers[:-1]] == list(
        range(step, len(content), step)
    )
    last = answers[-1].json()
    assert last["is_complete"] is True
    assert last["video"]["state"] == "pending"
    assert not VideoUploadSession.objects.exists()
    assert not _part(body["id"]).exists()
    asset = VideoAsset.objects.get()
    assert (asset.state, asset.duration_seconds, asset.source_size) == ("ready", 2.0, len(content))
    assert asset.uploaded_by == staff["author"]
    assert author.get(url).status_code == 404


def test_an_interrupted_upload_resumes_from_the_offset_the_server_tells(
    course: dict[str, Any], author: APIClient
) -> None:
    # given an upload of 10,000 bytes whose second chunk broke off after 1,500 of its bytes
    content = MP4_HEADER_ONLY + bytes(range(256)) * 40
    content = content[:10_000]
    url = _start(author, course, len(content))["Location"]
    assert _send(author, url, 0, content[:4000]).status_code == 200
    assert _send(author, url, 4000, content[4000:5500]).status_code == 200  # what got through

    # when the client asks where to go on
    head = author.head(url)
    status = author.get(url).json()

    # then the server names the offset, and the rest sent from there completes the file
    assert head.status_code == 200
    assert (head["Upload-Offset"], head["Upload-Length"]) == ("5500", "10000")
    assert head.content == b""
    assert (status["offset"], status["is_complete"]) == (5500, False)
    finished = _send(author, url, 5500, content[5500:])
    assert finished.status_code == 200
    assert finished.json()["is_complete"] is True
    asset = VideoAsset.objects.get()
    with storages["videos"].open(asset.source_name, "rb") as stored:
        assert stored.read() == content


def test_a_chunk_at_the_wrong_offset_is_a_conflict_naming_the_right_one(
    course: dict[str, Any], author: APIClient
) -> None:
    url = _start(author, course, 1000)["Location"]
    _send(author, url, 0, b"a" * 100)

    # when a chunk is sent again (its answer was lost) and one skips ahead
    again = _send(author, url, 0, b"a" * 100)
    ahead = _send(author, url, 300, b"b" * 100)

    # then both are refused with the offset the server holds, which has not moved
    for answer in (again, ahead):
        assert answer.status_code == 409
        assert answer.json() == {
            "detail": "The upload is at byte 100; send the chunk that starts there.",
            "code": "offset_conflict",
            "offset": 100,
        }
        assert answer["Upload-Offset"] == "100"
    assert VideoUploadSession.objects.get().offset == 100


def test_a_chunk_needs_its_offset_and_media_type_and_conflicts_are_translated(
    course: dict[str, Any], author: APIClient
) -> None:
    url = _start(author, course, 1000)["Location"]

    without_offset = author.patch(url, b"x" * 10, content_type=CHUNK)
    as_json = author.patch(url, {"bytes": "x"}, format="json", headers={"Upload-Offset": "0"})
    in_german = author.patch(
        url,
        b"x" * 10,
        content_type=CHUNK,
        headers={"Upload-Offset": "5"},
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert without_offset.status_code == 400
    assert without_offset.json()["detail"] == "Upload-Offset and Content-Length are required."
    assert as_json.status_code == 415
    assert in_german.status_code == 409
    assert in_german.json()["detail"] == (
        "Der Upload steht bei Byte 0; senden Sie das Teilstück, das dort beginnt."
    )
    assert VideoUploadSession.objects.get().offset == 0


def test_an_upload_over_the_limit_is_refused_when_it_starts(
    course: dict[str, Any], author: APIClient, settings: Settings
) -> None:
    settings.VIDEO_MAX_BYTES = 5 * MB

    too_large = _start(author, course, 5 * MB + 1)
    not_a_video = _start(author, course, 1000, name="slides.pdf")

    assert too_large.status_code == 413
    assert too_large.json() == {
        "detail": "The video is larger than the limit of 5 MB.",
        "code": "too_large",
    }
    assert not_a_video.status_code == 400
    assert not_a_video.json()["code"] == "unsupported_type"
    assert not VideoUploadSession.objects.exists()


def test_a_chunk_past_the_declared_size_or_too_large_is_refused(
    course: dict[str, Any], author: APIClient, settings: Settings
) -> None:
    settings.VIDEO_UPLOAD_CHUNK_MAX_BYTES = 1000
    url = _start(author, course, 1500)["Location"]
    _send(author, url, 0, b"a" * 1000)

    past = _send(author, url, 1000, b"b" * 501)
    too_large = _send(author, url, 1000, b"b" * 1001)

    assert past.status_code == 413
    assert past.json()["detail"] == (
        "This chunk goes past the size declared when the upload started."
    )
    assert too_large.status_code == 413
    assert VideoUploadSession.objects.get().offset == 1000
    assert _part(url.rsplit("/", 1)[1]).stat().st_size == 1000


def test_an_upload_belongs_to_the_author_who_started_it(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    # given a second author of the same institution
    from tests.factories import MembershipFactory, UserFactory

    other = UserFactory(email="second-author@rhine.example")
    MembershipFactory(
        user=other, organization=course["version"].course.institutions.get(), role="author"
    )
    url = _start(_client(staff["author"]), course, 1000)["Location"]
    stranger = _client(other)

    # then the upload is unknown to everyone else, whatever they try
    answers = [
        stranger.get(url),
        stranger.head(url),
        _send(stranger, url, 0, b"x" * 10),
        stranger.delete(url),
    ]
    assert [answer.status_code for answer in answers] == [404] * 4
    assert answers[0].json() == {"detail": "Not found.", "code": "not_found"}
    assert VideoUploadSession.objects.get().offset == 0


def test_a_cancelled_upload_is_deleted_with_its_bytes(
    course: dict[str, Any], author: APIClient
) -> None:
    url = _start(author, course, 1000)["Location"]
    _send(author, url, 0, b"a" * 10)

    assert author.delete(url).status_code == 204

    assert not VideoUploadSession.objects.exists()
    assert not _part(url.rsplit("/", 1)[1]).exists()


def test_a_file_refused_at_the_end_ends_the_upload(
    course: dict[str, Any], author: APIClient
) -> None:
    content = b"%PDF-1.4 not a video at all" + bytes(100)
    url = _start(author, course, len(content))["Location"]

    answer = _send(author, url, 0, content)

    assert answer.status_code == 400
    assert answer.json()["detail"] == (
        "This file is not a video. Upload an MP4, MOV, MKV or WebM file."
    )
    assert not VideoUploadSession.objects.exists()
    assert not _part(url.rsplit("/", 1)[1]).exists()
    assert not VideoAsset.objects.exists()


def test_expired_uploads_are_swept_with_their_files(
    course: dict[str, Any], author: APIClient, settings: Settings
) -> None:
    # given an upload left half done, one still going, and a partial file no session names
    stale_url = _start(author, course, 1000)["Location"]
    _send(author, stale_url, 0, b"a" * 10)
    live_url = _start(author, course, 1000)["Location"]
    stale, live = (_part(url.rsplit("/", 1)[1]) for url in (stale_url, live_url))
    orphan = stale.parent / f"{uuid.uuid4().hex}.part"
    orphan.write_bytes(b"left by a crash")
    VideoUploadSession.objects.filter(pk=stale.stem).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    day_ago = (timezone.now() - timedelta(hours=25)).timestamp()
    import os

    os.utime(orphan, (day_ago, day_ago))

    # then the expired one is unknown at once, and the sweep deletes it and the orphan
    assert author.head(stale_url).status_code == 404
    out = io.StringIO()
    call_command("sweep_video_uploads", stdout=out)
    assert out.getvalue() == "Deleted 2 partial video upload(s).\n"
    assert not stale.exists()
    assert not orphan.exists()
    assert live.exists()
    assert list(VideoUploadSession.objects.values_list("pk", flat=True)) == [uuid.UUID(live.stem)]
    assert author.head(live_url).status_code == 200


class _GeneratedBody:
    """A request body of `size` bytes made as it is read, so the test itself holds none."""

    def __init__(self, size: int, head: bytes = b"") -> None:
        self.remaining = size
        self.head = head

    def read(self, size: int = -1) -> bytes:
        count = self.remaining if size < 0 else min(size, self.remaining)
        block = self.head[:count] + bytes(count - len(self.head[:count]))
        self.head = self.head[count:]
        self.remaining -= count
        return block

    def readline(self, size: int = -1) -> bytes:
        raise AssertionError("a chunk is never read by lines")


def test_a_large_upload_never_grows_the_process(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    """200 MB in 16 MB chunks, through the whole WSGI stack: Python allocations peak far below
    a chunk, and the process's peak resident size grows by less than 30 MB."""
    _, secret = accounts_api.create_api_token(
        email=staff["author"].email, password=TEST_PASSWORD, name="memory"
    )
    size = 200 * MB
    chunk = 16 * MB
    upload = courses_api.start_video_upload(
        user=staff["author"],
        slug="plc-basics",
        lesson_key=uuid.UUID(course["video"]),
        filename="long.mp4",
        size=size,
    )
    url = f"{_uploads_url(course)}/{upload.pk}"
    handler = WSGIHandler()
    statuses = []
    base = RequestFactory()._base_environ()

    def start_response(status: str, headers: list[Any]) -> None:
        statuses.append(int(status.split()[0]))

    kilobytes = 1024 if sys.platform != "darwin" else 1
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kilobytes
    # As Django's test client does: the test's database connection must outlive each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    tracemalloc.start()
    try:
        for offset in range(0, size, chunk):
            length = min(chunk, size - offset)
            environ = {
                **base,
                "REQUEST_METHOD": "PATCH",
                "PATH_INFO": url,
                "CONTENT_TYPE": CHUNK,
                "CONTENT_LENGTH": str(length),
                "HTTP_UPLOAD_OFFSET": str(offset),
                "HTTP_AUTHORIZATION": f"Bearer {secret}",
                "wsgi.input": _GeneratedBody(length, MP4_HEADER_ONLY if offset == 0 else b""),
            }
            response = handler(environ, start_response)
            b"".join(response)
            response.close()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kilobytes - rss_before

    assert statuses == [200] * 13
    assert peak < 12 * MB, f"peak Python allocations {peak / MB:.1f} MB"
    assert rss_growth < 30 * MB, f"peak RSS grew by {rss_growth / MB:.1f} MB"
    asset = VideoAsset.objects.get()
    assert asset.source_size == size
