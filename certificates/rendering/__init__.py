"""Certificate PDF rendering: a frozen description of a certificate in, print-grade PDF bytes out.

Pure by design (STYLE.md 8): no database, no models, no network. The HTML template and its
stylesheet live in `certificates/templates/certificates/`; fonts are the Debian Noto packages
(`fonts-noto-core`, `fonts-noto-cjk`), embedded as subsets by WeasyPrint. One font configuration
and one parsed stylesheet are shared by every render in the process (DESIGN.md section 7).
The output is PDF/A-3b, and may carry the signed credential as the associated file
`credential.json` (sealing it is `certificates.sealing`'s job).

This package's door: `document` (what a certificate shows), `labels` (wording and dates),
`text` (untrusted text), `qr`, `layout` (density, fitting one page), `markup` (HTML), `pdf`.

WeasyPrint (about two seconds to import), qrcode and Django's template machinery are imported in
the functions that use them: importing this package for its dataclasses, as every process that
imports `certificates.api` does, stays cheap and needs no configured Django.
"""

from certificates.rendering.document import (
    TEMPLATE_VERSION,
    CertificateDocument,
    InstitutionMark,
    Signatory,
)
from certificates.rendering.labels import LABELS
from certificates.rendering.markup import render_certificate_html
from certificates.rendering.pdf import CREDENTIAL_FILENAME, PDF_VARIANT, render_certificate_pdf

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
