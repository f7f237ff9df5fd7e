"""Deployment checks: a production worker must be able to sign credentials and seal PDFs."""

from typing import Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from certificates.signing import active_signing_key


@checks.register(checks.Tags.security, deploy=True)
def check_signing_material(**kwargs: Any) -> list[checks.CheckMessage]:
    """Without its keys every issuing task would fail and certificates stay pending: say so at
    deploy time, not at the first completed course."""
    # Imported here: seal_keys loads pyHanko (over a second to import), and this module is
    # imported by every process at start-up while only `check --deploy` runs this check.
    from certificates.seal_keys import get_document_signer

    if settings.DEBUG:
        return []  # development creates its own keys on first use
    problems: list[checks.CheckMessage] = []
    for check_id, load, hint in [
        (
            "certificates.E001",
            active_signing_key,
            "Set CREDENTIAL_SIGNING_KEY (PEM) or CREDENTIAL_SIGNING_KEY_FILE; "
            "`manage.py credential_key` writes a new key file.",
        ),
        (
            "certificates.E002",
            get_document_signer,
            "Set PDF_SEAL_KEY_FILE, PDF_SEAL_CERT_FILE and PDF_SEAL_CHAIN_FILE.",
        ),
    ]:
        try:
            load()
        except (ImproperlyConfigured, OSError, ValueError) as error:
            problems.append(checks.Error(str(error), hint=hint, id=check_id))
    return problems
