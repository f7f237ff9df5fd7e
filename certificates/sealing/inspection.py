"""Inspecting the seal of a PDF: present, intact, covering the whole file, trusted."""

from __future__ import annotations

import io
from collections.abc import Sequence

from cryptography import x509
from pyhanko.pdf_utils.misc import PdfDecodeLimitError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from certificates.sealing import report
from certificates.sealing.keys import asn1_certificate
from certificates.sealing.reading import (
    MALFORMED,
    UPLOAD_DECODE_LIMITS,
    credential_in,
    looks_like_pdf,
)


def inspect_seal(pdf: bytes, *, trusted_roots: Sequence[x509.Certificate]) -> report.SealReport:
    """Check the PDF's seal: present, intact (the signed bytes are unchanged and the signature
    is the signer's), covering the whole file (nothing appended after sealing), and made by a
    certificate that chains to one of `trusted_roots`. Never raises: every failure is reported
    with a reason.

    The signer's certificate is validated at the signing time the seal itself states: only the
    holder of our key can produce a seal, so its stated time is as trustworthy as the seal, and
    certificates sealed years ago stay valid after the signing certificate expires. No
    revocation information is consulted (our development CA publishes none).
    """
    if not looks_like_pdf(pdf):
        return report.failure(report.NOT_A_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False, decode_limits=UPLOAD_DECODE_LIMITS)
        signatures = reader.embedded_regular_signatures
    except PdfDecodeLimitError:
        return report.failure(report.DECODE_LIMIT_EXCEEDED, exceeds_decode_limit=True)
    except MALFORMED:
        return report.failure(report.UNREADABLE_PDF)
    if not signatures:
        return report.failure(report.NOT_SEALED)
    # The last seal is the one that can cover the whole file; anything before it is covered.
    return _inspect(reader, signatures[-1], trusted_roots)


def _inspect(
    reader: PdfFileReader,
    signature: EmbeddedPdfSignature,
    trusted_roots: Sequence[x509.Certificate],
) -> report.SealReport:
    try:
        signed_at = signature.self_reported_timestamp
        context = ValidationContext(
            trust_roots=[asn1_certificate(root) for root in trusted_roots],
            moment=signed_at,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        # No difference analysis: a valid seal must cover the whole file, so there is no
        # later revision to judge.
        status = validate_pdf_signature(signature, context, skip_diff=True)
        sealed_credential = credential_in(reader.get_historical_root(signature.signed_revision))
        current_credential = credential_in(reader.root)
    except PdfDecodeLimitError:
        return report.failure(
            report.DECODE_LIMIT_EXCEEDED, is_present=True, exceeds_decode_limit=True
        )
    except MALFORMED:
        return report.failure(report.SEAL_BROKEN, is_present=True)

    is_intact = bool(status.intact and status.valid)
    covers_whole_document = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    is_trusted = bool(status.trusted)
    if not is_intact:
        reason = report.SEAL_BROKEN
    elif sealed_credential != current_credential:
        reason = report.CREDENTIAL_REPLACED
    elif not covers_whole_document:
        reason = report.UPDATED_AFTER_SEALING
    elif not is_trusted:
        reason = report.SEAL_UNTRUSTED
    else:
        reason = ""
    return report.SealReport(
        is_present=True,
        is_intact=is_intact,
        covers_whole_document=covers_whole_document,
        is_trusted=is_trusted,
        signer_subject=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        failure_reason=reason,
        sealed_credential=sealed_credential,
    )
