"""Hostile files: a decompression bomb inside a genuinely sealed certificate PDF.

Memory is read from /proc/self/status: VmHWM (the peak resident set) is reset through
/proc/self/clear_refs before the request, so the figure is the most the request ever held, not
what was left once it returned.
"""

import io
import zlib
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from rest_framework.test import APIClient

from certificates import api as certificates_api
from certificates import sealing
from certificates.seal_keys import get_trusted_seal_roots
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
