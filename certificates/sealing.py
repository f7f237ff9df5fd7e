"""PAdES seals on certificate PDFs: seal a PDF, read back its credential, inspect its seal.

Pure (STYLE.md 8): bytes and key material in, bytes or a frozen report out; no database, no
settings, no network. The keys come from `certificates.seal_keys`. A seal is a PAdES baseline
B-B signature (ETSI EN 319 142-1) in an invisible signature field, appended as an incremental
update, so the rendered PDF/A-3b file stays byte for byte inside the signed range.

Reading untrusted uploads never raises: a damaged file, a missing or broken seal, a foreign
signer, bytes changed or appended after sealing all come back as a `SealReport` with a reason.
"""

from __future__ import annotations

import datetime
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import (
    DEFAULT_PURPOSE_LIMITS,
    DecodeLimits,
    DecodePurpose,
    DocumentDecodeBudget,
    StreamDecodeLimits,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as metadata_model
from pyhanko.pdf_utils.misc import PdfDecodeLimitError, PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import constants
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from certificates.rendering import CREDENTIAL_FILENAME

__all__ = [
    "CREDENTIAL_MAX_BYTES",
    "CREDENTIAL_REPLACED",
    "DECODE_LIMIT_EXCEEDED",
    "DOCUMENT_DECODED_MAX_BYTES",
    "NOT_A_PDF",
    "NOT_SEALED",
    "SEAL_BROKEN",
    "SEAL_FIELD_NAME",
    "SEAL_LOCATION",
    "SEAL_REASON",
    "SEAL_UNTRUSTED",
    "STREAM_DECODED_MAX_BYTES",
    "UNREADABLE_PDF",
    "UPDATED_AFTER_SEALING",
    "DocumentSigner",
    "SealReport",
    "extract_credential",
    "inspect_seal",
    "load_certificates",
    "load_document_signer",
    "seal_pdf",
]

SEAL_FIELD_NAME = "ICIMAcademySeal"
SEAL_REASON = "ICIM Academy certificate seal"
SEAL_LOCATION = "ICIM Academy"

# Why a seal check failed, in words an employer can act on (one per failure, most serious first).
NOT_A_PDF = "The file is not a PDF document."
UNREADABLE_PDF = "The PDF file is damaged and cannot be read."
NOT_SEALED = "The PDF carries no ICIM Academy seal."
SEAL_BROKEN = "The PDF was altered after it was sealed: the seal no longer matches its content."
CREDENTIAL_REPLACED = "The attached credential was replaced after the PDF was sealed."
UPDATED_AFTER_SEALING = "Content was added to the PDF after it was sealed."
SEAL_UNTRUSTED = "The seal was not made by an ICIM Academy document-signing certificate."
DECODE_LIMIT_EXCEEDED = "A stream in the PDF decodes to more data than a certificate holds."

_MiB = 1024 * 1024
# Decoding limits for PDFs read from uploads (README, Security). A compressed stream of a few
# hundred kilobytes can inflate to hundreds of megabytes (one Deflate layer alone reaches about
# 1000:1), and pyHanko's own default lets a single stream reach 256 MiB. Every stream is decoded
# incrementally and abandoned at its cap, so memory stays bounded whatever the file claims.
# The credential (a stream read with no more specific purpose) is a few kilobytes when we issue it.
CREDENTIAL_MAX_BYTES = 1 * _MiB
# Any other stream: cross-reference and object streams, XMP metadata, certificates in a DSS.
STREAM_DECODED_MAX_BYTES = 8 * _MiB
# All decoding done for one file together, counting a stream read again for an earlier revision.
DOCUMENT_DECODED_MAX_BYTES = 32 * _MiB
_UPLOAD_DECODE_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(max_output_size=STREAM_DECODED_MAX_BYTES),
    per_purpose={
        **DEFAULT_PURPOSE_LIMITS,
        DecodePurpose.GENERIC: StreamDecodeLimits(
            max_ratio=None, max_output_size=CREDENTIAL_MAX_BYTES
        ),
    },
    document_budget=DocumentDecodeBudget(base_allowance=DOCUMENT_DECODED_MAX_BYTES, max_ratio=0),
)

# ECDSA P-256 + SHA-256: what both pyHanko and poppler's pdfsig (NSS) verify; NSS in poppler
# 22.12 reports an Ed25519 CMS signature as "corrupted data".
_DIGEST_ALGORITHM = "sha256"
# A PDF header may follow up to 1 KiB of junk (ISO 32000-1, implementation note 13).
_HEADER_WINDOW = 1024

