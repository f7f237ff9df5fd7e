"""Hostile files: a decompression bomb inside a genuinely sealed certificate PDF, polyglot
uploads, and the one view every stored upload is downloaded through.

Memory is read from /proc/self/status: VmHWM (the peak resident set) is reset through
/proc/self/clear_refs before the request, so the figure is the most the request ever held, not
what was left once it returned.
"""

import io
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from rest_framework.test import APIClient

from certificates import api as certificates_api
from certificates import sealing
from certificates.seal_keys import get_trusted_seal_roots
from config.views import DOWNLOAD_POLICY
from courses.models import Lesson, Resource
from courses.outline import cached_outline
from tests.security.conftest import World

pytestmark = pytest.mark.usefixtures("_no_throttling")

MiB = 1024 * 1024
BOMB_DECODED_BYTES = 255 * MiB


def _flate_bomb(decoded_size: int) -> bytes:
    """Zeros compressed a megabyte at a time, so building the bomb never holds it decoded."""
    compressor = zlib.compressobj(9)
    chunk = bytes(MiB)
    parts = [compressor.compress(chunk) for _ in range(decoded_size // MiB)]
    parts.append(compressor.compress(bytes(decoded_size % MiB)))
    parts.append(compressor.flush())
    return b"".join(parts)


def _with_bomb_as_credential(
    sealed_pdf: bytes, *, decoded_size: int = BOMB_DECODED_BYTES, is_compressed: bool = True
) -> bytes:
    """The sealed PDF plus an incremental update whose credential.json is the bomb."""
    writer = IncrementalPdfFileWriter(io.BytesIO(sealed_pdf), strict=False)
    file_specification = writer.root["/Names"]["/EmbeddedFiles"]["/Names"][1]
    entries = {
        generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile"),
        generic.NameObject("/Subtype"): generic.NameObject("/application#2fjson"),
    }
    if is_compressed:
        entries[generic.NameObject("/Filter")] = generic.NameObject("/FlateDecode")
        bomb = generic.StreamObject(entries, encoded_data=_flate_bomb(decoded_size))
    else:
        bomb = generic.StreamObject(entries, encoded_data=bytes(decoded_size))
    file_specification["/EF"]["/F"] = writer.add_object(bomb)
    writer.update_container(file_specification)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"{field} is not in /proc/self/status")


def test_a_flate_bomb_in_a_sealed_certificate_is_refused_without_inflating_the_process(
    world: World,
) -> None:
    # given a genuinely sealed certificate with a 255 MiB credential appended as a small upload
    sealed_pdf = certificates_api.read_pdf(certificate=world.certificate)
    hostile = _with_bomb_as_credential(sealed_pdf)
    assert len(hostile) < 400 * 1024
    client = APIClient()
    client.post(  # the first verification loads code and keys, which is not the bomb's doing
        "/api/v1/verify", {"file": _named("c.pdf", sealed_pdf)}, format="multipart"
    )
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    before_kib = _status_kib("VmRSS")

    # when it is uploaded for verification
    response = client.post("/api/v1/verify", {"file": _named("c.pdf", hostile)}, format="multipart")

    # then it is refused, and the process never held the decoded stream
    peak_growth_mib = (_status_kib("VmHWM") - before_kib) / 1024
    assert response.status_code == 400, response.content[:500]
    detail = (
        "The PDF holds more data than a certificate can: a stream in it decodes to more than "
        "the limit. It was not read."
    )
    assert response.json() == {
        "detail": detail,
        "code": "pdf_too_large",
        "fields": {"non_field_errors": [detail]},
    }
    assert peak_growth_mib < 50, f"the process grew by {peak_growth_mib:.0f} MiB"


def _named(name: str, content: bytes) -> io.BytesIO:
    upload = io.BytesIO(content)
    upload.name = name
    return upload


@pytest.mark.parametrize(
    ("decoded_size", "is_compressed"),
    [(sealing.CREDENTIAL_MAX_BYTES + 1, True), (sealing.CREDENTIAL_MAX_BYTES + 1, False)],
    ids=["compressed", "stored"],
)
def test_a_credential_one_byte_over_its_limit_is_not_read(
    world: World, decoded_size: int, is_compressed: bool
) -> None:
    sealed_pdf = certificates_api.read_pdf(certificate=world.certificate)
    hostile = _with_bomb_as_credential(
        sealed_pdf, decoded_size=decoded_size, is_compressed=is_compressed
    )

    report = sealing.inspect_seal(hostile, trusted_roots=get_trusted_seal_roots())

    assert (report.failure_reason, report.exceeds_decode_limit, report.is_present) == (
        sealing.DECODE_LIMIT_EXCEEDED,
        True,
        True,
    )
    assert sealing.extract_credential(hostile) is None


def test_a_credential_at_its_limit_is_read_and_judged_on_the_seal(world: World) -> None:
    sealed_pdf = certificates_api.read_pdf(certificate=world.certificate)
    replaced = _with_bomb_as_credential(sealed_pdf, decoded_size=sealing.CREDENTIAL_MAX_BYTES)

    report = sealing.inspect_seal(replaced, trusted_roots=get_trusted_seal_roots())

    assert (report.failure_reason, report.exceeds_decode_limit) == (
        sealing.CREDENTIAL_REPLACED,
        False,
    )
    assert sealing.extract_credential(replaced) == bytes(sealing.CREDENTIAL_MAX_BYTES)


# --- resource uploads and the one download view ------------------------------------------------

PDF = b"%PDF-1.7\n% a tiny but honest PDF header\n"
STORED_NAME = re.compile(r"^courses/resources/\d{4}/\d{2}/[0-9a-f]{32}\.(pdf|png)$")


def _upload_resource(world: World, name: str, content: bytes) -> Any:
    client = APIClient()
    client.force_login(world.users["author"])
    return client.post(
        f"/api/v1/authoring/courses/{world.course_slug}/resources",
        {"file": _named(name, content)},
        format="multipart",
    )


def _offer_in_a_lesson(world: World, resource_id: int) -> str:
    """Make the published version's text lesson offer the resource; its key."""
    lesson = Lesson.objects.get(key=world.lesson_key)
    lesson.kind = Lesson.Kind.RESOURCE
    lesson.resource_id = resource_id
    lesson.save(update_fields=["kind", "resource"])
    cached_outline.cache_clear()
    return str(lesson.key)


def test_a_polyglot_named_html_is_refused_and_nothing_is_stored(world: World) -> None:
    response = _upload_resource(
        world, "polyglot.html", b"%PDF-1.4\n<script>alert(document.cookie)</script>"
    )

    assert response.status_code == 400, response.content[:500]
    assert response.json()["code"] == "unsupported_type"
    assert not Resource.objects.exists()


def test_an_accepted_upload_is_stored_under_a_name_the_server_chose(world: World) -> None:
    response = _upload_resource(world, "../../Wiring guide.pdf", PDF)

    assert response.status_code == 201, response.content[:500]
    resource = Resource.objects.get()
    assert STORED_NAME.match(resource.file.name), resource.file.name
    assert (resource.filename, resource.content_type) == ("Wiring guide.pdf", "application/pdf")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("learner", 200),  # completed the course
        ("other_learner", 200),  # enrolled, studying
        ("author", 200),  # staff of the owning institution
        ("verifier", 404),  # signed in, never enrolled
        ("outsider", 404),  # staff of another institution
        ("anonymous", 404),
    ],
)
def test_a_resource_downloads_through_the_one_view_for_those_with_access_only(
    world: World, who: str, status: int
) -> None:
    resource_id = _upload_resource(world, "wiring.pdf", PDF).json()["id"]
    lesson_key = _offer_in_a_lesson(world, resource_id)
    learner = APIClient()
    learner.force_login(world.users["learner"])
    content = learner.get(f"/api/v1/enrollments/{world.enrollment.pk}/lessons/{lesson_key}/")
    url = content.json()["resource"]["url"]
    client = APIClient()
    if who != "anonymous":
        client.force_login(world.users[who])

    response = client.get(url)

    assert url.startswith("/media/courses/resources/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="wiring.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == DOWNLOAD_POLICY
        assert response["Cache-Control"] == "private, max-age=0, must-revalidate"
    else:
        assert response.json() == {"detail": "Not found.", "code": "not_found"}


def test_images_are_shown_inline_and_still_sandboxed(world: World) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    resource_id = _upload_resource(world, "diagram.png", buffer.getvalue()).json()["id"]
    _offer_in_a_lesson(world, resource_id)
    client = APIClient()
    client.force_login(world.users["learner"])

    response = client.get(Resource.objects.get().file.url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="diagram.png"'
    assert response["Content-Security-Policy"] == DOWNLOAD_POLICY


def test_stored_files_no_opener_claims_are_not_served(world: World) -> None:
    # the certificate PDF is stored below MEDIA_ROOT too, but leaves only through its own API
    client = APIClient()
    client.force_login(world.users["learner"])

    response = client.get(world.certificate.pdf.url)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("who", "status"), [("admin", 200), ("author", 200), ("outsider", 404), ("anonymous", 404)]
)
def test_template_images_are_for_their_organisations_members(
    world: World, who: str, status: int
) -> None:
    template = certificates_api.update_certificate_template(
        user=world.users["admin"], organization_slug="rhine", changes={"logo": _png()}
    )
    client = APIClient()
    if who != "anonymous":
        client.force_login(world.users[who])

    response = client.get(template.logo.url)

    assert template.logo.url.startswith("/media/certificates/logos/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"] == 'inline; filename="logo.png"'
        assert response["Content-Security-Policy"] == DOWNLOAD_POLICY


def test_organisation_logos_are_public(world: World) -> None:
    from django.core.files.base import ContentFile

    from accounts.models import Organization

    organization = Organization.objects.get(slug="rhine")
    organization.logo.save("rhine.png", ContentFile(_png()))

    response = APIClient().get(organization.logo.url)

    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "image/png",
        'inline; filename="rhine-logo.png"',
    )
