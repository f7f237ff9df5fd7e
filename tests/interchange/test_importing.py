"""One import path for every format: the container opened once, the reader picked by content."""

import io
import tarfile
from typing import Any

import pytest

from accounts.models import Organization
from courses.models import Course
from interchange import api as interchange_api
from interchange import importing
from interchange.models import CourseImport
from tests.factories import MembershipFactory, OrganizationFactory
from tests.interchange import backups, cartridges, olx_exports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


def _plain_tar(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (cartridges.zipped(cartridges.every_kind()), "imscc"),
        (backups.tar_gz(cartridges.every_kind()), "imscc"),
        (backups.tar_gz(backups.every_kind()), "mbz"),
        (cartridges.zipped(backups.every_kind()), "mbz"),
        (olx_exports.tarball(olx_exports.every_kind()), "olx"),
        (olx_exports.tarball(olx_exports.every_kind(), top=""), "olx"),
        (cartridges.zipped({f"course/{n}": d for n, d in olx_exports.every_kind().items()}), "olx"),
        (_plain_tar(backups.every_kind()), "mbz"),
    ],
    ids=[
        "cartridge-zip",
        "cartridge-tar",
        "moodle-tar",
        "moodle-zip",
        "olx-tar-top-folder",
        "olx-tar-root",
        "olx-zip",
        "moodle-plain-tar",
    ],
)
def test_the_files_not_the_container_pick_the_reader(
    institution: Organization, data: bytes, expected: str
) -> None:
    result = interchange_api.import_course(data=data, organisation="rhine", user=None)

    assert result.report["format"] == expected
    assert result.report["course"]["slug"] == "robot-cells"
    assert result.version.course.slug == "robot-cells"


def test_an_archive_without_any_root_file_is_refused_naming_the_three(
    institution: Organization,
) -> None:
    files = {"readme.txt": b"a course?", "notes/a.html": b"<p>x</p>"}

    for data in (cartridges.zipped(files), backups.tar_gz(files)):
        with pytest.raises(interchange_api.ImportRefusedError) as refused:
            interchange_api.import_course(data=data, organisation="rhine", user=None)
        assert refused.value.report["items"] == [
            {
                "kind": "manifest",
                "title": "",
                "source": "$",
                "status": "not_imported",
                "reason": importing.UNKNOWN_FORMAT,
            }
        ]
    assert not Course.objects.exists()


def test_a_refused_tar_is_reported_in_the_format_its_names_show(
    institution: Organization,
) -> None:
    link = tarfile.TarInfo("course/static/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"

    with pytest.raises(interchange_api.ImportRefusedError) as refused:
        interchange_api.import_course(
            data=olx_exports.with_members(olx_exports.every_kind(), [link]),
            organisation="rhine",
            user=None,
        )

    assert refused.value.report["format"] == "olx"
    assert refused.value.report["items"][-1]["reason"] == "Refused by the archive checks: symlink."


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (b"PK\x03\x04", "course.imscc", "imscc"),
        (b"\x1f\x8b\x08", "backup-robot-cells.MBZ", "mbz"),
        (b"\x1f\x8b\x08", "course.tar.gz", "olx"),
        (b"Rar!", "course.mbz", "imscc"),
    ],
)
def test_the_upload_guess_comes_from_the_first_bytes_and_a_mbz_name(
    head: bytes, filename: str, expected: str
) -> None:
    assert importing.guess_format(head=head, filename=filename) == expected


def test_the_analysis_records_the_format_the_content_names(
    institution: Organization, django_capture_on_commit_callbacks: Any
) -> None:
    from rest_framework.test import APIClient

    author = MembershipFactory(organization=institution, role="author").user
    client = APIClient()
    client.force_login(author)
    # A Moodle backup under an OLX export's name: the upload guesses olx, the content says mbz.
    upload = io.BytesIO(backups.tar_gz(backups.every_kind()))
    upload.name = "robot-cells.tar.gz"
    with django_capture_on_commit_callbacks():
        response = client.post(
            "/api/v1/authoring/interchange/imports",
            {"file": upload, "organisation": "rhine"},
            format="multipart",
        )
    import_id = response.json()["id"]
    assert response.json()["format"] == "olx"

    interchange_api.analyse_course_import(import_id=import_id)

    ready = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert (ready["state"], ready["format"], ready["report"]["format"]) == ("ready", "mbz", "mbz")
    assert CourseImport.objects.get(pk=import_id).format == "mbz"
