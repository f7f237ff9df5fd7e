"""Deployment check: the development allowances of webhook targets are off in production."""

from typing import Any

from django.conf import settings
from django.core import checks

INSECURE_TARGETS = (
    "WEBHOOK_ALLOW_HTTP or WEBHOOK_ALLOW_LOOPBACK is on: organisations could have webhooks "
    "sent in plain text, or to services listening on this machine's loopback interface."
)
INSECURE_TARGETS_HINT = "Unset both outside development and tests."


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_targets(**kwargs: Any) -> list[checks.CheckMessage]:
    if settings.DEBUG or not (settings.WEBHOOK_ALLOW_HTTP or settings.WEBHOOK_ALLOW_LOOPBACK):
        return []
    return [checks.Error(INSECURE_TARGETS, hint=INSECURE_TARGETS_HINT, id="webhooks.E001")]
