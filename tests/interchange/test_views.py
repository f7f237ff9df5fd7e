"""The interchange API: upload, analysis in the background, report, confirm, export."""

import io
import zipfile
from typing import Any

import pytest
from django.core.files import File
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.core.handlers.wsgi import LimitedStream
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate

from accounts.models import Organization, User
from courses.models import Course
from interchange import api as interchange_api
from interchange.models import CourseImport
from interchange.views import CourseImportsView
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.interchange import cartridges, olx_exports

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def institution() -> Organization:
    return OrganizationFactory(slug="rhine", kind="institution")


@pytest.fixture
def author(institution: Organization) -> User:
    return MembershipFactory(organization=institution, role="author").user


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _upload(client: APIClient, content: bytes) -> Any:
    upload = io.BytesIO(content)
    upload.name = "robot-cells.imscc"
    return client.post(
        "/api/v1/authoring/interchange/imports",
        {"file": upload, "organisation": "rhine"},
        format="multipart",
    )


def test_an_author_uploads_reads_the_report_confirms_and_gets_a_draft(
    author: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(author)
    with django_capture_on_commit_callbacks() as queued:
        response = _upload(client, cartridges.zipped(cartridges.every_kind()))
    assert response.status_code == 202
    import_id = response.json()["id"]
    assert (response.json()["state"], len(queued)) == ("queued", 1)

    interchange_api.analyse_course_import(import_id=import_id)  # the task's run
    interchange_api.analyse_course_import(import_id=import_id)  # delivered twice: no change

    status = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert status["state"] == "ready"
    assert (status["stage"], status["items_done"], status["items_total"]) == ("validating", 0, 1)
    assert status["report"]["course"] == {"slug": "robot-cells", "title": "Robot Cells"}
    assert status["report"]["counts"]["placeholder"]["not_imported"] == 2
    assert Course.objects.count() == 0  # nothing written before the author confirms

    with django_capture_on_commit_callbacks() as queued:
        confirmed = client.post(f"/api/v1/authoring/interchange/imports/{import_id}/confirm")
    assert (confirmed.status_code, confirmed.json()["state"], len(queued)) == (202, "importing", 1)
    interchange_api.write_course_import(import_id=import_id, user_id=author.pk)
    interchange_api.write_course_import(import_id=import_id, user_id=author.pk)

    done = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert (done["state"], done["course_slug"], done["version_number"]) == (
        "imported",
        "robot-cells",
        1,
    )
    course = Course.objects.get()
    assert course.versions.get().state == "draft"
    assert author in course.versions.get().editors.all()
    again = client.post(f"/api/v1/authoring/interchange/imports/{import_id}/confirm")
    assert again.status_code == 400


def test_an_olx_export_goes_the_same_way_as_a_cartridge(
    author: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(author)
    with django_capture_on_commit_callbacks():
        response = _upload(client, olx_exports.tarball(olx_exports.every_kind()))
    import_id = response.json()["id"]
    assert (response.status_code, response.json()["format"]) == (202, "olx")

    interchange_api.analyse_course_import(import_id=import_id)
    status = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert (status["state"], status["report"]["format"]) == ("ready", "olx")
    assert status["report"]["counts"]["placeholder"]["not_imported"] == 5
    with django_capture_on_commit_callbacks():
        client.post(f"/api/v1/authoring/interchange/imports/{import_id}/confirm")
    interchange_api.write_course_import(import_id=import_id, user_id=author.pk)

    done = client.get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    assert (done["state"], done["course_slug"]) == ("imported", "robot-cells")
    assert Course.objects.get().versions.get().modules.count() == 3


def test_a_refused_cartridge_fails_with_its_report_and_writes_nothing(author: User) -> None:
    files = cartridges.every_kind()
    files["../../evil"] = b"x"
    response = _upload(_client(author), cartridges.zipped(files))

    interchange_api.analyse_course_import(import_id=response.json()["id"])

    job = CourseImport.objects.get()
    assert job.state == "failed"
    assert job.report["items"][0]["reason"] == "Refused by the archive checks: unsafe_path."
    assert Course.objects.count() == 0


def test_an_upload_over_the_limit_is_refused(author: User, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 100

    response = _upload(_client(author), cartridges.zipped(cartridges.every_kind()))

    assert response.status_code == 413
    assert CourseImport.objects.count() == 0


class _CountingStream(io.RawIOBase):
    """A request body that counts the bytes the server read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.source, self.read_bytes = io.BytesIO(data), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.source.read(len(buffer))
        buffer[: len(chunk)] = chunk
        self.read_bytes += len(chunk)
        return len(chunk)


def test_an_upload_declared_over_the_limit_is_refused_before_its_body_is_read(
    author: User, settings: Any
) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("large.imscc", b"PK\x03\x04" + b"x" * (3 * 1024 * 1024))
    request = APIRequestFactory().post(
        "/api/v1/authoring/interchange/imports",
        {"file": upload, "organisation": "rhine"},
        format="multipart",
    )
    body = _CountingStream(request.read())
    request._stream = LimitedStream(body, int(request.META["CONTENT_LENGTH"]))
    force_authenticate(request, user=author)

    response = CourseImportsView.as_view()(request)

    assert (response.status_code, body.read_bytes) == (413, 0)
    assert CourseImport.objects.count() == 0


def test_a_large_upload_is_spooled_to_a_temporary_file_not_memory(
    author: User, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, 2.5 MB
    content = cartridges.zipped(cartridges.every_kind())
    upload = io.BytesIO(content + b"\0" * (4 * 1024 * 1024))  # a zip ignores what trails it
    upload.name = "robot-cells.imscc"
    seen: list[type] = []
    original = interchange_api.start_course_import

    def start(**kwargs: Any) -> Any:
        seen.append(type(kwargs["file"]))
        return original(**kwargs)

    with django_capture_on_commit_callbacks(), pytest.MonkeyPatch.context() as patch:
        patch.setattr("interchange.views.interchange_api.start_course_import", start)
        response = _client(author).post(
            "/api/v1/authoring/interchange/imports",
            {"file": upload, "organisation": "rhine"},
            format="multipart",
        )

    assert (response.status_code, seen) == (202, [TemporaryUploadedFile])
    assert CourseImport.objects.get().size == len(content) + 4 * 1024 * 1024


def test_another_institutions_author_sees_nothing(author: User) -> None:
    response = _upload(_client(author), cartridges.zipped(cartridges.every_kind()))
    outsider = MembershipFactory(organization=OrganizationFactory(), role="author").user

    answer = _client(outsider).get(f"/api/v1/authoring/interchange/imports/{response.json()['id']}")

    assert answer.status_code == 404


def test_staff_export_a_version_as_a_cartridge(author: User) -> None:
    interchange_api.import_common_cartridge(
        data=cartridges.zipped(cartridges.every_kind()), organisation="rhine", user=author
    )

    response = _client(author).get("/api/v1/authoring/courses/robot-cells/cartridge?version=1")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="robot-cells-v1.imscc"'
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "imsmanifest.xml" in archive.namelist()
    stranger = _client(UserFactory())
    assert stranger.get("/api/v1/authoring/courses/robot-cells/cartridge").status_code == 404


def test_the_report_is_the_named_component_of_the_schema(
    institution: Organization, openapi_schema: dict[str, Any]
) -> None:
    from interchange.serializers import FidelityReportSerializer

    report = interchange_api.import_common_cartridge(
        data=cartridges.zipped(cartridges.every_kind()), organisation="rhine", user=None
    ).report

    component = openapi_schema["components"]["schemas"]["FidelityReport"]
    assert set(component["properties"]) == {"format", "course", "counts", "items"}
    assert set(component["required"]) == {"format", "course", "counts", "items"}
    item = openapi_schema["components"]["schemas"]["ReportItem"]
    assert set(item["properties"]) == {"kind", "title", "source", "status", "reason"}
    serializer = FidelityReportSerializer(data=report)
    assert serializer.is_valid(), serializer.errors
    assert FidelityReportSerializer(report).data == report


def test_a_storage_failure_puts_the_analysis_back_in_the_queue(
    author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    response = _upload(_client(author), cartridges.zipped(cartridges.every_kind()))
    import_id = response.json()["id"]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("storage down")

    def remote(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("a remote storage has no local paths")

    # A remote storage (no local path) that is down.
    storage = storages["packages"]
    monkeypatch.setattr(storage, "path", remote)
    monkeypatch.setattr(storage, "open", broken)
    with pytest.raises(OSError, match="storage down"):
        interchange_api.analyse_course_import(import_id=import_id)
    assert CourseImport.objects.get().state == "queued"
    monkeypatch.undo()

    interchange_api.analyse_course_import(import_id=import_id)

    assert CourseImport.objects.get().state == "ready"


def test_an_upload_in_a_remote_storage_is_analysed_from_a_local_copy(
    author: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    response = _upload(_client(author), cartridges.zipped(cartridges.every_kind()))
    import_id = response.json()["id"]

    def remote(*args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("a remote storage has no local paths")

    storage = storages["packages"]
    local_path = storage.path

    def remote_open(name: str, mode: str = "rb") -> File:
        return File(open(local_path(name), mode))

    monkeypatch.setattr(storage, "path", remote)
    monkeypatch.setattr(storage, "open", remote_open)
    interchange_api.analyse_course_import(import_id=import_id)

    job = CourseImport.objects.get()
    assert (job.state, job.report["course"]["title"]) == ("ready", "Robot Cells")


def test_an_unexpected_error_in_the_analysis_fails_the_import_instead_of_leaving_it_analysing(
    author: User, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    response = _upload(_client(author), cartridges.zipped(cartridges.every_kind()))
    import_id = response.json()["id"]

    def buggy(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("a reader's bug")

    monkeypatch.setattr("interchange.importing.analyse_course", buggy)
    interchange_api.analyse_course_import(import_id=import_id)

    job = CourseImport.objects.get()
    assert job.state == "failed"
    (item,) = job.report["items"]
    assert (item["kind"], item["status"]) == ("archive", "not_imported")
    assert "error on the platform's side" in item["reason"]
    assert "the analysis failed unexpectedly" in caplog.text
    status = _client(author).get(f"/api/v1/authoring/interchange/imports/{import_id}").json()
    contract = ("kind", "title", "source", "status", "reason")
    stored = [{key: item[key] for key in contract} for item in job.report["items"]]
    assert (status["state"], status["report"]["items"]) == ("failed", stored)
