"""Lesson videos as their authors handle them: the checks before an upload, storing it and
queueing its transcode (courses/video_processing.py), and the status of the newest upload.

The lesson keeps playing its current video (courses/video_playback.py) until a new one is ready.
"""

import uuid
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from config.sniffing import sniffed_type
from courses.models import Course, Lesson, VideoAsset
from courses.signals import video_uploaded
from courses.video_storage import asset_folder, videos_storage

__all__ = [
    "VIDEO_ERRORS",
    "check_video_upload",
    "lesson_video_status",
    "upload_lesson_video",
]

# The extensions an upload may have; libmagic must agree that the bytes are a media container
# (ffprobe, in the task, is the real judge).
VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".mkv", ".webm"})
_SNIFFED_PREFIXES = ("video/", "audio/")
_SNIFFED_UNKNOWN = "application/octet-stream"  # a container libmagic does not know: ffprobe decides

VIDEO_ROLE_REQUIRED = gettext_lazy("'%(action)s' needs the %(role)s role in an owning institution.")
VIDEO_TOO_LARGE = gettext_lazy("The video is larger than the limit of %(limit)d MB.")
VIDEO_TYPE_REFUSED = gettext_lazy("This file is not a video. Upload an MP4, MOV, MKV or WebM file.")
VIDEO_ERRORS: dict[str, Any] = {
    "not_a_video": gettext_lazy(
        "This file is not a playable video, or it is incomplete. Upload an MP4, MOV, MKV or "
        "WebM file."
    ),
    "no_video_stream": gettext_lazy(
        "This file has sound but no picture. Upload a video with a picture."
    ),
    "unsupported_codec": gettext_lazy(
        "This video is encoded in a format the platform cannot read. Export it as H.264 (MP4) "
        "and upload it again."
    ),
    "no_duration": gettext_lazy("This video is empty: it has no length."),
    "too_long": gettext_lazy("This video is longer than the limit of %(limit_minutes)d minutes."),
    "transcode_failed": gettext_lazy(
        "The video could not be converted; the file may be damaged or incomplete."
    ),
    "storage_unavailable": gettext_lazy(
        "The video could not be stored: file storage was unavailable. Upload it again later."
    ),
}


def _course_for_staff(*, user: User, slug: str) -> Course:
    """The course if the user holds a staff role in an owning institution; Course.DoesNotExist
    otherwise (unknown and foreign alike, and for a verifier)."""
    organization_ids = accounts_api.organization_ids_for_user(
        user=user, roles=accounts_api.STAFF_ROLES
    )
    return Course.objects.filter(institutions__in=organization_ids).distinct().get(slug=slug)


def _require_video_lesson(*, course: Course, lesson_key: uuid.UUID) -> None:
    if not Lesson.objects.filter(
        module__version__course=course, key=lesson_key, kind=Lesson.Kind.VIDEO
    ).exists():
        raise Lesson.DoesNotExist


def check_video_upload(
    *, user: User, slug: str, lesson_key: uuid.UUID, filename: str, size: int | None
) -> Course:
    """The course, when the user may upload a video of `size` bytes named `filename` for this
    video lesson (the checks made before any byte is stored). Raises Course.DoesNotExist,
    Lesson.DoesNotExist, PermissionDenied (not an author), ValidationError with code
    `too_large` or `unsupported_type` (by the name's extension; the bytes are sniffed later)."""
    course = _course_for_staff(user=user, slug=slug)
    owners = set(course.institutions.values_list("id", flat=True))
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=("author",)):
        raise PermissionDenied(VIDEO_ROLE_REQUIRED % {"action": "upload", "role": "author"})
    _require_video_lesson(course=course, lesson_key=lesson_key)
    limit = settings.VIDEO_MAX_BYTES
    if size is None or size > limit:
        raise ValidationError(VIDEO_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large")
    if PurePosixPath(filename).suffix.lower() not in VIDEO_EXTENSIONS:
        raise ValidationError(VIDEO_TYPE_REFUSED, code="unsupported_type")
    return course


def upload_lesson_video(
    *, user: User, slug: str, lesson_key: uuid.UUID, file: UploadedFile
) -> VideoAsset:
    """Store an author's video for a video lesson (of any version of the course: the video
    follows the lesson's key) and queue its transcode once the transaction commits.

    The lesson keeps playing its current video until this one is ready. Raises Course.DoesNotExist
    (unknown or not the user's course), Lesson.DoesNotExist (no video lesson with that key),
    PermissionDenied (not an author), ValidationError with code `too_large` or
    `unsupported_type`. The file is streamed to storage, never read whole into memory.
    """
    course = check_video_upload(
        user=user, slug=slug, lesson_key=lesson_key, filename=file.name or "", size=file.size
    )
    extension = PurePosixPath(file.name or "").suffix.lower()
    head = file.read(2048)
    file.seek(0)
    sniffed = sniffed_type(head)
    if extension not in VIDEO_EXTENSIONS or not (
        sniffed.startswith(_SNIFFED_PREFIXES) or sniffed == _SNIFFED_UNKNOWN
    ):
        raise ValidationError(VIDEO_TYPE_REFUSED, code="unsupported_type")
    asset_id = uuid.uuid4()
    stored = videos_storage().save(f"{asset_folder(asset_id)}/source{extension}", file)
    with transaction.atomic():
        asset = VideoAsset.objects.create(
            id=asset_id,
            course=course,
            lesson_key=lesson_key,
            source_name=stored,
            source_size=file.size or 0,  # check_video_upload refused a file of no known size
            uploaded_by=user,
            updated_at=timezone.now(),
        )
        asset_id = asset.pk
        transaction.on_commit(lambda: video_uploaded.send(sender=VideoAsset, asset_id=asset_id))
    return asset


def lesson_video_status(*, user: User, slug: str, lesson_key: uuid.UUID) -> dict[str, Any]:
    """The newest upload of a video lesson as its course's staff see it: state (`none` before
    any upload), stage, percent, the translated reason of a failure, and whether the lesson has
    a ready video to play meanwhile. Raises Course.DoesNotExist and Lesson.DoesNotExist."""
    course = _course_for_staff(user=user, slug=slug)
    _require_video_lesson(course=course, lesson_key=lesson_key)
    assets = VideoAsset.objects.filter(course=course, lesson_key=lesson_key)
    newest = assets.order_by("-created_at").first()
    playing = assets.filter(state=VideoAsset.State.READY).order_by("-ready_at").first()
    if newest is None:
        return {
            "state": "none",
            "stage": None,
            "percent": 0,
            "error": None,
            "duration_seconds": None,
            "has_ready_video": False,
        }
    error = None
    if newest.state == VideoAsset.State.FAILED:
        message = VIDEO_ERRORS.get(newest.error_code, VIDEO_ERRORS["transcode_failed"])
        error = str(message % newest.error_params if newest.error_params else message)
    return {
        "state": newest.state,
        "stage": newest.stage,
        "percent": newest.progress_percent,
        "error": error,
        "duration_seconds": newest.duration_seconds,
        "has_ready_video": playing is not None,
    }
