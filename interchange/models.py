"""An import under way: its uploaded file, its progress, its report and what it created."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseImport(models.Model):
    """One upload of a course in another format, from analysis to the draft it became.

    queued → analysing → ready (the report waits for the author's confirmation) → importing →
    imported; any stage may end in failed (the report says why; nothing was written).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        ANALYSING = "analysing", _("Analysing")
        READY = "ready", _("Ready to import")
        IMPORTING = "importing", _("Importing")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        COMMON_CARTRIDGE = "imscc", _("IMS Common Cartridge")
        MOODLE_BACKUP = "mbz", _("Moodle backup")
        OLX = "olx", _("Open edX OLX")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    format = models.CharField(max_length=20, choices=Format.choices)
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    # Where the upload is kept (the `packages` storage, never served as is) until it is imported.
    stored_name = models.CharField(max_length=300)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    stage = models.CharField(max_length=20, blank=True)
    items_done = models.PositiveIntegerField(default=0)
    items_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    version = models.ForeignKey(
        "courses.CourseVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        constraints: ClassVar = [
            # Progress never runs past its total.
            models.CheckConstraint(
                condition=models.Q(items_done__lte=models.F("items_total")),
                name="interchange_import_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"
