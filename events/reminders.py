"""Reminders: an e-mail to each registered attendee a day before the event, in their language,
sent once (the periodic task may run any number of times)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from events.authoring import event_texts, local_time
from events.models import Event, Registration

REMINDER_LEAD = timedelta(hours=24)


def send_event_reminders() -> int:
    """Queue the reminder of every registered attendee of a published event starting within
    REMINDER_LEAD and not yet reminded; marks each reminded in the same transaction (a row
    lock skips rows another run is handling). Returns how many were queued."""
    now = timezone.now()
    sent = 0
    with transaction.atomic():
        due = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "user")
            .filter(
                status=Registration.Status.REGISTERED,
                reminded_at__isnull=True,
                event__state=Event.State.PUBLISHED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + REMINDER_LEAD,
            )
        )
        for registration in due:
            event = registration.event
            user = registration.user
            with translation.override(user.preferred_language):
                texts = event_texts(event, user.preferred_language)
                starts = formats.date_format(
                    local_time(event.starts_at, event.time_zone), "DATETIME_FORMAT"
                )
                subject = _("Reminder: %(title)s starts soon") % {"title": texts["title"]}
                where = event.meeting_url if event.is_online else f"{event.place} {event.address}"
                body = _(
                    "%(title)s starts on %(start)s (%(zone)s).\n\nWhere: %(where)s\n\n"
                    "Details: %(url)s"
                ) % {
                    "title": texts["title"],
                    "start": starts,
                    "zone": event.time_zone,
                    "where": where.strip(),
                    "url": f"{settings.PUBLIC_BASE_URL}/events/{event.slug}",
                }
            accounts_api.queue_email(recipient=user.email, subject=subject, body=body)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            sent += 1
    return sent
