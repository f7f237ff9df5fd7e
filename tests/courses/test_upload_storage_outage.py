"""A storage that cannot take an upload (a full disk, an object store that is down) answers 503
with a clear message, keeps nothing and changes nothing; the same upload can be sent again."""

import errno
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Course, Resource, VideoAsset
from tests.courses.conftest import make_package

STORAGE_DOWN = (
    "The file could not be stored just now. Nothing was saved; send it again in a few minutes."
)
# An MP4 file type box: libmagic calls it video/mp4 (the transcode would refuse it later).
MP4_HEADER = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(512)


def _picture() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (960, 540), (11, 79, 108)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def course(publish: Callable[..., None]) -> Course:
    publish(make_package())
    return Course.objects.get(slug="plc-basics")


def _video_lesson_key(course: Course) -> str:
    version = course.published_version
    assert version is not None
    return next(
        str(lesson.key)
        for module in version.modules.all()
        for lesson in module.lessons.all()
        if lesson.kind == "video"
    )


def _disk_full(*args: Any, **kwargs: Any) -> str:
    raise OSError(errno.ENOSPC, "No space left on device")


def _store_unreachable(*args: Any, **kwargs: Any) -> str:
    raise EndpointConnectionError(endpoint_url="https://objects.example/bucket")


@pytest.mark.parametrize("failure", [_disk_full, _store_unreachable], ids=["disk-full", "s3-down"])
@pytest.mark.parametrize("upload", ["resource", "cover", "video"])
def test_an_upload_the_storage_cannot_take_answers_503_and_keeps_nothing(
    course: Course,
    staff: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    failure: Callable[..., str],
    upload: str,
) -> None:
    monkeypatch.setattr(FileSystemStorage, "_save", failure)
    client = APIClient()
    client.force_authenticate(staff["author"])
    base = "/api/v1/authoring/courses/plc-basics"
    if upload == "resource":
        response = client.post(
            f"{base}/resources",
            {"file": SimpleUploadedFile("notes.txt", b"Scan cycle notes.\n")},
            format="multipart",
        )
    elif upload == "cover":
        response = client.put(
            f"{base}/cover",
            {"file": SimpleUploadedFile("cover.png", _picture())},
            format="multipart",
        )
    else:
        response = client.post(
            f"{base}/lessons/{_video_lesson_key(course)}/video",
            {"file": SimpleUploadedFile("lecture.mp4", MP4_HEADER)},
            format="multipart",
        )

    assert response.status_code == 503
    assert response.json() == {"detail": STORAGE_DOWN, "code": "storage_unavailable"}
    assert response["Retry-After"] == "30"
    assert not Resource.objects.exists()
    assert not VideoAsset.objects.exists()
    assert Course.objects.get(pk=course.pk).cover == {}


def test_the_message_is_in_the_readers_language(
    course: Course, staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FileSystemStorage, "_save", _disk_full)
    client = APIClient()
    client.force_authenticate(staff["author"])
    response = client.post(
        "/api/v1/authoring/courses/plc-basics/resources",
        {"file": SimpleUploadedFile("notes.txt", b"Scan cycle notes.\n")},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 503
    assert response.json()["detail"] == (
        "Die Datei konnte gerade nicht gespeichert werden. Nichts wurde gespeichert; senden Sie "
        "sie in einigen Minuten erneut."
    )
