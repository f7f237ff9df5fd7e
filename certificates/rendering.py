"""Certificate PDF rendering: a frozen description of a certificate in, print-grade PDF bytes out.

Pure by design (STYLE.md 8): no database, no models, no network. The HTML template and its
stylesheet live in `certificates/templates/certificates/`; fonts are the Debian Noto packages
(`fonts-noto-core`, `fonts-noto-cjk`), embedded as subsets by WeasyPrint. One font configuration
and one parsed stylesheet are shared by every render in the process (DESIGN.md section 7).
The output is PDF/A-3b, and may carry the signed credential as the associated file
`credential.json` (sealing it is `certificates.sealing`'s job).

WeasyPrint (about two seconds to import), qrcode and Django's template machinery are imported in
the functions that use them: importing this module for its dataclasses, as every process that
imports `certificates.api` does, stays cheap and needs no configured Django.
"""

from __future__ import annotations

import base64
import datetime
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "CREDENTIAL_FILENAME",
    "LABELS",
    "PDF_VARIANT",
    "TEMPLATE_VERSION",
    "CertificateDocument",
    "InstitutionMark",
    "Signatory",
    "render_certificate_html",
    "render_certificate_pdf",
]

TEMPLATE_VERSION = "2026.1"
DEFAULT_COLOUR = "#1f4e79"
DEFAULT_LANGUAGE = "en"

# PDF/A-3 (ISO 19005-3) level B: archivable, and allowed to carry the credential as a file.
PDF_VARIANT = "pdf/a-3b"
CREDENTIAL_FILENAME = "credential.json"
CREDENTIAL_DESCRIPTION = "Open Badges 3.0 credential"
# ISO 32000-2 /Data: the page is a visual presentation of the data the credential holds.
CREDENTIAL_RELATIONSHIP = "Data"

_TEMPLATE_DIRECTORY = Path(__file__).resolve().parent / "templates"
_TEMPLATE_NAME = "certificates/certificate.html"
_STYLESHEET_PATH = _TEMPLATE_DIRECTORY / "certificates" / "certificate.css"


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


# --- labels and dates ---------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Certificate of Completion",
        "certify": "This is to certify that",
        "completed": "has successfully completed the course",
        "course_code": "Course code",
        "issued_on": "Issued on",
        "expires_on": "Valid until",
        "grade": "Final grade",
        "competencies": "Competencies acquired",
        "certificate_id": "Certificate ID",
        "colon": ": ",
        "how_to_verify": "Scan the code or open the address to check this certificate online",
    },
    "de": {
        "title": "Abschlusszertifikat",
        "certify": "Hiermit wird bestätigt, dass",
        "completed": "den folgenden Kurs erfolgreich abgeschlossen hat",
        "course_code": "Kurscode",
        "issued_on": "Ausgestellt am",
        "expires_on": "Gültig bis",
        "grade": "Ergebnis",
        "competencies": "Erworbene Kompetenzen",
        "certificate_id": "Zertifikats-ID",
        "colon": ": ",
        "how_to_verify": (
            "Scannen Sie den Code oder öffnen Sie die Adresse, "
            "um dieses Zertifikat online zu prüfen"
        ),
    },
    "zh-hans": {
        "title": "结业证书",
        "certify": "兹证明",
        "completed": "已顺利完成以下课程",
        "course_code": "课程代码",
        "issued_on": "颁发日期",
        "expires_on": "有效期至",
        "grade": "成绩",
        "competencies": "所获能力",
        "certificate_id": "证书编号",
        "colon": "：",
        "how_to_verify": "扫描二维码或打开网址，即可在线验证本证书",
    },
    "ar": {
        "title": "شهادة إتمام",
        # Gender-neutral on purpose: "awarded to … for completing", not "he/she completed".
        "certify": "تمنح هذه الشهادة إلى",
        "completed": "لإتمام المقرر التدريبي التالي بنجاح",
        "course_code": "رمز المقرر",
        "issued_on": "تاريخ الإصدار",
        "expires_on": "صالحة حتى",
        "grade": "الدرجة النهائية",
        "competencies": "الكفاءات المكتسبة",
        "certificate_id": "رقم الشهادة",
        "colon": ": ",
        "how_to_verify": "امسح الرمز أو افتح العنوان للتحقق من هذه الشهادة عبر الإنترنت",
    },
}

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
        "Oktober", "November", "Dezember",
    ),
    "ar": (
        "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
        "أكتوبر", "نوفمبر", "ديسمبر",
    ),
}  # fmt: skip

