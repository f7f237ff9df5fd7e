"""Sealing a PDF: a PAdES B-B signature appended as an incremental update."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import model as metadata_model
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import constants
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from certificates.sealing.keys import DocumentSigner, pyhanko_signer
from certificates.sealing.reading import resolved

SEAL_FIELD_NAME = "ICIMAcademySeal"
SEAL_REASON = "ICIM Academy certificate seal"
SEAL_LOCATION = "ICIM Academy"

# ECDSA P-256 + SHA-256: what both pyHanko and poppler's pdfsig (NSS) verify; NSS in poppler
# 22.12 reports an Ed25519 CMS signature as "corrupted data".
_DIGEST_ALGORITHM = "sha256"


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
        signer=pyhanko_signer(signer),
        new_field_spec=fields.SigFieldSpec(sig_field_name=SEAL_FIELD_NAME),
    ).sign_pdf(writer, output=output, bytes_reserved=_bytes_reserved(signer))
    return output.getvalue()


@lru_cache(maxsize=8)
def _bytes_reserved(signer: DocumentSigner) -> int:
    """Room for the seal's signature, as pyHanko estimates it: a dry-run signature of a dummy
    digest, doubled for its hex form, plus half again. pyHanko would make that dry run before
    every seal (a third of sealing's time); with no timestamp and no revocation data in our
    seals it depends only on the key and its chain, so once per key does."""
    dry_run = asyncio.run(
        pyhanko_signer(signer).async_sign(
            bytes(32),
            _DIGEST_ALGORITHM,
            dry_run=True,
            use_pades=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC)),
        )
    )
    size = len(dry_run.dump()) * 2
    return size + 2 * (size // 4)


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
    info = resolved(writer.trailer, "/Info")
    if isinstance(info, generic.DictionaryObject):
        info["/Producer"] = generic.TextStringObject(metadata_model.VENDOR)
        writer.update_container(info)
