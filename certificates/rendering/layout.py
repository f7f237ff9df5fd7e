"""Layout density: how dense a certificate's first layout is, and whether a layout fits its
one page (from the anchors WeasyPrint places)."""

from __future__ import annotations

import unicodedata
from typing import Any

from certificates.rendering.document import CertificateDocument

# Denser levels shrink type and spacing (certificate.css); the last one also clips, so nothing
# can ever spill onto a second page.
DENSITY_LEVELS = 4


def initial_density(document: CertificateDocument) -> int:
    """A first guess from the amount of text, so that long content is laid out once, not twice.

    Calibrated on titles of 40-400 characters, 0-16 competencies and 1-3 institutions: the guess
    is never denser than needed (that would shrink type for nothing); when it is too sparse, the
    layout steps up a level after measuring.
    """
    load = _width(document.course_title) + sum(
        2 * _width(name) // 3 for name in document.competencies
    )
    if load >= 900:
        return 2
    if load >= 520:
        return 1
    return 0


def _width(text: str) -> int:
    """Text width in Latin-letter units: CJK characters are twice as wide."""
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


# Breathing room kept between the award and the signatures, in CSS pixels (≈ 2 mm).
_FOOTER_CLEARANCE = 8


# The width of .verification-text in certificate.css, in CSS pixels (96 per inch).
_VERIFICATION_TEXT_WIDTH = 76 / 25.4 * 96
# Below 0.6 × 6pt a printed address is hard to read; the QR code carries it anyway.
SMALLEST_URL_SCALE = 0.6


def verification_url_shrink(rendered: Any) -> float:
    """The factor (at most 1) by which the verification address must shrink to fit its block
    on one line, from the anchors placed before and after it (the line never wraps)."""
    anchors = rendered.pages[0].anchors if rendered.pages else {}
    start, end = anchors.get("url-start"), anchors.get("url-end")
    if start is None or end is None:
        return 1.0
    width = abs(end[0] - start[0])
    return min(1.0, _VERIFICATION_TEXT_WIDTH / width) if width else 1.0


def fits(rendered: Any) -> bool:
    """Whether the award ends above the footer on a single page.

    `Page.anchors[id]` is public layout information that starts with the element's top-left
    corner. Content too tall for the fixed-size frame is cut off at the page's end, taking the
    anchors below the cut with it: a missing anchor means it did not fit either.
    """
    if len(rendered.pages) != 1:
        return False
    anchors = rendered.pages[0].anchors
    content_end, footer = anchors.get("content-end"), anchors.get("footer")
    if content_end is None or footer is None:
        return False
    return bool(content_end[1] + _FOOTER_CLEARANCE <= footer[1])