# What parsing a hostile or damaged file can raise: pyHanko's own PDF errors, and ValueError,
# which pyHanko (CMS structure, signature validation) and asn1crypto raise for malformed data.
# KeyError/TypeError/IndexError come from a well-formed object of an unexpected shape (a /Names
# that is not a dictionary, a /ByteRange of strings); RecursionError from reference loops;
# zlib.error from a corrupt compressed stream, which pyHanko lets through; AttributeError from
# pyHanko's cross-reference reader when a damaged table points at a dictionary where it expects
# a stream (found by tests/certificates/test_sealing.py's random corruption); NotImplementedError
# for a stream filter pyHanko does not decode (a damaged or exotic /Filter name); AssertionError
# because pyHanko asserts that an object stream is a stream (without -O; with it, the
# AttributeError above follows); ArithmeticError (decimal.InvalidOperation) for a malformed
# number.
_MALFORMED = (
    ArithmeticError,
    AssertionError,
    NotImplementedError,
    PdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    RecursionError,
    zlib.error,
)

PrivateKey = ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True, eq=False)
class DocumentSigner:
    """The key that seals certificate PDFs, its certificate, and the CA certificates above it
    (issuing CA first, root last). Compared by identity: one instance per loaded key."""

    private_key: PrivateKey = field(repr=False)
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]


@dataclass(frozen=True)
class SealReport:
    """What the seal of a PDF proves. `is_valid` is the bottom line; `failure_reason` says why
    not, in one sentence, and is empty when the seal is valid."""

    is_present: bool
    is_intact: bool
    covers_whole_document: bool
    is_trusted: bool
    signer_subject: str
    signed_at: datetime.datetime | None
    failure_reason: str
    # True when the file was abandoned at a decoding limit: not a verdict on the seal, a refusal.
    exceeds_decode_limit: bool = False
    # The credential in the revision the seal covers: the one to believe, whatever came after.
    sealed_credential: bytes | None = field(default=None, repr=False)

    @property
    def is_valid(self) -> bool:
        return not self.failure_reason


# --- key material -------------------------------------------------------------------------------


def load_certificates(path: str | Path) -> tuple[x509.Certificate, ...]:
    """Every certificate in a PEM file, in file order. Raises OSError or ValueError."""
    return tuple(x509.load_pem_x509_certificates(Path(path).read_bytes()))


def load_document_signer(
    *, key_file: str | Path, cert_file: str | Path, chain_file: str | Path
) -> DocumentSigner:
    """The document signer from PEM files: an unencrypted PKCS#8 private key, its certificate,
    and the CA certificates above it. Raises OSError when a file cannot be read, ValueError when
    one does not hold what it should or the key does not belong to the certificate."""
    private_key = serialization.load_pem_private_key(Path(key_file).read_bytes(), password=None)
    if not isinstance(private_key, PrivateKey):
        raise ValueError(f"{key_file}: unsupported key type {type(private_key).__name__}.")
    certificate = x509.load_pem_x509_certificate(Path(cert_file).read_bytes())
    if private_key.public_key() != certificate.public_key():
        raise ValueError(f"{key_file} is not the private key of the certificate in {cert_file}.")
    return DocumentSigner(
        private_key=private_key, certificate=certificate, chain=load_certificates(chain_file)
    )


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@lru_cache(maxsize=8)
def _pyhanko_signer(signer: DocumentSigner) -> signers.SimpleSigner:
    """pyHanko's signer for a document signer, built once per loaded key."""
    key_info = asn1_keys.PrivateKeyInfo.load(
        signer.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return signers.SimpleSigner(
        signing_cert=_asn1_certificate(signer.certificate),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_certificate(certificate) for certificate in signer.chain]
        ),
    )


# --- sealing ------------------------------------------------------------------------------------


