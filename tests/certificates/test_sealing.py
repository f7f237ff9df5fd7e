"""PAdES seals and the attached credential, checked with pyHanko and poppler (no database)."""

import datetime
import io
import json
import random
import re
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfSigningSession

from certificates import sealing
from certificates.rendering import render_certificate_pdf
from certificates.seal_keys import write_development_keys
from certificates.sealing import DocumentSigner, SealReport
from tests.certificates.test_rendering import make_document
from tests.conftest import need_service

CREDENTIAL = json.dumps(
    {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Predictive Maintenance with Industrial IoT — 预测性维护",
        "proof": {"proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk"},
    },
    ensure_ascii=False,
).encode()
FORGED_CREDENTIAL = CREDENTIAL.replace(b"Predictive", b"Advanced Predictive")


# --- fixtures and helpers -------------------------------------------------------------------


@cache
def signer_in(directory: Path) -> DocumentSigner:
    """A throwaway CA and document-signing certificate, made by the code the command uses."""
    keys = write_development_keys(directory, organisation=f"Test {directory.name}")
    return sealing.load_document_signer(
        key_file=keys.seal_key_file, cert_file=keys.seal_cert_file, chain_file=keys.ca_cert_file
    )


@pytest.fixture(scope="module")
def signer(tmp_path_factory: pytest.TempPathFactory) -> DocumentSigner:
    return signer_in(tmp_path_factory.mktemp("ours"))


@pytest.fixture(scope="module")
def foreign_signer(tmp_path_factory: pytest.TempPathFactory) -> DocumentSigner:
    return signer_in(tmp_path_factory.mktemp("foreign"))


@pytest.fixture(scope="module")
def unsealed() -> bytes:
    return render_certificate_pdf(make_document(), credential=CREDENTIAL)


@pytest.fixture(scope="module")
def sealed(unsealed: bytes, signer: DocumentSigner) -> bytes:
    return sealing.seal_pdf(unsealed, signer=signer)


def run_poppler(tool: str, pdf: bytes, tmp_path: Path, *arguments: str) -> str:
    need_service(f"poppler's {tool}", shutil.which(tool) is not None)
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, *arguments, str(path)], capture_output=True, text=True, check=False, cwd=tmp_path
    ).stdout


def failed(reason: str, *, is_present: bool = False) -> SealReport:
    return SealReport(
        is_present=is_present,
        is_intact=False,
        covers_whole_document=False,
        is_trusted=False,
        signer_subject="",
        signed_at=None,
        failure_reason=reason,
    )


