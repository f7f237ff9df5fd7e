"""The certificate as a one-page PDF/A-3b, with the signed credential attached. WeasyPrint
(about two seconds to import) is imported in the functions that use it."""

from __future__ import annotations

import datetime
import math
import threading
from functools import cache
from typing import Any

from certificates.rendering.document import CertificateDocument
from certificates.rendering.layout import (
    DENSITY_LEVELS,
    SMALLEST_URL_SCALE,
    fits,
    initial_density,
    verification_url_shrink,
)
from certificates.rendering.markup import render_html, stylesheet_text, template_context
from certificates.rendering.text import clean

# PDF/A-3 (ISO 19005-3) level B: archivable, and allowed to carry the credential as a file.
PDF_VARIANT = "pdf/a-3b"
CREDENTIAL_FILENAME = "credential.json"
CREDENTIAL_DESCRIPTION = "Open Badges 3.0 credential"
# ISO 32000-2 /Data: the page is a visual presentation of the data the credential holds.
CREDENTIAL_RELATIONSHIP = "Data"

_lock = threading.Lock()


@cache
def _weasyprint_resources() -> tuple[Any, Any, Any]:
    """One font configuration, URL fetcher and parsed stylesheet per process, shared by every
    render: rebuilding them each time costs a third of the render and lets memory swing."""
    # WeasyPrint (seconds to import) loads on the first render, not at start-up.
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    font_config = FontConfiguration()
    # Images arrive as data: URLs; nothing in a certificate may reach the network or the disk.
    url_fetcher = URLFetcher(allowed_protocols={"data"})
    stylesheet = CSS(string=stylesheet_text(), font_config=font_config, url_fetcher=url_fetcher)
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
    # WeasyPrint (seconds to import) loads on the first render, not at start-up.
    from weasyprint import HTML

    with _lock:
        font_config, url_fetcher, stylesheet = _weasyprint_resources()
        context = template_context(document)
        density = initial_density(document)
        url_scale = 1.0
        while True:
            markup = render_html(
                context, density=density, inline_stylesheet=False, url_scale=url_scale
            )
            # The variant is needed at layout too: it loads the sRGB output intent.
            rendered = HTML(string=markup, url_fetcher=url_fetcher).render(
                font_config=font_config, stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
            )
            shrink = verification_url_shrink(rendered)
            if shrink < 1 and url_scale > SMALLEST_URL_SCALE:
                # The line's width is proportional to its size: one more layout fits it.
                url_scale = max(SMALLEST_URL_SCALE, math.floor(url_scale * shrink * 100) / 100)
                continue
            if fits(rendered) or density == DENSITY_LEVELS - 1:
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


def _credential_attachment(credential: bytes, issued_on: datetime.date) -> Any:
    """The credential as an associated file. Its dates are the issue date, never "now", so that
    re-rendering gives the same bytes; its MIME type (application/json) follows from the name."""
    # WeasyPrint (seconds to import) loads on the first render, not at start-up.
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
    return clean(document.certificate_id).encode("ascii", "replace")[:64] or b"certificate"