def seal_pdf(pdf: bytes, *, signer: DocumentSigner) -> bytes:
    """The PDF with a PAdES B-B seal appended as an incremental update: the original bytes are
    kept unchanged at the start of the result, the seal covers the whole file, and its signature
    field is invisible (print flag set, as PDF/A requires of every annotation).

    Not byte-deterministic (pyHanko stamps the signing time and a fresh file identifier), so
    seal once and store the result. Raises PdfError or ValueError if `pdf` cannot be parsed,
    and pyHanko's SigningError if the key cannot sign.
    """
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    _keep_producer_consistent(writer)
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD_NAME,
        md_algorithm=_DIGEST_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=SEAL_REASON,
        location=SEAL_LOCATION,
    )
    output = io.BytesIO()
    _PdfA3Signer(
        metadata,
        signer=_pyhanko_signer(signer),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SEAL_FIELD_NAME),
    ).sign_pdf(writer, output=output)
    return output.getvalue()


class _PdfA3Signer(signers.PdfSigner):
    """pyHanko's signer, minus the ISO 32002 extension it declares for ECDSA keys: that
    declaration also raises the catalog's /Version to 2.0, which a PDF/A-3 file (PDF 1.7) must
    not claim. The ESIC extension that marks a PAdES signature in PDF 1.7 is kept."""

    def register_extensions(self, pdf_out: Any, *, md_algorithm: str) -> None:
        pdf_out.ensure_output_version(version=(1, 7))
        pdf_out.register_extension(constants.ESIC_EXTENSION_1)


def _keep_producer_consistent(writer: IncrementalPdfFileWriter) -> None:
    """PDF/A requires the document information to agree with the XMP metadata. pyHanko appends
    its name to the information's /Producer ("WeasyPrint 70.0; pyHanko 0.38.0") but writes its
    name alone into the XMP pdf:Producer; a /Producer that already names pyHanko alone is kept
    as it is, so both agree."""
    info = _get(writer.trailer, "/Info")
    if isinstance(info, generic.DictionaryObject):
        info["/Producer"] = generic.TextStringObject(metadata_model.VENDOR)
        writer.update_container(info)


# --- reading ------------------------------------------------------------------------------------


def extract_credential(pdf: bytes) -> bytes | None:
    """The bytes of the embedded file `credential.json` in the PDF as a reader sees it (its
    latest revision), or None when there is none or the file cannot be read. Never raises.

    This says nothing about authenticity: believe it only when `inspect_seal` finds the seal
    valid (it then equals `SealReport.sealed_credential`).
    """
    reader = _reader(pdf)
    if reader is None:
        return None
    try:
        return _credential_in(reader.root)
    except (PdfDecodeLimitError, *_MALFORMED):
        return None


def _reader(pdf: bytes) -> PdfFileReader | None:
    if not _looks_like_pdf(pdf):
        return None
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False, decode_limits=_UPLOAD_DECODE_LIMITS)
    except _MALFORMED:
        return None


def _looks_like_pdf(pdf: object) -> bool:
    return isinstance(pdf, bytes) and b"%PDF-" in pdf[:_HEADER_WINDOW]


def _credential_in(root: generic.DictionaryObject) -> bytes | None:
    """The credential file's decoded bytes, found in the catalog's EmbeddedFiles name tree."""
    names = _get(root, "/Names")
    if not isinstance(names, generic.DictionaryObject):
        return None
    tree = _get(names, "/EmbeddedFiles")
    if not isinstance(tree, generic.DictionaryObject):
        return None
    for name, file_specification in _name_tree_entries(tree, depth=0):
        if not isinstance(file_specification, generic.DictionaryObject):
            continue
        if CREDENTIAL_FILENAME not in {
            _text(name),
            _text(_get(file_specification, "/UF")),
            _text(_get(file_specification, "/F")),
        }:
            continue
        embedded_files = _get(file_specification, "/EF")
        if not isinstance(embedded_files, generic.DictionaryObject):
            continue
        stream = _get(embedded_files, "/UF") or _get(embedded_files, "/F")
        if isinstance(stream, generic.StreamObject):
            credential = bytes(stream.data)
            # The decoders stop at the cap; a stream stored without a filter is checked here.
            if len(credential) > CREDENTIAL_MAX_BYTES:
                raise PdfDecodeLimitError(DECODE_LIMIT_EXCEEDED)
            return credential
    return None


# A name tree is balanced and shallow; anything deeper than this is hostile.
_MAXIMUM_NAME_TREE_DEPTH = 16


