"""Lesson videos: uploads and their HLS renditions, and resumable uploads under way."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from courses.models.course import Course


class VideoAsset(models.Model):
    """One uploaded video of a video lesson and its HLS renditions (courses/video.py and
    video_processing.py).

    Bound to the lesson's key, which is stable across versions, so a new draft keeps the video.
    Each upload is a new row: the lesson plays its newest ready asset, so a pending or failed
    upload never takes away the video learners already see. File names are below the "videos"
    storage, chosen by the server (`videos/<id>/...`).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PROBING = "probing", _("Checking the file")
        TRANSCODING = "transcoding", _("Transcoding")
        POSTER = "poster", _("Making the poster")
        STORING = "storing", _("Storing")
        DONE = "done", _("Done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="video_assets")
    lesson_key = models.UUIDField()
    source_name = models.CharField(max_length=300)
    source_size = models.PositiveBigIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.QUEUED)
    progress_percent = models.PositiveSmallIntegerField(default=0)
    # Why it failed: a code the status endpoint translates (courses/video.py) and its values.
    error_code = models.CharField(max_length=40, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    duration_seconds = models.FloatField(null=True, blank=True)
    playlist_name = models.CharField(max_length=300, blank=True)
    poster_name = models.CharField(max_length=300, blank=True)
    # WebVTT captions by content language, for lessons whose texts carry none (demo videos).
    captions = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Also the transcode's heartbeat: a processing row not touched for long was abandoned.
    updated_at = models.DateTimeField()
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="video_progress_percent"
            ),
            # A ready asset always has what a player needs.
            models.CheckConstraint(
                condition=~Q(state="ready") | (~Q(playlist_name="") & Q(ready_at__isnull=False)),
                name="video_ready_has_playlist",
            ),
        ]
        indexes: ClassVar = [
            # The video a lesson plays: its newest ready asset; its status: its newest upload.
            models.Index(
                fields=["course", "lesson_key", "state", "-ready_at"], name="video_by_lesson"
            ),
        ]

    def __str__(self) -> str:
        return f"video {self.pk} ({self.state})"


class VideoUploadSession(models.Model):
    """A resumable upload of a lesson video under way (courses/video_uploads.py).

    The bytes received so far sit in a partial file named after the id in the uploads folder,
    never in the database; `offset` is how many of them there are. It belongs to the author who
    started it, for one video lesson, and is deleted when the upload finishes, is cancelled, or
    expires (a sweep removes expired ones and their files).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    lesson_key = models.UUIDField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Moves forward with every chunk: an upload that is still going never expires.
    expires_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(offset__lte=F("size")), name="video_upload_offset_within_size"
            ),
        ]
        indexes: ClassVar = [
            # The sweep finds expired sessions.
            models.Index(fields=["expires_at"], name="video_upload_expiry"),
        ]

    def __str__(self) -> str:
        return f"video upload {self.pk} ({self.offset}/{self.size})"
