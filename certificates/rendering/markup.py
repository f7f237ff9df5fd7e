"""The certificate's HTML: the template (`certificates/templates/certificates/`) filled with
cleaned text, laid out at a density, with its stylesheet inlined or left to the PDF renderer.
The renderer needs no Django settings: its template engine is its own, with localisation off."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from django.utils.safestring import mark_safe

from certificates.rendering.document import CertificateDocument
from certificates.rendering.labels import (
    HTML_LANGUAGE,
    LABELS,
    format_date,
    supported_language,
)
from certificates.rendering.layout import initial_density
from certificates.rendering.qr import qr_svg
from certificates.rendering.text import accent, clean, png_data_url, untrusted_text

_TEMPLATE_DIRECTORY = Path(__file__).resolve().parent.parent / "templates"
_TEMPLATE_NAME = "certificates/certificate.html"
_STYLESHEET_PATH = _TEMPLATE_DIRECTORY / "certificates" / "certificate.css"


@cache
def _template() -> Any:
    """The certificate template, compiled once, autoescaping, independent of Django settings."""
    engine = Engine(dirs=[str(_TEMPLATE_DIRECTORY)], autoescape=True, debug=False)
    return engine.get_template(_TEMPLATE_NAME)


@cache
def stylesheet_text() -> str:
    return _STYLESHEET_PATH.read_text(encoding="utf-8")


def template_context(document: CertificateDocument) -> dict[str, Any]:
    """What the template shows: every piece of untrusted text cleaned, with its direction."""
    language = supported_language(document.language)
    institutions: list[dict[str, Any]] = [
        {
            "name": untrusted_text(mark.name, language),
            "country": clean(mark.country).upper()[:3],
            "logo": png_data_url(mark.logo_png),
            "signatories": [
                {
                    "name": untrusted_text(signatory.name, language),
                    "title": untrusted_text(signatory.title, language),
                    "signature": png_data_url(signatory.signature_png),
                }
                for signatory in mark.signing
                if clean(signatory.name)
            ],
        }
        for mark in document.institutions
    ]
    # One signature block per signatory, and one with the bare name of an institution that has
    # none: up to four share a row at full width, more get narrow columns (and wrap after six).
    signature_blocks = sum(max(1, len(item["signatories"])) for item in institutions)
    learner_name = untrusted_text(document.learner_name, language)
    native_name = untrusted_text(document.learner_native_name, language)
    verification_url = clean(document.verification_url)
    facts = _facts(document, language)
    return {
        "language": HTML_LANGUAGE[language],
        "direction": "rtl" if language == "ar" else "ltr",
        "labels": {
            **LABELS[language],
            **({"title": clean(document.award_title)} if clean(document.award_title) else {}),
            **(
                {"completed": clean(document.award_statement)}
                if clean(document.award_statement)
                else {}
            ),
        },
        "accent": accent(document.institutions[0].colour if document.institutions else ""),
        "learner_name": learner_name,
        "native_name": native_name
        if native_name.text and native_name.text != learner_name.text
        else None,
        "course_title": untrusted_text(document.course_title, language),
        "course_code": untrusted_text(document.course_code, language),
        "institutions": institutions,
        "signature_layout": str(signature_blocks) if signature_blocks <= 4 else "many",
        "institution_names": ", ".join(item["name"].text for item in institutions),
        "facts": facts,
        "facts_count": str(len(facts)),
        "issued_on_iso": document.issued_on.isoformat(),
        "competencies": [
            text
            for text in (untrusted_text(name, language) for name in document.competencies)
            if text.text
        ],
        "certificate_id": clean(document.certificate_id),
        "verification_url": verification_url,
        # Only a web address becomes a link; anything else stays plain text.
        "verification_link": verification_url
        if verification_url.startswith(("https://", "http://"))
        else None,
        # Markup generated from numbers and fixed strings only.
        "qr_code": mark_safe(qr_svg(verification_url)),  # noqa: S308
        "template_version": clean(document.template_version),
    }


def _facts(document: CertificateDocument, language: str) -> list[dict[str, Any]]:
    """Issue date, then expiry and grade when the certificate has them."""
    labels = LABELS[language]
    facts = [
        {
            "label": labels["issued_on"],
            "value": untrusted_text(format_date(document.issued_on, language), language),
        }
    ]
    if document.expires_on is not None:
        facts.append(
            {
                "label": labels["expires_on"],
                "value": untrusted_text(format_date(document.expires_on, language), language),
            }
        )
    grade = untrusted_text(document.grade or "", language)
    if grade.text:
        facts.append({"label": labels["grade"], "value": grade})
    return facts


def render_html(
    context: dict[str, Any], *, density: int, inline_stylesheet: bool, url_scale: float = 1.0
) -> str:
    stylesheet = mark_safe(stylesheet_text()) if inline_stylesheet else None  # noqa: S308
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
    return render_html(
        template_context(document), density=initial_density(document), inline_stylesheet=True
    )
