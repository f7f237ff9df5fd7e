"""E-learning packages (SCORM 1.2, SCORM 2004, cmi5) uploaded for package lessons."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.course import Course


class ElearningPackage(models.Model):
    """One uploaded e-learning package of a package lesson, and where its files are
    (courses/elearning.py and elearning_storing.py).

    Bound to the lesson's key, stable across versions, so a new draft keeps the package. Each
    upload is a new row: the lesson plays its newest ready package, so a package being stored
    or a failed one never takes away what learners already play. Its files are below the
    "packages" storage, in `packages/<id hex>/` under their paths in the zip.
    """

    class Standard(models.TextChoices):
        SCORM_12 = "scorm_1.2", _("SCORM 1.2")
        SCORM_2004 = "scorm_2004", _("SCORM 2004")
        CMI5 = "cmi5", _("cmi5")

    class State(models.TextChoices):
        STORING = "storing", _("Storing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="elearning_packages")
    lesson_key = models.UUIDField()
    standard = models.CharField(max_length=20, choices=Standard.choices)
    # SCORM 2004's edition: "2nd", "3rd" or "4th"; blank for the others.
    edition = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=500, blank=True)
    # The first SCO's (or AU's) file and query, relative to the package's folder.
    launch_path = models.CharField(max_length=2000)
    # Percent (0..100): SCORM 1.2's masteryscore, 2004's scaled passing score × 100, cmi5's
    # masteryScore × 100; None when the package sets none.
    mastery_score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    # The SCOs or AUs as the report lists them, with what the runtime needs of each.
    items = models.JSONField(default=list)
    # Warnings found on upload (blocking problems refuse the upload), and why storing failed:
    # [{"code", "path", "params"}], translated when read.
    problems = models.JSONField(default=list)
    state = models.CharField(max_length=20, choices=State.choices, default=State.STORING)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    file_count = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)  # unpacked bytes
    # The uploaded zip while it waits to be unpacked, in the "packages" storage; blank after.
    source_name = models.CharField(max_length=300, blank=True)
    folder = models.CharField(max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="elearning_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(mastery_score__isnull=True)
                | Q(mastery_score__gte=-100, mastery_score__lte=100),
                name="elearning_mastery_score_range",
            ),
            # A ready package always has its launch and the time it became ready.
            models.CheckConstraint(
                condition=~Q(state="ready") | (~Q(launch_path="") & Q(ready_at__isnull=False)),
                name="elearning_ready_has_launch",
            ),
        ]
        indexes: ClassVar = [
            # The package a lesson plays: its newest ready one; the report: its newest upload.
            models.Index(
                fields=["course", "lesson_key", "state", "-ready_at"], name="elearning_by_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard} package {self.pk} ({self.state})"
