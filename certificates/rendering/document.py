"""What a certificate shows: the frozen description the renderer is given."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

TEMPLATE_VERSION = "2026.1"
DEFAULT_COLOUR = "#1f4e79"


@dataclass(frozen=True)
class Signatory:
    name: str
    title: str
    signature_png: bytes | None = None


@dataclass(frozen=True)
class InstitutionMark:
    name: str
    country: str  # ISO 3166-1 alpha-2, e.g. "DE"
    logo_png: bytes | None = None
    colour: str = DEFAULT_COLOUR  # accent colour, #rrggbb
    # Who signs for the institution, in the order printed (an institution has up to three).
    signatories: tuple[Signatory, ...] = ()
    # Shorthand for an institution with one signatory, printed before `signatories`.
    signatory: Signatory | None = None

    @property
    def signing(self) -> tuple[Signatory, ...]:
        """Every signatory of the institution, in the order printed."""
        return ((self.signatory,) if self.signatory is not None else ()) + self.signatories


@dataclass(frozen=True)
class CertificateDocument:
    certificate_id: str
    learner_name: str
    learner_native_name: str
    course_title: str
    course_code: str
    institutions: tuple[InstitutionMark, ...]
    issued_on: datetime.date
    expires_on: datetime.date | None
    grade: str | None
    competencies: tuple[str, ...]
    language: str  # "en" | "zh-hans" | "de" | "ar"
    verification_url: str
    template_version: str = TEMPLATE_VERSION
    # Wording for a certificate not earned by completing the course (recognised prior learning),
    # already in `language`: the title, and the sentence between the name and the course title.
    # Empty: the standard "Certificate of Completion … has successfully completed the course".
    award_title: str = ""
    award_statement: str = ""
