"""Deployment check: providers on loopback are for development and tests only."""

from typing import Any

from django.conf import settings
from django.core import checks

LOOPBACK_ISSUERS = (
    "SSO_ALLOW_LOOPBACK_ISSUERS is on: an organisation's administrator could make the server "
    "fetch services listening on this machine's loopback interface, over plain http."
)
LOOPBACK_ISSUERS_HINT = "Unset it outside development and tests."


@checks.register(checks.Tags.security, deploy=True)
def check_loopback_issuers(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG or not settings.SSO_ALLOW_LOOPBACK_ISSUERS:
        return []
    return [checks.Error(LOOPBACK_ISSUERS, hint=LOOPBACK_ISSUERS_HINT, id="sso.E001")]
