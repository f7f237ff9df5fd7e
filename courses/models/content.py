"""A version's content: its modules, their lessons, and the resource files lessons offer."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models.competencies import Competency
from courses.models.course import Course, CourseVersion

# A video lesson is watched at this share of its length (percent), unless its author chose another.
DEFAULT_VIDEO_WATCHED_PERCENT = 90


class Module(models.Model):
    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="modules")
    # Stable across versions, so diffs and learners' progress can follow a module.
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["version", "key"], name="module_key_per_version"),
        ]

    def __str__(self) -> str:
        return f"module {self.position + 1} of version {self.version_id}"


class Lesson(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        VIDEO = "video", _("Video")
        RESOURCE = "resource", _("Resource")
        QUIZ = "quiz", _("Quiz")
        # An uploaded SCORM or cmi5 package (courses/elearning.py).
        PACKAGE = "package", _("E-learning package")

    class VideoCompletion(models.TextChoices):
        # The accessible default: a learner who cannot watch completes by reading the transcript.
        WATCHED_OR_TRANSCRIPT = "watched_or_transcript", _("Watched or transcript read")
        WATCHED = "watched", _("Watched")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    key = models.UUIDField(default=uuid.uuid4)
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_required = models.BooleanField(default=True)
    duration_minutes = models.PositiveSmallIntegerField(default=0)
    video_url = models.URLField(blank=True)
    # Video lessons: what completes them, and the share of the length to watch (percent).
    video_completion = models.CharField(
        max_length=30,
        choices=VideoCompletion.choices,
        default=VideoCompletion.WATCHED_OR_TRANSCRIPT,
    )
    video_watched_percent = models.PositiveSmallIntegerField(
        default=DEFAULT_VIDEO_WATCHED_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # Anyone, signed in or not, may open a preview lesson (and play its video) from the course page.
    is_preview = models.BooleanField(default=False)
    resource = models.ForeignKey(
        "Resource", null=True, blank=True, on_delete=models.PROTECT, related_name="lessons"
    )
    competencies = models.ManyToManyField(Competency, blank=True, related_name="lessons")
    # Per language: title, body (Markdown), and for videos transcript and captions (WebVTT).
    translations = models.JSONField(default=dict)

    class Meta:
        ordering: ClassVar = ["position", "id"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(video_watched_percent__gte=1, video_watched_percent__lte=100),
                name="lesson_video_watched_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} lesson {self.position + 1} of module {self.module_id}"


class Resource(models.Model):
    """An uploaded file a resource lesson offers for download; shared by versions that use it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="resources")
    file = models.FileField(upload_to="courses/resources/%Y/%m/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename
