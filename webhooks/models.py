"""Webhook endpoints an organisation registers, and every delivery made to them."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    """What an endpoint can subscribe to."""

    CERTIFICATE_ISSUED = "certificate.issued", _("Certificate issued")
    CERTIFICATE_REVOKED = "certificate.revoked", _("Certificate revoked")
    ENROLLMENT_COMPLETED = "enrollment.completed", _("Enrollment completed")
    EVENT_ATTENDED = "event.attended", _("Event attended")
    PROGRAM_COMPLETED = "program.completed", _("Program completed")


# Sent only when an administrator asks for a test delivery; nobody subscribes to it.
TEST_EVENT_TYPE = "webhook.test"


class Endpoint(models.Model):
    """An organisation's receiver: where deliveries go, what it wants, and the secret(s) that
    sign them. The secret is kept readable because every delivery is signed with it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    # Checked by addresses.resolve_target (stricter than URLField), at registration and delivery.
    url = models.CharField(_("URL"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # A list of EventType values (a JSON list rather than an array: SQLite runs it too).
    event_types = models.JSONField(_("event types"), default=list)
    secret = models.CharField(max_length=100)
    # After a rotation the old secret still signs (a second signature) until it expires, so a
    # receiver can switch at its own pace.
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    disabled_reason = models.CharField(_("reason disabled"), max_length=300, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    # Failed attempts in a row, and when the first of them was; a success resets both.
    consecutive_failures = models.PositiveIntegerField(default=0)
    failing_since = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["created_at"]
        indexes: ClassVar = [
            # Every emitted event looks up the active endpoints of a few organisations.
            models.Index(fields=["organization", "is_active"], name="webhook_endpoint_org_active"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(is_active=True) | ~models.Q(disabled_reason=""),
                name="webhook_endpoint_disabled_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.url} ({self.organization_id})"


class Delivery(models.Model):
    """One message to one endpoint, with its retries: what was sent and how the last attempt
    went. The receiver's answer is kept only as a short snippet."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=40)
    # The `webhook-id` header: the same for every attempt and for a manual redelivery, so a
    # receiver can drop duplicates.
    message_id = models.CharField(max_length=40)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    # When a pending delivery is due; while an attempt runs, the end of its lease.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_response_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    redelivery_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        indexes: ClassVar = [
            # The delivery log: one endpoint's newest first, optionally narrowed by state or type.
            models.Index(fields=["endpoint", "-created_at", "-id"], name="webhook_delivery_log"),
            models.Index(
                fields=["endpoint", "state", "-created_at"], name="webhook_delivery_by_state"
            ),
            models.Index(
                fields=["endpoint", "event_type", "-created_at"], name="webhook_delivery_by_type"
            ),
            # The sweep reads only the due pending deliveries.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="pending"),
                name="webhook_delivery_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.message_id} → {self.endpoint_id}"
