"""Registering for a published event (or its waitlist, past capacity) and cancelling, with
enrolment's rules: the event row is locked, and a cancelled place goes to the first waitlisted."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from events.models import Event, Registration

Status = Registration.Status

ALREADY_REGISTERED = gettext_lazy("You are already registered for this event.")
ALREADY_WAITLISTED = gettext_lazy("You are already on this event's waitlist.")
EVENT_OVER = gettext_lazy("This event has ended; registration is closed.")
NOT_REGISTERED = gettext_lazy("You are not registered for this event.")


def _published_event_locked(slug: str) -> Event:
    return Event.objects.select_for_update().get(slug=slug, state=Event.State.PUBLISHED)


def _status_for_new_place(event: Event) -> str:
    if event.capacity is None:
        return Status.REGISTERED
    taken = Registration.objects.filter(event=event, status=Status.REGISTERED).count()
    return Status.REGISTERED if taken < event.capacity else Status.WAITLISTED


@transaction.atomic
def register_for_event(*, user: User, slug: str) -> Registration:
    """Register the user for a published event, or put them on its waitlist when it is full.

    Registering twice is refused (ValidationError code `already_registered` or
    `already_waitlisted`; nothing changes); a cancelled registration is reused. Locks the event
    row, so concurrent requests never fill more places than the capacity. Raises
    Event.DoesNotExist (unknown or unpublished) and ValidationError `event_over`.
    """
    event = _published_event_locked(slug)
    now = timezone.now()
    if event.ends_at <= now:
        raise ValidationError(EVENT_OVER, code="event_over")
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status == Status.REGISTERED:
        raise ValidationError(ALREADY_REGISTERED, code="already_registered")
    if existing is not None and existing.status == Status.WAITLISTED:
        raise ValidationError(ALREADY_WAITLISTED, code="already_waitlisted")
    status = _status_for_new_place(event)
    if existing is None:
        return Registration.objects.create(event=event, user=user, status=status, registered_at=now)
    existing.status = status
    existing.registered_at = now
    existing.reminded_at = None
    existing.save(update_fields=["status", "registered_at", "reminded_at"])
    return existing


@transaction.atomic
def cancel_registration(*, user: User, slug: str) -> Registration:
    """Give up a place (or a waitlist spot). When a registered place frees up in an event with
    a capacity, the longest-waiting person is promoted in the same transaction. Raises
    Event.DoesNotExist and ValidationError `not_registered` (nothing to cancel)."""
    event = _published_event_locked(slug)
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, user=user)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if registration is None or registration.attended_at is not None:
        raise ValidationError(NOT_REGISTERED, code="not_registered")
    had_place = registration.status == Status.REGISTERED
    registration.status = Status.CANCELLED
    registration.save(update_fields=["status"])
    if had_place and event.capacity is not None:
        waiting = (
            Registration.objects.select_for_update()
            .filter(event=event, status=Status.WAITLISTED)
            .order_by("registered_at", "pk")
            .first()
        )
        if waiting is not None:
            waiting.status = Status.REGISTERED
            waiting.save(update_fields=["status"])
    return registration
