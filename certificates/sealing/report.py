"""What the seal of a PDF proves (`SealReport`), and why a check failed, in words an employer
can act on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

# Why a seal check failed, in words an employer can act on (one per failure, most serious first).
NOT_A_PDF = "The file is not a PDF document."
UNREADABLE_PDF = "The PDF file is damaged and cannot be read."
NOT_SEALED = "The PDF carries no ICIM Academy seal."
SEAL_BROKEN = "The PDF was altered after it was sealed: the seal no longer matches its content."
CREDENTIAL_REPLACED = "The attached credential was replaced after the PDF was sealed."
UPDATED_AFTER_SEALING = "Content was added to the PDF after it was sealed."
SEAL_UNTRUSTED = "The seal was not made by an ICIM Academy document-signing certificate."
DECODE_LIMIT_EXCEEDED = "A stream in the PDF decodes to more data than a certificate holds."


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


def failure(
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