# The `lang` attribute of the page: it also selects the font stack (see certificate.css).
_HTML_LANGUAGE = {"en": "en", "de": "de", "zh-hans": "zh-Hans", "ar": "ar"}


def _language(language: str) -> str:
    """The supported language a certificate's language code means ("zh-CN" → "zh-hans")."""
    code = language.strip().lower().replace("_", "-")
    if code in LABELS:
        return code
    primary = code.split("-", 1)[0]
    if primary == "zh":
        return "zh-hans"
    return primary if primary in LABELS else DEFAULT_LANGUAGE


def _format_date(day: datetime.date, language: str) -> str:
    """A long date as the language writes it; Western digits in Arabic keep it readable abroad."""
    if language == "zh-hans":
        return f"{day.year}年{day.month}月{day.day}日"
    if language == "de":
        return f"{day.day}. {_MONTHS['de'][day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[language][day.month - 1]} {day.year}"


# --- untrusted text -----------------------------------------------------------------------------

# Bidi embeddings/overrides/isolates/marks, zero-width and invisible characters: a name that
# carries them could reorder or hide what surrounds it. ZWJ and ZWNJ stay: Arabic, Persian and
# Indic spellings need them.
_INVISIBLE = [
    0x061C,  # Arabic letter mark
    0x180E,  # Mongolian vowel separator
    0x200B,  # zero-width space
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    *range(0x202A, 0x202F),  # embeddings, overrides, pop (LRE RLE PDF LRO RLO)
    *range(0x2060, 0x2070),  # word joiner, invisible operators, isolates (LRI RLI FSI PDI)...
    0xFEFF,  # zero-width no-break space (BOM)
]
_CLEAN = dict.fromkeys(_INVISIBLE)
_WHITESPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Untrusted text made safe to lay out: NFC, no control/bidi/zero-width characters, one line."""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    text = "".join(
        " " if unicodedata.category(character) in {"Cc", "Zl", "Zp"} else character
        for character in text
    )
    return _WHITESPACE.sub(" ", text).strip()


_RTL_CATEGORIES = {"R", "AL"}
_STRONG_CATEGORIES = {"L", "R", "AL"}


def _direction(text: str) -> str:
    """The direction ("rtl" or "ltr") of the first strong character, as dir="auto" decides."""
    for character in text:
        category = unicodedata.bidirectional(character)
        if category in _STRONG_CATEGORIES:
            return "rtl" if category in _RTL_CATEGORIES else "ltr"
    return "ltr"


def _script_language(text: str, language: str) -> str:
    """The `lang` that picks the right font for a name: Japanese kana → JP faces, Hangul → KR,
    Han alone → Simplified Chinese (the SC face first, so Chinese names never get JP variants)."""
    has_han = False
    for character in text:
        codepoint = ord(character)
        if 0x3040 <= codepoint <= 0x30FF or 0x31F0 <= codepoint <= 0x31FF:
            return "ja"
        if 0xAC00 <= codepoint <= 0xD7AF or 0x1100 <= codepoint <= 0x11FF:
            return "ko"
        if 0x0600 <= codepoint <= 0x06FF or 0x0750 <= codepoint <= 0x077F:
            return "ar"
        if 0x0590 <= codepoint <= 0x05FF:
            return "he"
        if 0x3400 <= codepoint <= 0x9FFF or 0xF900 <= codepoint <= 0xFAFF:
            has_han = True
    if has_han:
        return "zh-Hans"
    return _HTML_LANGUAGE[language]


@dataclass(frozen=True)
class _Text:
    """A piece of untrusted text with the direction and language it is laid out in."""

    text: str
    direction: str
    language: str


def _text(value: str, language: str) -> _Text:
    text = _clean(value)
    return _Text(text=text, direction=_direction(text), language=_script_language(text, language))


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def _accent(colour: str) -> str:
    """The accent colour, or the default when it is malformed or too pale to read on white paper
    (WCAG contrast below 3:1)."""
    colour = colour.strip()
    if not _COLOUR.fullmatch(colour):
        return DEFAULT_COLOUR

    def channel(offset: int) -> float:
        value = int(colour[offset : offset + 2], 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    if 1.05 / (luminance + 0.05) < 3:
        return DEFAULT_COLOUR
    return colour.lower()


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_data_url(data: bytes | None) -> str | None:
    """A data: URL for PNG bytes; anything that is not a PNG is left out rather than guessed at."""
    if not data or not data.startswith(_PNG_SIGNATURE):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


# --- QR code ------------------------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    """The verification URL as an inline vector QR code (no raster anywhere).

    qrcode's SVG path factory draws one filled square per dark module; this draws each row's run
    of dark modules as one horizontal stroke, one module thick, instead: the same shapes, with a
    third of the numbers for WeasyPrint to parse and draw and no hairline seams between abutting
    squares in screen viewers. Quiet zone: four modules (ISO/IEC 18004).
    """
    import qrcode
    import qrcode.constants
    from qrcode.image.svg import SvgPathImage

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, image_factory=SvgPathImage
    )
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}.5h{x - start}")
            else:
                x += 1
    return (
        f'<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="none" stroke="#000" stroke-width="1" d="{"".join(runs)}"/></svg>'
    )


# --- layout density -----------------------------------------------------------------------------

# Denser levels shrink type and spacing (certificate.css); the last one also clips, so nothing
# can ever spill onto a second page.
_DENSITY_LEVELS = 4


def _initial_density(document: CertificateDocument) -> int:
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


# --- HTML ---------------------------------------------------------------------------------------


@cache
def _template() -> Any:
    """The certificate template, compiled once, autoescaping, independent of Django settings."""
    from django.template import Engine

    engine = Engine(dirs=[str(_TEMPLATE_DIRECTORY)], autoescape=True, debug=False)
    return engine.get_template(_TEMPLATE_NAME)


@cache
def _stylesheet_text() -> str:
    return _STYLESHEET_PATH.read_text(encoding="utf-8")


def _context(document: CertificateDocument) -> dict[str, Any]:
    """What the template shows: every piece of untrusted text cleaned, with its direction."""
    from django.utils.safestring import mark_safe

    language = _language(document.language)
    institutions: list[dict[str, Any]] = [
        {
            "name": _text(mark.name, language),
            "country": _clean(mark.country).upper()[:3],
            "logo": _png_data_url(mark.logo_png),
            "signatories": [
                {
                    "name": _text(signatory.name, language),
                    "title": _text(signatory.title, language),
                    "signature": _png_data_url(signatory.signature_png),
                }
                for signatory in mark.signing
                if _clean(signatory.name)
            ],
        }
        for mark in document.institutions
    ]
    # One signature block per signatory, and one with the bare name of an institution that has
    # none: up to four share a row at full width, more get narrow columns (and wrap after six).
    signature_blocks = sum(max(1, len(item["signatories"])) for item in institutions)
    learner_name = _text(document.learner_name, language)
    native_name = _text(document.learner_native_name, language)
    verification_url = _clean(document.verification_url)
    facts = _facts(document, language)
    return {
        "language": _HTML_LANGUAGE[language],
        "direction": "rtl" if language == "ar" else "ltr",
        "labels": {
            **LABELS[language],
            **({"title": _clean(document.award_title)} if _clean(document.award_title) else {}),
            **(
                {"completed": _clean(document.award_statement)}
                if _clean(document.award_statement)
                else {}
            ),
        },
        "accent": _accent(document.institutions[0].colour if document.institutions else ""),
        "learner_name": learner_name,
        "native_name": native_name
        if native_name.text and native_name.text != learner_name.text
        else None,
        "course_title": _text(document.course_title, language),
        "course_code": _text(document.course_code, language),
        "institutions": institutions,
        "signature_layout": str(signature_blocks) if signature_blocks <= 4 else "many",
        "institution_names": ", ".join(item["name"].text for item in institutions),
        "facts": facts,
        "facts_count": str(len(facts)),
        "issued_on_iso": document.issued_on.isoformat(),
        "competencies": [
            text for text in (_text(name, language) for name in document.competencies) if text.text
        ],
        "certificate_id": _clean(document.certificate_id),
        "verification_url": verification_url,
        # Only a web address becomes a link; anything else stays plain text.
        "verification_link": verification_url
        if verification_url.startswith(("https://", "http://"))
        else None,
        # Markup generated from numbers and fixed strings only.
        "qr_code": mark_safe(_qr_svg(verification_url)),  # noqa: S308
        "template_version": _clean(document.template_version),
    }


def _facts(document: CertificateDocument, language: str) -> list[dict[str, Any]]:
    """Issue date, then expiry and grade when the certificate has them."""
    labels = LABELS[language]
    facts = [
        {
            "label": labels["issued_on"],
            "value": _text(_format_date(document.issued_on, language), language),
        }
    ]
    if document.expires_on is not None:
        facts.append(
            {
                "label": labels["expires_on"],
                "value": _text(_format_date(document.expires_on, language), language),
            }
        )
    grade = _text(document.grade or "", language)
    if grade.text:
        facts.append({"label": labels["grade"], "value": grade})
    return facts


def _html(
    context: dict[str, Any], *, density: int, inline_stylesheet: bool, url_scale: float = 1.0
) -> str:
    from django.template import Context
    from django.utils.safestring import mark_safe

    stylesheet = mark_safe(_stylesheet_text()) if inline_stylesheet else None  # noqa: S308
    # Numbers go in as strings and localisation is off: a render inside a request with another
    # language active must not print "density-١", and none of this may need Django settings.
    variables = {
        **context,
        "density": str(density),
        "stylesheet": stylesheet,
        "url_scale": f"{url_scale:.2f}" if url_scale < 1 else "",
    }
    return str(_template().render(Context(variables, autoescape=True, use_l10n=False)))


def render_certificate_html(document: CertificateDocument) -> str:
    """The self-contained HTML of a certificate (stylesheet inlined), as a browser or a bare
    WeasyPrint would lay it out.

    `render_certificate_pdf` lays out the same markup with the stylesheet pre-parsed instead of
    inlined, and may step to a denser layout when the content does not fit on one page.
    """
    return _html(_context(document), density=_initial_density(document), inline_stylesheet=True)


# --- PDF ----------------------------------------------------------------------------------------

_lock = threading.Lock()


@cache
def _weasyprint_resources() -> tuple[Any, Any, Any]:
    """One font configuration, URL fetcher and parsed stylesheet per process, shared by every
    render: rebuilding them each time costs a third of the render and lets memory swing."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    font_config = FontConfiguration()
    # Images arrive as data: URLs; nothing in a certificate may reach the network or the disk.
    url_fetcher = URLFetcher(allowed_protocols={"data"})
    stylesheet = CSS(string=_stylesheet_text(), font_config=font_config, url_fetcher=url_fetcher)
    return font_config, url_fetcher, stylesheet


