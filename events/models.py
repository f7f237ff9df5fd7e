"""Events an institution publishes, the registrations for them, and who attended."""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """A conference, webinar or workshop of one organisation, online or on site."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        WEBINAR = "webinar", _("Webinar")
        WORKSHOP = "workshop", _("Workshop")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(max_length=80, unique=True)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    is_online = models.BooleanField(default=True)
    # Shown only to registered attendees (events.selectors).
    meeting_url = models.URLField(max_length=500, blank=True)
    place = models.CharField(max_length=200, blank=True)
    address = models.CharField(max_length=300, blank=True)
    primary_language = models.CharField(max_length=10)
    # {"en": {"title": ..., "description": ...}, "zh-hans": {...}}; the primary one required.
    translations = models.JSONField(default=dict)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64)  # IANA name, validated with zoneinfo
    capacity = models.PositiveIntegerField(null=True, blank=True)  # None: unlimited
    # Entered by attendees during the event to record their own attendance.
    check_in_code = models.CharField(max_length=12)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["starts_at", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["state", "starts_at"])]

    def __str__(self) -> str:
        return self.slug


class Registration(models.Model):
    """One person's place at an event: registered, waitlisted or cancelled (kept, so that
    registering again reuses the row and the unique constraint holds)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("Waitlisted")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    # Waitlist order: the earliest is promoted first.
    registered_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended_at = models.DateTimeField(null=True, blank=True)
    credential = models.OneToOneField(
        "certificates.AttendanceCredential",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering: ClassVar = ["registered_at", "id"]
        constraints: ClassVar = [
            # One row per person and event: registering twice is refused, not duplicated.
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event"),
            models.CheckConstraint(
                condition=Q(attended_at__isnull=True) | Q(status="registered"),
                name="only_registered_attend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.event_id} ({self.status})"