def _name_tree_entries(node: generic.DictionaryObject, *, depth: int) -> list[tuple[Any, Any]]:
    """The (name, value) pairs of a name tree (ISO 32000-1, 7.9.6), leaves and kids alike."""
    if depth > _MAXIMUM_NAME_TREE_DEPTH:
        return []
    entries: list[tuple[Any, Any]] = []
    leaf = _get(node, "/Names")
    if isinstance(leaf, generic.ArrayObject):
        # Indexing resolves indirect references; iterating or slicing an ArrayObject does not.
        entries.extend((leaf[index], leaf[index + 1]) for index in range(0, len(leaf) - 1, 2))
    kids = _get(node, "/Kids")
    if isinstance(kids, generic.ArrayObject):
        for index in range(len(kids)):
            kid = kids[index]
            if isinstance(kid, generic.DictionaryObject):
                entries.extend(_name_tree_entries(kid, depth=depth + 1))
    return entries


def _get(dictionary: Any, key: str) -> Any:
    """The value under `key`, indirect references resolved (`.get` would return them raw)."""
    if key not in dictionary:
        return None
    return dictionary[key]


def _text(value: object) -> str | None:
    if isinstance(value, generic.TextStringObject):
        return str(value)
    if isinstance(value, generic.ByteStringObject):
        return bytes(value).decode("latin-1")
    return None


# --- inspecting ---------------------------------------------------------------------------------


def inspect_seal(pdf: bytes, *, trusted_roots: Sequence[x509.Certificate]) -> SealReport:
    """Check the PDF's seal: present, intact (the signed bytes are unchanged and the signature
    is the signer's), covering the whole file (nothing appended after sealing), and made by a
    certificate that chains to one of `trusted_roots`. Never raises: every failure is reported
    with a reason.

    The signer's certificate is validated at the signing time the seal itself states: only the
    holder of our key can produce a seal, so its stated time is as trustworthy as the seal, and
    certificates sealed years ago stay valid after the signing certificate expires. No
    revocation information is consulted (our development CA publishes none).
    """
    if not _looks_like_pdf(pdf):
        return _failure(NOT_A_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False, decode_limits=_UPLOAD_DECODE_LIMITS)
        signatures = reader.embedded_regular_signatures
    except PdfDecodeLimitError:
        return _failure(DECODE_LIMIT_EXCEEDED, exceeds_decode_limit=True)
    except _MALFORMED:
        return _failure(UNREADABLE_PDF)
    if not signatures:
        return _failure(NOT_SEALED)
    # The last seal is the one that can cover the whole file; anything before it is covered.
    return _inspect(reader, signatures[-1], trusted_roots)


def _inspect(
    reader: PdfFileReader,
    signature: EmbeddedPdfSignature,
    trusted_roots: Sequence[x509.Certificate],
) -> SealReport:
    try:
        signed_at = signature.self_reported_timestamp
        context = ValidationContext(
            trust_roots=[_asn1_certificate(root) for root in trusted_roots],
            moment=signed_at,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        # No difference analysis: a valid seal must cover the whole file, so there is no
        # later revision to judge.
        status = validate_pdf_signature(signature, context, skip_diff=True)
        sealed_credential = _credential_in(reader.get_historical_root(signature.signed_revision))
        current_credential = _credential_in(reader.root)
    except PdfDecodeLimitError:
        return _failure(DECODE_LIMIT_EXCEEDED, is_present=True, exceeds_decode_limit=True)
    except _MALFORMED:
        return _failure(SEAL_BROKEN, is_present=True)

    is_intact = bool(status.intact and status.valid)
    covers_whole_document = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    is_trusted = bool(status.trusted)
    if not is_intact:
        reason = SEAL_BROKEN
    elif sealed_credential != current_credential:
        reason = CREDENTIAL_REPLACED
    elif not covers_whole_document:
        reason = UPDATED_AFTER_SEALING
    elif not is_trusted:
        reason = SEAL_UNTRUSTED
    else:
        reason = ""
    return SealReport(
        is_present=True,
        is_intact=is_intact,
        covers_whole_document=covers_whole_document,
        is_trusted=is_trusted,
        signer_subject=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        failure_reason=reason,
        sealed_credential=sealed_credential,
    )


def _failure(
    reason: str, *, is_present: bool = False, exceeds_decode_limit: bool = False
) -> SealReport:
    return SealReport(
        is_present=is_present,
        exceeds_decode_limit=exceeds_decode_limit,
        is_intact=False,
        covers_whole_document=False,
        is_trusted=False,
        signer_subject="",
        signed_at=None,
        failure_reason=reason,
    )
