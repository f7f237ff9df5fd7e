"""The records of the LRS: clients, statements (with their index rows), attachments, documents."""

import uuid
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization


class Client(models.Model):
    """A credential of an organisation's LRS client (HTTP Basic `key:secret`).

    The secret is 32 random bytes, so a SHA-256 of it is as safe as a slow hash and costs
    nothing per request. A launch credential (cmi5's fetch token) expires and is scoped to
    one actor, registration and activity.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="lrs_clients"
    )
    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(max_length=64, unique=True)
    secret_hash = models.CharField(max_length=64)
    is_active = models.BooleanField(_("active"), default=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    scope = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["organization", "name"]
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.key})"


class Statement(models.Model):
    """One stored statement; `sequence` is the strict order (ties of `stored` broken by it)."""

    sequence = models.BigAutoField(primary_key=True)
    id = models.UUIDField(unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    stored = models.DateTimeField()
    verb_id = models.CharField(max_length=2048)
    actor_key = models.CharField(max_length=2048)
    object_activity_id = models.CharField(max_length=2048, blank=True)
    object_statement_id = models.UUIDField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    voided = models.BooleanField(default=False)
    is_voiding = models.BooleanField(default=False)
    # The statement as the LRS returns it (stored, authority, version, timestamp set).
    statement = models.JSONField()
    # As the client sent it, for the comparison of a replayed id.
    submitted = models.JSONField()
    attachment_hashes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering: ClassVar = ["stored", "sequence"]
        indexes: ClassVar = [
            models.Index(fields=["organization", "stored", "sequence"]),
            models.Index(fields=["organization", "verb_id", "stored", "sequence"]),
            models.Index(fields=["organization", "registration", "stored", "sequence"]),
            # StatementRefs are few: queries for those targeting matches walk only them.
            models.Index(
                fields=["organization", "stored", "sequence"],
                condition=Q(object_statement_id__isnull=False),
                name="lrs_statement_refs_idx",
            ),
        ]

    def __str__(self) -> str:
        return str(self.id)


class StatementAgent(models.Model):
    """An agent a statement names: `direct` for its actor or object, else related."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="agents")
    agent_key = models.CharField(max_length=2048)
    direct = models.BooleanField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["agent_key", "direct"])]

    def __str__(self) -> str:
        return self.agent_key


class StatementActivity(models.Model):
    """An activity a statement names: `direct` for its object, else related."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="activities")
    activity_id = models.CharField(max_length=2048)
    direct = models.BooleanField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["activity_id", "direct"])]

    def __str__(self) -> str:
        return self.activity_id


class Activity(models.Model):
    """The latest definition of an activity, as statements stated it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    activity_id = models.CharField(max_length=2048)
    definition = models.JSONField(default=dict)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["organization", "activity_id"], name="lrs_activity_unique"
            )
        ]

    def __str__(self) -> str:
        return self.activity_id


class Attachment(models.Model):
    """An attachment's content, once per organisation and SHA-2 hash."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sha2 = models.CharField(max_length=128)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "sha2"], name="lrs_attachment_unique")
        ]

    def __str__(self) -> str:
        return self.sha2


class Document(models.Model):
    """A state, activity profile or agent profile document."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        ACTIVITY_PROFILE = "activity_profile", _("Activity profile")
        AGENT_PROFILE = "agent_profile", _("Agent profile")

    uid = models.UUIDField(default=uuid.uuid4, unique=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    activity_id = models.CharField(max_length=2048, blank=True)
    agent_key = models.CharField(max_length=2048, blank=True)
    registration = models.CharField(max_length=36, blank=True)
    document_id = models.CharField(max_length=2048)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()
    etag = models.CharField(max_length=64)
    updated = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["updated", "id"]
        indexes: ClassVar = [
            models.Index(fields=["organization", "kind", "activity_id", "agent_key"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id}"
