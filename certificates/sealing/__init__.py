"""PAdES seals on certificate PDFs: seal a PDF, read back its credential, inspect its seal.

Pure (STYLE.md 8): bytes and key material in, bytes or a frozen report out; no database, no
settings, no network. The keys come from `certificates.seal_keys`. A seal is a PAdES baseline
B-B signature (ETSI EN 319 142-1) in an invisible signature field, appended as an incremental
update, so the rendered PDF/A-3b file stays byte for byte inside the signed range.

Reading untrusted uploads never raises: a damaged file, a missing or broken seal, a foreign
signer, bytes changed or appended after sealing all come back as a `SealReport` with a reason.

This package's door, over `keys` (the document signer), `seal` (sealing), `reading` (a PDF read
within byte limits, its credential), `inspection` (checking a seal) and `report` (its verdict).
"""

from certificates.sealing.inspection import inspect_seal
from certificates.sealing.keys import DocumentSigner, load_certificates, load_document_signer
from certificates.sealing.reading import (
    CREDENTIAL_MAX_BYTES,
    DOCUMENT_DECODED_MAX_BYTES,
    STREAM_DECODED_MAX_BYTES,
    extract_credential,
)
from certificates.sealing.report import (
    CREDENTIAL_REPLACED,
    DECODE_LIMIT_EXCEEDED,
    NOT_A_PDF,
    NOT_SEALED,
    SEAL_BROKEN,
    SEAL_UNTRUSTED,
    UNREADABLE_PDF,
    UPDATED_AFTER_SEALING,
    SealReport,
)
from certificates.sealing.seal import SEAL_FIELD_NAME, SEAL_LOCATION, SEAL_REASON, seal_pdf

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