def append_update(pdf: bytes, change: object) -> bytes:
    """An incremental update, as an attacker with any PDF library would append one."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)  # type: ignore[operator]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def replace_credential(writer: IncrementalPdfFileWriter) -> None:
    file_specification = writer.root["/Names"]["/EmbeddedFiles"]["/Names"][1]
    forged = generic.StreamObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile"),
            generic.NameObject("/Subtype"): generic.NameObject("/application#2fjson"),
        },
        stream_data=FORGED_CREDENTIAL,
    )
    file_specification["/EF"]["/F"] = writer.add_object(forged)
    writer.update_container(file_specification)


def change_title(writer: IncrementalPdfFileWriter) -> None:
    writer.set_info(generic.DictionaryObject({"/Title": generic.TextStringObject("Edited")}))


# --- sealing --------------------------------------------------------------------------------


def test_pdfsig_finds_the_seal_valid_and_covering_the_whole_document(
    sealed: bytes, tmp_path: Path
) -> None:
    # given a rendered certificate with its credential, sealed
    # when poppler's pdfsig (NSS) checks it
    output = run_poppler("pdfsig", sealed, tmp_path)

    # then the signature is valid, PAdES, by our certificate, over the whole file
    assert "Signature #1:" in output
    assert "Signature #2:" not in output
    assert "  - Signature Field Name: ICIMAcademySeal\n" in output
    assert "  - Signer Certificate Common Name: Test ours0 Certificate Seal\n" in output
    assert "  - Signature Type: ETSI.CAdES.detached\n" in output
    assert "  - Total document signed\n" in output
    assert "  - Signature Validation: Signature is Valid.\n" in output


def test_sealing_keeps_the_rendered_pdf_byte_for_byte_and_appends_the_seal(
    unsealed: bytes, sealed: bytes
) -> None:
    assert sealed.startswith(unsealed)
    assert len(sealed) > len(unsealed)


def test_the_seal_is_invisible_printable_and_carries_reason_and_location(sealed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(sealed))
    field = reader.root["/AcroForm"]["/Fields"][0]
    signature = field["/V"]

    assert field["/T"] == "ICIMAcademySeal"
    assert [float(value) for value in field["/Rect"]] == [0, 0, 0, 0]
    assert field["/F"] == 0b10000100  # print (PDF/A) and locked; never hidden
    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature["/Reason"] == "ICIM Academy certificate seal"
    assert signature["/Location"] == "ICIM Academy"


# --- the credential -------------------------------------------------------------------------


def test_pdfdetach_extracts_the_credential_byte_for_byte(sealed: bytes, tmp_path: Path) -> None:
    listing = run_poppler("pdfdetach", sealed, tmp_path, "-list")
    run_poppler("pdfdetach", sealed, tmp_path, "-saveall", "-o", str(tmp_path))

    assert listing == "1 embedded files\n1: credential.json\n"
    assert (tmp_path / "credential.json").read_bytes() == CREDENTIAL


def test_extract_credential_returns_the_attached_bytes(sealed: bytes, unsealed: bytes) -> None:
    assert sealing.extract_credential(sealed) == CREDENTIAL
    assert sealing.extract_credential(unsealed) == CREDENTIAL


def test_a_pdf_without_a_credential_has_none() -> None:
    assert sealing.extract_credential(render_certificate_pdf(make_document())) is None


def test_the_credential_is_an_associated_file_of_the_document(unsealed: bytes) -> None:
    # PDF/A-3 (6.8): every embedded file is listed in the catalog's /AF, with a relationship,
    # a MIME type and modification date.
    reader = PdfFileReader(io.BytesIO(unsealed))
    associated_files = reader.root["/AF"]
    file_specification = associated_files[0]
    stream = file_specification["/EF"]["/F"]

    assert len(associated_files) == 1
    assert file_specification["/UF"] == "credential.json"
    assert file_specification["/Desc"] == "Open Badges 3.0 credential"
    assert file_specification["/AFRelationship"] == "/Data"
    assert stream["/Subtype"] == "/application/json"
    assert stream["/Params"]["/ModDate"] == "D:20261124000000Z"
    assert stream["/Params"]["/Size"] == len(CREDENTIAL)


def test_the_pdf_declares_pdf_a_3b(unsealed: bytes, sealed: bytes, tmp_path: Path) -> None:
    for pdf in (unsealed, sealed):
        metadata = run_poppler("pdfinfo", pdf, tmp_path, "-meta")

        assert 'pdfaid:part="3"' in metadata
        assert 'pdfaid:conformance="B"' in metadata
    reader = PdfFileReader(io.BytesIO(unsealed))
    assert reader.root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


def test_the_sealed_pdf_stays_pdf_1_7_with_consistent_metadata(
    sealed: bytes, tmp_path: Path
) -> None:
    # PDF/A-3 is PDF 1.7, and its document information must agree with its XMP metadata
    info = run_poppler("pdfinfo", sealed, tmp_path)
    metadata = run_poppler("pdfinfo", sealed, tmp_path, "-meta")
    reader = PdfFileReader(io.BytesIO(sealed))

    assert "PDF version:     1.7\n" in info
    assert "/Version" not in reader.root
    assert list(reader.root["/Extensions"]) == ["/ESIC"]
    producer = re.search(r"^Producer:\s+(.*)$", info, re.MULTILINE)
    assert producer is not None
    assert f'pdf:Producer="{producer.group(1)}"' in metadata


def test_rendering_with_a_credential_is_deterministic(unsealed: bytes) -> None:
    assert render_certificate_pdf(make_document(), credential=CREDENTIAL) == unsealed


def test_another_credential_gives_another_pdf(unsealed: bytes) -> None:
    assert render_certificate_pdf(make_document(), credential=FORGED_CREDENTIAL) != unsealed


# --- inspecting the seal --------------------------------------------------------------------


def test_seals_after_the_first_make_no_dry_run_and_stay_valid(
    unsealed: bytes, signer: DocumentSigner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the key's room for a seal known from an earlier seal
    sealing.seal_pdf(unsealed, signer=signer)

    async def no_dry_run(*arguments: object, **options: object) -> int:
        raise AssertionError("pyHanko estimated the signature's size again")

    monkeypatch.setattr(PdfSigningSession, "estimate_signature_container_size", no_dry_run)

    # when more certificates are sealed with it
    seals = [sealing.seal_pdf(unsealed, signer=signer) for _seal in range(3)]

    # then each seal is valid and covers the whole file
    reports = [sealing.inspect_seal(sealed, trusted_roots=signer.chain) for sealed in seals]
    assert [(report.is_valid, report.covers_whole_document) for report in reports] == [
        (True, True)
    ] * 3


def test_a_sealed_certificate_is_intact_whole_and_trusted(
    sealed: bytes, signer: DocumentSigner
) -> None:
    before = datetime.datetime.now(tz=datetime.UTC)

    report = sealing.inspect_seal(sealed, trusted_roots=signer.chain)

    assert report == SealReport(
        is_present=True,
        is_intact=True,
        covers_whole_document=True,
        is_trusted=True,
        signer_subject="Common Name: Test ours0 Certificate Seal, Organization: Test ours0",
        signed_at=report.signed_at,
        failure_reason="",
        sealed_credential=CREDENTIAL,
    )
    assert report.is_valid
    assert report.signed_at is not None
    assert before - datetime.timedelta(minutes=10) < report.signed_at <= before


def test_one_byte_altered_after_sealing_breaks_the_seal(
    sealed: bytes, signer: DocumentSigner
) -> None:
    # given one bit flipped inside the first stream of the rendered PDF (the colour profile),
    # which the seal covers and which a reader parses only when it draws the page
    altered = bytearray(sealed)
    altered[sealed.index(b"stream\n") + 100] ^= 0x01
    altered = bytes(altered)

    report = sealing.inspect_seal(altered, trusted_roots=signer.chain)

    assert report == replace(
        report,
        is_present=True,
        is_intact=False,
        failure_reason=sealing.SEAL_BROKEN,
    )
    assert not report.is_valid


@pytest.mark.parametrize("offset", [0.25, 0.5, 0.75])
def test_a_byte_flipped_anywhere_in_the_rendered_part_breaks_the_seal(
    sealed: bytes, unsealed: bytes, signer: DocumentSigner, offset: float
) -> None:
    position = int(len(unsealed) * offset)
    altered = bytearray(sealed)
    altered[position] ^= 0x01

    report = sealing.inspect_seal(bytes(altered), trusted_roots=signer.chain)

    assert report.failure_reason in {sealing.SEAL_BROKEN, sealing.UNREADABLE_PDF}
    assert not report.is_valid


def test_a_credential_swapped_in_a_later_update_is_detected(
    sealed: bytes, signer: DocumentSigner
) -> None:
    # given an attacker appends an update that replaces the attached credential
    forged = append_update(sealed, replace_credential)
    assert sealing.extract_credential(forged) == FORGED_CREDENTIAL  # what a viewer would see

    report = sealing.inspect_seal(forged, trusted_roots=signer.chain)

    # then the seal is still intact over what it covered, but no longer covers the file
    assert report == replace(
        report,
        is_present=True,
        is_intact=True,
        covers_whole_document=False,
        is_trusted=True,
        failure_reason=sealing.CREDENTIAL_REPLACED,
        sealed_credential=CREDENTIAL,
    )
    assert not report.is_valid


def test_any_update_after_sealing_is_detected(sealed: bytes, signer: DocumentSigner) -> None:
    updated = append_update(sealed, change_title)

    report = sealing.inspect_seal(updated, trusted_roots=signer.chain)

    assert report == replace(
        report,
        is_intact=True,
        covers_whole_document=False,
        failure_reason=sealing.UPDATED_AFTER_SEALING,
        sealed_credential=CREDENTIAL,
    )


def test_an_unsealed_pdf_has_no_seal(unsealed: bytes, signer: DocumentSigner) -> None:
    assert sealing.inspect_seal(unsealed, trusted_roots=signer.chain) == failed(sealing.NOT_SEALED)


def test_a_seal_by_another_ca_is_not_trusted(
    unsealed: bytes, signer: DocumentSigner, foreign_signer: DocumentSigner
) -> None:
    foreign = sealing.seal_pdf(unsealed, signer=foreign_signer)

    report = sealing.inspect_seal(foreign, trusted_roots=signer.chain)

    assert report == replace(
        report,
        is_present=True,
        is_intact=True,
        covers_whole_document=True,
        is_trusted=False,
        signer_subject="Common Name: Test foreign0 Certificate Seal, Organization: Test foreign0",
        failure_reason=sealing.SEAL_UNTRUSTED,
        sealed_credential=CREDENTIAL,
    )


def truncated(pdf: bytes, fraction: float) -> bytes:
    return pdf[: int(len(pdf) * fraction)]


@pytest.mark.parametrize(
    ("make_input", "reason"),
    [
        pytest.param(lambda pdf: b"", sealing.NOT_A_PDF, id="empty"),
        pytest.param(
            lambda pdf: random.Random(7).randbytes(50_000), sealing.NOT_A_PDF, id="random-bytes"
        ),
        pytest.param(
            lambda pdf: b"%PDF-1.7\n" + b"\x00" * 100, sealing.UNREADABLE_PDF, id="header-only"
        ),
        pytest.param(lambda pdf: truncated(pdf, 0.5), sealing.UNREADABLE_PDF, id="half"),
        pytest.param(lambda pdf: truncated(pdf, 0.99), sealing.UNREADABLE_PDF, id="tail-cut"),
    ],
)
def test_garbage_gets_a_reason_never_an_exception(
    sealed: bytes, signer: DocumentSigner, make_input: object, reason: str
) -> None:
    garbage = make_input(sealed)  # type: ignore[operator]

    assert sealing.inspect_seal(garbage, trusted_roots=signer.chain) == failed(reason)
    assert sealing.extract_credential(garbage) is None


def test_random_corruption_never_raises(sealed: bytes, signer: DocumentSigner) -> None:
    # given many copies of the sealed PDF with a few random bytes overwritten
    generator = random.Random(20261124)
    for _ in range(200):
        corrupted = bytearray(sealed)
        for _ in range(generator.randint(1, 8)):
            corrupted[generator.randrange(len(corrupted))] = generator.randrange(256)

        # when inspected, then a report comes back (no exception), and a seal that still
        # holds (a byte in the unsigned signature padding, say) vouches for the true credential
        report = sealing.inspect_seal(bytes(corrupted), trusted_roots=signer.chain)
        credential = sealing.extract_credential(bytes(corrupted))
        if report.is_valid:
            assert report.sealed_credential == credential == CREDENTIAL


def test_the_failure_reasons_are_sentences() -> None:
    reasons = [
        sealing.NOT_A_PDF,
        sealing.UNREADABLE_PDF,
        sealing.NOT_SEALED,
        sealing.SEAL_BROKEN,
        sealing.CREDENTIAL_REPLACED,
        sealing.UPDATED_AFTER_SEALING,
        sealing.SEAL_UNTRUSTED,
    ]
    assert all(re.fullmatch(r"[A-Z].*\.", reason) for reason in reasons)
    assert len(set(reasons)) == len(reasons)
