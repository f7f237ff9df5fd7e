"""An endpoint's failure streak, and disabling it when it keeps failing (its admins are told)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from accounts.models import Membership
from webhooks.models import Endpoint

__all__ = ["record_failure", "record_success"]


def record_success(*, endpoint_id: uuid.UUID) -> None:
    """A delivery got through: the streak is over."""
    Endpoint.objects.filter(pk=endpoint_id, consecutive_failures__gt=0).update(
        consecutive_failures=0, failing_since=None
    )


def _is_hopeless(endpoint: Endpoint) -> bool:
    """Both limits reached: WEBHOOK_DISABLE_AFTER_FAILURES attempts in a row, and failing for
    WEBHOOK_DISABLE_AFTER_DAYS. Both, so that neither a short outage during a busy hour nor a
    single stray failure days ago switches a receiver off."""
    if endpoint.consecutive_failures < settings.WEBHOOK_DISABLE_AFTER_FAILURES:
        return False
    since = endpoint.failing_since or timezone.now()
    return timezone.now() - since >= timedelta(days=settings.WEBHOOK_DISABLE_AFTER_DAYS)


@transaction.atomic
def record_failure(*, endpoint_id: uuid.UUID) -> bool:
    """Count a failed attempt; disable the endpoint when it is hopeless (see `_is_hopeless`) and
    e-mail its organisation's administrators, each in their language. Returns whether this call
    disabled it. Takes the endpoint's row lock, so it is disabled and announced once."""
    now = timezone.now()
    Endpoint.objects.filter(pk=endpoint_id, failing_since__isnull=True).update(failing_since=now)
    Endpoint.objects.filter(pk=endpoint_id).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    endpoint = (
        Endpoint.objects.select_for_update().select_related("organization").get(pk=endpoint_id)
    )
    if not endpoint.is_active or not _is_hopeless(endpoint):
        return False
    since = endpoint.failing_since or now
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = (
        f"{endpoint.consecutive_failures} failed attempts in a row "
        f"since {since:%Y-%m-%d %H:%M} UTC."
    )
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    _tell_admins(endpoint)
    return True


def _tell_admins(endpoint: Endpoint) -> None:
    admins = (
        Membership.objects.filter(
            organization=endpoint.organization,
            role=Membership.Role.ADMIN,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__email")
    )
    since = endpoint.failing_since or timezone.now()
    for membership in admins:
        user = membership.user
        with translation.override(user.preferred_language):
            subject = _("Webhook endpoint disabled: %(url)s") % {"url": endpoint.url}
            body = _(
                "Hello %(name)s,\n\n"
                "The webhook endpoint %(url)s of %(organization)s failed %(count)s times in a "
                "row since %(since)s (UTC) and has been disabled. ICIM Academy sends it no "
                "further events.\n\n"
                "Once the receiver works again, enable the endpoint again and redeliver the "
                "messages it missed from its delivery log."
            ) % {
                "name": user.full_name,
                "url": endpoint.url,
                "organization": endpoint.organization.name,
                "count": endpoint.consecutive_failures,
                "since": f"{since:%Y-%m-%d %H:%M}",
            }
        accounts_api.queue_email(recipient=user.email, subject=subject, body=body)