def render_certificate_pdf(
    document: CertificateDocument, *, credential: bytes | None = None
) -> bytes:
    """Render a certificate as a one-page A4 landscape PDF/A-3b with every font embedded.

    When `credential` is given (the signed Open Badges 3.0 credential, as served), it is attached
    byte for byte as the embedded file `credential.json` and listed in the catalog's /AF array,
    as PDF/A-3 requires of associated files.

    Deterministic: the same document and credential give the same bytes. Untrusted text is
    cleaned of bidi controls and invisible characters and escaped; long content is laid out
    denser and, as a last resort, clipped, so the result is always exactly one page. Thread-safe
    (renders in one process are serialised: they share one font configuration).
    """
    from weasyprint import HTML

    with _lock:
        font_config, url_fetcher, stylesheet = _weasyprint_resources()
        context = _context(document)
        density = _initial_density(document)
        url_scale = 1.0
        while True:
            markup = _html(context, density=density, inline_stylesheet=False, url_scale=url_scale)
            # The variant is needed at layout too: it loads the sRGB output intent.
            rendered = HTML(string=markup, url_fetcher=url_fetcher).render(
                font_config=font_config, stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
            )
            shrink = _verification_url_shrink(rendered)
            if shrink < 1 and url_scale > _SMALLEST_URL_SCALE:
                # The line's width is proportional to its size: one more layout fits it.
                url_scale = max(_SMALLEST_URL_SCALE, math.floor(url_scale * shrink * 100) / 100)
                continue
            if _fits(rendered) or density == _DENSITY_LEVELS - 1:
                break
            density += 1
        if len(rendered.pages) > 1:  # cannot happen with the fixed-size frame; never ship it
            rendered = rendered.copy(rendered.pages[:1])
        pdf: bytes = rendered.write_pdf(
            pdf_identifier=_pdf_identifier(document),
            pdf_variant=PDF_VARIANT,
            attachments=[_credential_attachment(credential, document.issued_on)]
            if credential is not None
            else [],
            finisher=_list_associated_files_once,
        )
    return pdf


