"""Reads for the views: the public list of upcoming events, one event as its viewer may see
it, the staff's events and an event's registrations."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts import api as accounts_api
from accounts.models import Membership, User
from events.authoring import STAFF_ROLES
from events.models import Event, Registration


def list_upcoming_events(
    *,
    organization: str | None = None,
    kind: str | None = None,
    language: str | None = None,
    is_online: bool | None = None,
) -> QuerySet[Event]:
    """Published events that have not ended, soonest first, with their registered count."""
    events = (
        Event.objects.filter(state=Event.State.PUBLISHED, ends_at__gt=timezone.now())
        .select_related("organization")
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .order_by("starts_at", "pk")
    )
    if organization:
        events = events.filter(organization__slug=organization)
    if kind:
        events = events.filter(kind=kind)
    if language:
        events = events.filter(
            Q(primary_language=language.lower()) | Q(translations__has_key=language.lower())
        )
    if is_online is not None:
        events = events.filter(is_online=is_online)
    return events


def list_events_for_staff(*, user: User) -> QuerySet[Event]:
    """Every event (drafts too) of the user's organisations, newest start first."""
    organizations = accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
    return (
        Event.objects.filter(organization_id__in=organizations)
        .select_related("organization")
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .order_by("-starts_at", "pk")
    )


def get_event_for_user(*, user: User, slug: str) -> Event:
    """A published event, or a draft of one of the user's organisations. Raises
    Event.DoesNotExist for unknown events and others' drafts alike."""
    visible = Q(state=Event.State.PUBLISHED)
    if user.is_authenticated:
        visible |= Q(
            organization_id__in=accounts_api.organization_ids_for_user(user=user, roles=STAFF_ROLES)
        )
    return (
        Event.objects.filter(visible, slug=slug)
        .select_related("organization")
        .annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .get()
    )


def registration_of(*, user: User, event: Event) -> Registration | None:
    """The user's registration for the event (any status), or None."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def is_event_staff(*, user: User, event: Event) -> bool:
    """Whether the user holds a staff role in the event's organisation."""
    return bool(event_roles(user=user, event=event) & set(STAFF_ROLES))


def event_roles(*, user: User, event: Event) -> set[str]:
    """The roles the user holds in the event's organisation (one query; none when signed out)."""
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(user=user, organization_id=event.organization_id).values_list(
            "role", flat=True
        )
    )


def list_registrations(*, event: Event) -> QuerySet[Registration]:
    """The event's registrations (waitlist in order), with the person."""
    return (
        Registration.objects.filter(event=event)
        .select_related("user")
        .order_by("status", "registered_at", "pk")
    )


def list_my_registrations(*, user: User) -> QuerySet[Registration]:
    """The user's current registrations and attendances, with event and credential."""
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__organization", "credential")
        .order_by("-event__starts_at", "pk")
    )


def organization_feed_events(*, organization_slug: str) -> QuerySet[Event]:
    """The organisation's published events (past ones too: a calendar keeps them)."""
    return (
        Event.objects.filter(state=Event.State.PUBLISHED, organization__slug=organization_slug)
        .select_related("organization")
        .order_by("starts_at", "pk")
    )
