"""Zip packages and resource uploads: round trips, and hostile files refused whole."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from courses import api as courses_api
from courses.archives import read_package_archive
from courses.models import Course, Resource
from tests.courses.conftest import make_package

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a tiny but honest PDF header\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _with_resource_lesson(package: dict, reference: str) -> dict:
    package["course"]["modules"][0]["lessons"].append(
        {
            "kind": "resource",
            "duration_minutes": 5,
            "competencies": [],
            "resource": reference,
            "translations": {"en": {"title": "Wiring diagram"}, "de": {"title": "Schaltplan"}},
        }
    )
    return package


def _author(staff: dict[str, User]) -> APIClient:
    client = APIClient()
    client.force_login(staff["author"])
    return client


def test_a_zip_with_a_resource_round_trips(framework: None, staff: dict[str, User]) -> None:
    package = _with_resource_lesson(make_package(), "resources/wiring.pdf")
    archive = _zip({"course.json": json.dumps(package).encode(), "resources/wiring.pdf": PDF})

    version = courses_api.import_course_archive(user=staff["author"], data=archive)
    exported_package, exported_files = read_package_archive(
        courses_api.export_course_archive(version=version)
    )

    resource = Resource.objects.get()
    assert (resource.filename, resource.content_type, resource.size) == (
        "wiring.pdf",
        "application/pdf",
        len(PDF),
    )
    assert exported_files == {f"resources/{resource.pk}-wiring.pdf": PDF}
    lesson = exported_package["course"]["modules"][0]["lessons"][-1]
    assert lesson["resource"] == f"resources/{resource.pk}-wiring.pdf"
    again = courses_api.import_course_archive(
        user=staff["author"], data=courses_api.export_course_archive(version=version)
    )
    assert again.pk == version.pk


@pytest.mark.parametrize(
    ("entries", "location", "message"),
    [
        (
            {"course.json": b"{}", "../../etc/passwd": b"x"},
            "../../etc/passwd",
            "has an unsafe path",
        ),
        ({"course.json": b"{}", "/abs.txt": b"x"}, "/abs.txt", "has an unsafe path"),
        (
            {"course.json": b"{}", "evil.sh": b"x"},
            "evil.sh",
            "is not course.json or a file in resources/",
        ),
        (
            {"course.json": b"{}", "resources/bomb.txt": b"0" * 5_000_000},
            "resources/bomb.txt",
            "is compressed suspiciously well (zip bomb?)",
        ),
        ({"resources/a.pdf": PDF}, "course.json", "is missing"),
        ({"course.json": b"{not json"}, "course.json", None),
    ],
    ids=["traversal", "absolute", "unexpected", "bomb", "missing-json", "bad-json"],
)
def test_hostile_or_broken_archives_are_refused_and_nothing_is_written(
    framework: None,
    staff: dict[str, User],
    entries: dict[str, bytes],
    location: str,
    message: str | None,
) -> None:
    with pytest.raises(courses_api.InvalidPackageError) as error:
        courses_api.import_course_archive(user=staff["author"], data=_zip(entries))

    problems = [(p.location, p.message) for p in error.value.problems]
    assert location in [where for where, _message in problems]
    if message is not None:
        assert (location, message) in problems
    assert not Course.objects.exists()
    assert not Resource.objects.exists()


def test_a_bad_file_inside_a_valid_archive_rolls_back_the_whole_import(
    framework: None, staff: dict[str, User]
) -> None:
    package = _with_resource_lesson(make_package(), "resources/run.exe")
    archive = _zip(
        {"course.json": json.dumps(package).encode(), "resources/run.exe": b"MZ\x90\x00binary"}
    )

    with pytest.raises(courses_api.InvalidPackageError) as error:
        courses_api.import_course_archive(user=staff["author"], data=archive)

    assert error.value.problems[0].location == "course.modules[0].lessons[2].resource"
    assert not Course.objects.exists()
    assert not Resource.objects.exists()


def test_import_endpoint_accepts_json_and_zip_files_and_refuses_garbage(
    framework: None, staff: dict[str, User]
) -> None:
    client = _author(staff)
    as_json = SimpleUploadedFile("plc.json", json.dumps(make_package()).encode())
    garbage = SimpleUploadedFile("x.json", b"\x00\x01 not a package")

    created = client.post("/api/v1/authoring/imports", {"file": as_json}, format="multipart")
    refused = client.post("/api/v1/authoring/imports", {"file": garbage}, format="multipart")

    assert created.status_code == 201
    assert (created.json()["state"], created.json()["course"]) == ("draft", "plc-basics")
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid_package"
    assert refused.json()["problems"][0]["location"] == "$"


@pytest.mark.parametrize(
    ("filename", "content", "expected_status", "expected_type"),
    [
        ("guide.pdf", PDF, 201, "application/pdf"),
        ("notes.txt", "Zeitgeber – 定时器".encode(), 201, "text/plain"),
        ("photo.png", PNG, 201, "image/png"),
        ("header-only.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, 400, None),
        ("fake.pdf", b"<script>alert(1)</script>", 400, None),
        ("tool.exe", b"MZ\x90\x00", 400, None),
        ("page.html", b"<html><script>x</script>", 400, None),
        ("polyglot.html", b"%PDF-1.4\n<script>alert(1)</script>", 400, None),
        ("page.txt", b"<!DOCTYPE html><html><script>x</script>", 400, None),
        ("photo.pdf", PNG, 400, None),
    ],
)
def test_resource_uploads_are_typed_by_their_bytes(
    framework: None,
    staff: dict[str, User],
    filename: str,
    content: bytes,
    expected_status: int,
    expected_type: str | None,
) -> None:
    client = _author(staff)
    client.post("/api/v1/authoring/courses/", make_package(), format="json")

    response = client.post(
        "/api/v1/authoring/courses/plc-basics/resources",
        {"file": SimpleUploadedFile(filename, content)},
        format="multipart",
    )

    assert response.status_code == expected_status
    if expected_type:
        assert response.json()["content_type"] == expected_type
    else:
        assert response.json()["code"] == "unsupported_type"
    assert Resource.objects.count() == (1 if expected_type else 0)


def test_oversized_resource_is_a_413(
    framework: None, staff: dict[str, User], settings: Settings
) -> None:
    settings.RESOURCE_MAX_BYTES = 1024
    client = _author(staff)
    client.post("/api/v1/authoring/courses/", make_package(), format="json")

    response = client.post(
        "/api/v1/authoring/courses/plc-basics/resources",
        {"file": SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)},
        format="multipart",
    )

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"), [("reviewer", 403), ("outsider", 404), ("learner", 404)]
)
def test_only_authors_upload_resources(
    framework: None, staff: dict[str, User], who: str, expected: int
) -> None:
    _author(staff).post("/api/v1/authoring/courses/", make_package(), format="json")
    client = APIClient()
    client.force_login(staff[who])

    response = client.post(
        "/api/v1/authoring/courses/plc-basics/resources",
        {"file": SimpleUploadedFile("guide.pdf", PDF)},
        format="multipart",
    )

    assert response.status_code == expected
    assert not Resource.objects.exists()


def test_a_package_may_reference_an_uploaded_resource_by_id(
    framework: None, staff: dict[str, User]
) -> None:
    client = _author(staff)
    client.post("/api/v1/authoring/courses/", make_package(), format="json")
    uploaded = client.post(
        "/api/v1/authoring/courses/plc-basics/resources",
        {"file": SimpleUploadedFile("guide.pdf", PDF)},
        format="multipart",
    )

    response = client.put(
        "/api/v1/authoring/courses/plc-basics/package",
        _with_resource_lesson(make_package(), uploaded.json()["id"]),
        format="json",
    )
    archive = client.get("/api/v1/authoring/courses/plc-basics/archive")

    assert response.status_code == 200
    assert archive["Content-Type"] == "application/zip"
    _package, files = read_package_archive(archive.content)
    assert list(files.values()) == [PDF]