# Breathing room kept between the award and the signatures, in CSS pixels (≈ 2 mm).
_FOOTER_CLEARANCE = 8


# The width of .verification-text in certificate.css, in CSS pixels (96 per inch).
_VERIFICATION_TEXT_WIDTH = 76 / 25.4 * 96
# Below 0.6 × 6pt a printed address is hard to read; the QR code carries it anyway.
_SMALLEST_URL_SCALE = 0.6


def _verification_url_shrink(rendered: Any) -> float:
    """The factor (at most 1) by which the verification address must shrink to fit its block
    on one line, from the anchors placed before and after it (the line never wraps)."""
    anchors = rendered.pages[0].anchors if rendered.pages else {}
    start, end = anchors.get("url-start"), anchors.get("url-end")
    if start is None or end is None:
        return 1.0
    width = abs(end[0] - start[0])
    return min(1.0, _VERIFICATION_TEXT_WIDTH / width) if width else 1.0


def _fits(rendered: Any) -> bool:
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


def _credential_attachment(credential: bytes, issued_on: datetime.date) -> Any:
    """The credential as an associated file. Its dates are the issue date, never "now", so that
    re-rendering gives the same bytes; its MIME type (application/json) follows from the name."""
    from weasyprint import Attachment

    issued_at = datetime.datetime.combine(issued_on, datetime.time(), tzinfo=datetime.UTC)
    return Attachment(
        string=credential,
        name=CREDENTIAL_FILENAME,
        description=CREDENTIAL_DESCRIPTION,
        created=issued_at,
        modified=issued_at,
        relationship=CREDENTIAL_RELATIONSHIP,
    )


def _list_associated_files_once(document: Any, pdf: Any) -> None:
    """WeasyPrint 70 lists each PDF/A-3 attachment twice in the catalog's /AF array (once from
    the EmbeddedFiles name tree, once from the file specification); keep the first of each."""
    associated_files = pdf.catalog.get("AF")
    if associated_files is None:
        return
    unique = list(dict.fromkeys(associated_files))
    associated_files.clear()
    associated_files.extend(unique)


def _pdf_identifier(document: CertificateDocument) -> bytes:
    """A stable PDF file identifier, so that re-rendering a certificate gives identical bytes."""
    return _clean(document.certificate_id).encode("ascii", "replace")[:64] or b"certificate"
