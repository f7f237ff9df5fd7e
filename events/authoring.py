"""Authoring: staff create and edit an organisation's events; approvers and admins publish.

Separation of duties: authors and admins of the organisation write drafts and edit them;
approvers and admins publish (an author cannot put an event before the public alone), like a
course's author -> approver path without a reviewer step.
"""

import secrets
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Organization, User
from events.models import Event

EDITOR_ROLES = ("author", "admin")
PUBLISHER_ROLES = ("approver", "admin")
STAFF_ROLES = ("author", "reviewer", "approver", "admin")

UNKNOWN_TIME_ZONE = gettext_lazy(
    "“%(zone)s” is not a time zone (use an IANA name, e.g. Europe/Berlin)."
)
ENDS_BEFORE_START = gettext_lazy("The event must end after it starts.")
TITLE_REQUIRED = gettext_lazy("Give a title in the primary language.")
UNKNOWN_LANGUAGE = gettext_lazy("“%(language)s” is not a supported language.")
MEETING_URL_REQUIRED = gettext_lazy("An online event needs a meeting URL.")
PLACE_REQUIRED = gettext_lazy("An event on site needs a place.")
NOT_AN_EDITOR = gettext_lazy("Only authors and administrators of the organisation edit its events.")
NOT_A_PUBLISHER = gettext_lazy(
    "Only approvers and administrators of the organisation publish its events."
)

EDITABLE = (
    "kind",
    "is_online",
    "meeting_url",
    "place",
    "address",
    "primary_language",
    "translations",
    "starts_at",
    "ends_at",
    "time_zone",
    "capacity",
)


def new_check_in_code() -> str:
    """Six characters, without look-alikes (0/O, 1/I), easy to read out in a webinar."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def _validate(event: Event) -> None:
    errors: dict[str, list[Any]] = {}
    try:
        if event.time_zone not in available_timezones():
            raise ZoneInfoNotFoundError
        ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = [UNKNOWN_TIME_ZONE % {"zone": event.time_zone}]
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = [ENDS_BEFORE_START]
    languages = {code.lower() for code, _name in settings.LANGUAGES}
    for language in [event.primary_language, *event.translations]:
        if language.lower() not in languages:
            errors.setdefault("translations", []).append(UNKNOWN_LANGUAGE % {"language": language})
    primary = event.translations.get(event.primary_language) or {}
    if not str(primary.get("title", "")).strip():
        errors.setdefault("translations", []).append(TITLE_REQUIRED)
    if event.is_online and not event.meeting_url:
        errors["meeting_url"] = [MEETING_URL_REQUIRED]
    if not event.is_online and not event.place.strip():
        errors["place"] = [PLACE_REQUIRED]
    if errors:
        raise ValidationError(errors)


def _organization_for_editor(*, user: User, organization_slug: str) -> Organization:
    organization = Organization.objects.get(slug=organization_slug)
    if organization.pk not in accounts_api.organization_ids_for_user(user=user):
        raise Organization.DoesNotExist  # not theirs: indistinguishable from unknown
    if organization.pk not in accounts_api.organization_ids_for_user(user=user, roles=EDITOR_ROLES):
        raise PermissionDenied(NOT_AN_EDITOR)
    return organization


def get_event_for_staff(*, user: User, slug: str, roles: tuple[str, ...] = STAFF_ROLES) -> Event:
    """An event of one of the user's organisations (any staff role by default). Raises
    Event.DoesNotExist for unknown events and other organisations' alike."""
    organizations = accounts_api.organization_ids_for_user(user=user, roles=roles)
    return Event.objects.select_related("organization").get(
        slug=slug, organization_id__in=organizations
    )


@transaction.atomic
def create_event(*, user: User, organization_slug: str, fields: dict[str, Any]) -> Event:
    """A draft event of the organisation, by one of its authors or admins. Raises
    Organization.DoesNotExist (unknown or not the user's), PermissionDenied (a member without
    an editing role) and ValidationError (per field: time zone, end before start, title...)."""
    organization = _organization_for_editor(user=user, organization_slug=organization_slug)
    event = Event(organization=organization, created_by=user, check_in_code=new_check_in_code())
    for name in EDITABLE:
        if name in fields:
            setattr(event, name, fields[name])
    _validate(event)
    base = slugify(str(event.translations[event.primary_language]["title"]))[:60] or "event"
    event.slug = f"{base}-{secrets.token_hex(3)}"
    event.save()
    return event


@transaction.atomic
def update_event(*, user: User, slug: str, fields: dict[str, Any]) -> Event:
    """Change an event (draft or published) of the user's organisation. Raises like
    `create_event`, and Event.DoesNotExist."""
    event = get_event_for_staff(user=user, slug=slug)
    if event.organization_id not in accounts_api.organization_ids_for_user(
        user=user, roles=EDITOR_ROLES
    ):
        raise PermissionDenied(NOT_AN_EDITOR)
    event = Event.objects.select_for_update().get(pk=event.pk)
    for name in EDITABLE:
        if name in fields:
            setattr(event, name, fields[name])
    _validate(event)
    event.save()
    return event


@transaction.atomic
def publish_event(*, user: User, slug: str, ip_address: str | None = None) -> Event:
    """Publish a draft (idempotent for a published one: no second audit row), by an approver
    or admin of its organisation; audited as `event_published`. Takes a row lock. Raises
    Event.DoesNotExist and PermissionDenied."""
    event = get_event_for_staff(user=user, slug=slug)
    if event.organization_id not in accounts_api.organization_ids_for_user(
        user=user, roles=PUBLISHER_ROLES
    ):
        raise PermissionDenied(NOT_A_PUBLISHER)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.state == Event.State.PUBLISHED:
        return event
    event.state = Event.State.PUBLISHED
    event.published_by = user
    event.published_at = timezone.now()
    event.save(update_fields=["state", "published_by", "published_at"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.EVENT_PUBLISHED,
        actor=user,
        target_type="event",
        target_id=event.slug,
        ip_address=ip_address,
        details={"organization": event.organization.slug, "starts_at": event.starts_at.isoformat()},
    )
    return event


def event_texts(event: Event, language: str | None) -> dict[str, str]:
    """Title and description in `language`, each falling back to the primary language."""
    primary = event.translations.get(event.primary_language, {})
    chosen = event.translations.get((language or "").lower(), {}) or event.translations.get(
        language or "", {}
    )
    return {
        "title": str(chosen.get("title") or primary.get("title", "")),
        "description": str(chosen.get("description") or primary.get("description", "")),
        "language": (language or event.primary_language) if chosen else event.primary_language,
    }


def local_time(moment: datetime, zone: str) -> datetime:
    """`moment` in the event's zone."""
    return timezone.localtime(moment, ZoneInfo(zone))
