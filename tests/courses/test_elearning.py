"""Package lessons as authors handle them: the upload's checks and report, the storing task,
who may upload and read, and re-uploads."""

import random
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
from courses.models import ElearningPackage
from devdata.elearning_packages import (
    build_cmi5_package,
    build_scorm12_package,
    build_scorm2004_package,
)
from tests.elearning import make_zip, package_course, package_url, upload

pytestmark = pytest.mark.usefixtures("tasks_in_process")


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def course(publish: Callable[..., None]) -> dict[str, Any]:
    return package_course(publish)


def _read(name: str) -> bytes:
    with storages["packages"].open(name, "rb") as handle:
        return bytes(handle.read())


def test_an_accepted_package_is_reported_and_stored(
    course: dict[str, Any], staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    response = upload(
        staff["author"], course, build_scorm12_package(), django_capture_on_commit_callbacks
    )

    assert response.status_code == 202
    body = response.json()
    package = ElearningPackage.objects.get()
    assert body == {
        "id": str(package.pk),
        "state": "storing",
        "progress_percent": 0,
        "standard": "scorm_1.2",
        "edition": "",
        "title": "Fire safety (SCORM 1.2)",
        "launch_path": "index.html",
        "mastery_score": 80.0,
        "items": [
            {
                "identifier": "item1",
                "title": "Fire safety (SCORM 1.2)",
                "launch_path": "index.html",
                "mastery_score": 80.0,
                "move_on": None,
            }
        ],
        "file_count": 4,
        "size": package.size,
        "problems": [],
        "uploaded_at": body["uploaded_at"],
    }
    # the task ran on commit: the files are in storage, the zip is gone, the lesson plays it
    package.refresh_from_db()
    assert (package.state, package.progress_percent, package.source_name) == ("ready", 100, "")
    assert _read(f"packages/{package.pk.hex}/index.html").startswith(b"<!doctype html>")
    assert b"LMSInitialize" in _read(f"packages/{package.pk.hex}/sco.js")
    assert (
        courses_api.playing_package(course_id=package.course_id, lesson_key=course["package"])
        == package
    )
    client = APIClient()
    client.force_authenticate(staff["reviewer"])
    report = client.get(package_url(course)).json()
    assert (report["state"], report["progress_percent"]) == ("ready", 100)


@pytest.mark.parametrize(
    ("builder", "standard", "edition", "mastery"),
    [
        (build_scorm2004_package, "scorm_2004", "4th", 80.0),
        (build_cmi5_package, "cmi5", "", 50.0),
    ],
)
def test_the_other_standards_are_accepted(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Any,
    builder: Callable[[], bytes],
    standard: str,
    edition: str,
    mastery: float,
) -> None:
    body = upload(staff["author"], course, builder(), django_capture_on_commit_callbacks).json()

    assert (body["standard"], body["edition"], body["mastery_score"]) == (
        standard,
        edition,
        mastery,
    )
    assert ElearningPackage.objects.get().state == "ready"


def test_a_refused_package_names_every_problem_in_the_requests_language(
    course: dict[str, Any], staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    data = make_zip(
        {"imsmanifest.xml": _manifest_naming("missing.js"), "index.html": "x", "../x": "y"}
    )

    response = upload(
        staff["author"], course, data, django_capture_on_commit_callbacks, language="de"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Das Paket kann nicht verwendet werden: 1 Problem(e) gefunden.",
        "code": "package_refused",
        "problems": [
            {
                "code": "unsafe_path",
                "message": "Der Name eines Eintrags verlässt den Ordner des Pakets (ein absoluter "
                "Pfad, '..' oder ein Backslash).",
                "path": "../x",
            }
        ],
    }
    assert ElearningPackage.objects.count() == 0
    assert not Path(storages["packages"].path("packages")).exists()


def _manifest_naming(script: str) -> str:
    return f"""<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i" identifierref="r"><title>I</title></item></organization></organizations>
  <resources><resource identifier="r" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/><file href="{script}"/></resource></resources>
</manifest>"""


def test_a_missing_referenced_file_refuses_the_package_with_its_path(
    course: dict[str, Any], staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    data = make_zip({"imsmanifest.xml": _manifest_naming("lib/missing.js"), "index.html": "x"})

    response = upload(staff["author"], course, data, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert response.json()["problems"] == [
        {
            "code": "missing_file",
            "message": "A file the manifest names (resource r) is not in the package.",
            "path": "lib/missing.js",
        }
    ]
    assert ElearningPackage.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not a zip at all", "not_a_zip"),
        (make_zip({"index.html": "x"}), "no_manifest"),
        (make_zip({"course/imsmanifest.xml": "<manifest/>"}), "manifest_not_at_root"),
        (
            make_zip({"imsmanifest.xml": "x", "zeros.bin": bytes(20 * 1024 * 1024)}),
            "compression_ratio",
        ),
        (
            make_zip(
                {
                    "imsmanifest.xml": '<!DOCTYPE m [<!ENTITY e SYSTEM "file:///etc/passwd">]><manifest>&e;</manifest>'
                }
            ),
            "manifest_unsafe",
        ),
    ],
    ids=["not-a-zip", "no-manifest", "manifest-in-a-folder", "zip-bomb", "external-entity"],
)
def test_hostile_or_broken_uploads_are_refused(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Any,
    data: bytes,
    code: str,
) -> None:
    response = upload(staff["author"], course, data, django_capture_on_commit_callbacks)

    assert response.status_code == 400
    assert [problem["code"] for problem in response.json()["problems"]] == [code]
    assert ElearningPackage.objects.count() == 0


def test_an_upload_over_the_limit_is_refused_unread(
    course: dict[str, Any],
    staff: dict[str, User],
    settings: Settings,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PACKAGE_MAX_BYTES = 1024

    response = upload(
        staff["author"], course, build_scorm12_package(), django_capture_on_commit_callbacks
    )

    assert response.status_code == 413
    assert response.json()["detail"] == "The package is larger than the limit of 0 MB."
    assert ElearningPackage.objects.count() == 0


def test_a_package_whose_bytes_break_the_limits_while_unpacking_fails_and_stores_nothing(
    course: dict[str, Any],
    staff: dict[str, User],
    settings: Settings,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The listing passes (declared sizes are within the limit when checked) and the task's
    # limit is lower: the inflated bytes break it while unpacking.
    data = make_zip(
        {
            "imsmanifest.xml": _manifest_naming("big.bin"),
            "index.html": "x",
            "big.bin": random.Random(7).randbytes(800 * 1024),
        }
    )
    response = upload(staff["author"], course, data, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    package = ElearningPackage.objects.get()
    assert package.state == "ready"  # the default limits

    settings.PACKAGE_MAX_UNPACKED_BYTES = 1024 * 1024
    ElearningPackage.objects.all().delete()
    package_id = _accept_without_storing(course, staff, data, settings)
    settings.PACKAGE_MAX_UNPACKED_BYTES = 1024 * 1024 // 2

    courses_api.store_elearning_package(package_id=package_id, limits=courses_api.package_limits())

    failed = ElearningPackage.objects.get(pk=package_id)
    assert failed.state == "failed"
    assert failed.problems == [{"code": "unpacked_too_large", "path": None, "params": {"limit": 0}}]
    assert not storages["packages"].exists(f"packages/{package_id.hex}/index.html")
    assert (
        courses_api.playing_package(course_id=failed.course_id, lesson_key=course["package"])
        is None
    )


def _accept_without_storing(
    course: dict[str, Any], staff: dict[str, User], data: bytes, settings: Settings
) -> Any:
    package = courses_api.upload_lesson_package(
        user=staff["author"],
        slug="fire-safety",
        lesson_key=course["package"],
        file=SimpleUploadedFile("p.zip", data),
    )
    return package.pk


def test_a_reupload_keeps_the_lesson_on_its_ready_package_until_the_new_one_is_ready(
    course: dict[str, Any],
    staff: dict[str, User],
    settings: Settings,
    django_capture_on_commit_callbacks: Any,
) -> None:
    upload(staff["author"], course, build_scorm12_package(), django_capture_on_commit_callbacks)
    first = ElearningPackage.objects.get()

    second_id = _accept_without_storing(course, staff, build_scorm2004_package(), settings)

    course_id = first.course_id
    assert courses_api.playing_package(course_id=course_id, lesson_key=course["package"]) == first
    client = APIClient()
    client.force_authenticate(staff["author"])
    assert client.get(package_url(course)).json()["id"] == str(second_id)
    detail = client.get("/api/v1/authoring/courses/fire-safety/").json()
    assert detail["packages"][course["package"]]["id"] == str(first.pk)  # the one in use
    courses_api.store_elearning_package(package_id=second_id, limits=courses_api.package_limits())
    assert (
        courses_api.playing_package(course_id=course_id, lesson_key=course["package"]).pk
        == second_id
    )


def test_only_package_lessons_take_packages(
    course: dict[str, Any], staff: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    client = APIClient()
    client.force_authenticate(staff["author"])

    response = client.post(
        f"/api/v1/authoring/courses/fire-safety/lessons/{course['text']}/package",
        {"file": SimpleUploadedFile("p.zip", build_scorm12_package())},
        format="multipart",
    )

    assert response.status_code == 404
    assert ElearningPackage.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "post_status", "get_status"),
    [
        (None, 401, 401),
        ("learner", 404, 404),
        ("outsider", 404, 404),
        ("reviewer", 403, 200),
        ("author", 202, 200),
    ],
)
def test_who_may_upload_and_read_a_package(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Any,
    who: str | None,
    post_status: int,
    get_status: int,
) -> None:
    _accept_without_storing(course, staff, build_scorm12_package(), None)  # type: ignore[arg-type]
    client = APIClient()
    if who:
        client.force_authenticate(staff[who])
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            package_url(course),
            {"file": SimpleUploadedFile("p.zip", build_scorm12_package())},
            format="multipart",
        )
    read = client.get(package_url(course))

    assert (posted.status_code, read.status_code) == (post_status, get_status)
    assert ElearningPackage.objects.count() == (2 if post_status == 202 else 1)
