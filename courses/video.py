"""Video lessons: authors upload, a task transcodes to HLS, learners play the newest ready video.

Files go through the "videos" storage (settings.STORAGES) under names the server chooses:
`videos/<asset id>/source<ext>`, `.../hls/master.m3u8`, `.../hls/<rung>/index.m3u8` and
`seg_NNNN.ts`, `.../poster.jpg`. They leave the server only through the one download view, whose
opener (enrollment.videos) checks access; the source file is never served.
"""

import logging
import re
import shutil
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from config.sniffing import sniffed_type
from courses import transcode, video_storage
from courses.models import Course, Lesson, VideoAsset
from courses.signals import video_uploaded

__all__ = [
    "VIDEO_ERRORS",
    "add_lesson_video_file",
    "check_video_upload",
    "copy_video_outputs",
    "get_video_file",
    "lesson_video_status",
    "playing_videos",
    "process_video_asset",
    "restore_lesson_video",
    "upload_lesson_video",
]

logger = logging.getLogger(__name__)

# The extensions an upload may have; libmagic must agree that the bytes are a media container
# (ffprobe, in the task, is the real judge).
VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".mkv", ".webm"})
_SNIFFED_PREFIXES = ("video/", "audio/")
_SNIFFED_UNKNOWN = "application/octet-stream"  # a container libmagic does not know: ffprobe decides
# A processing asset whose transcode has not reported for this long was abandoned (worker lost).
ABANDONED_AFTER = timedelta(minutes=5)
_PROGRESS_INTERVAL_SECONDS = 1.0

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

_STORED_NAME = re.compile(
    r"^videos/(?P<asset>[0-9a-f]{32})/"
    r"(?P<path>hls/master\.m3u8|hls/(?:360p|720p)/(?:index\.m3u8|seg_\d{4,6}\.ts)|poster\.jpg)$"
)
_CONTENT_TYPES = {
    ".m3u8": "application/vnd.apple.mpegurl",
    ".ts": "video/mp2t",
    ".jpg": "image/jpeg",
}


def _storage() -> Storage:
    return storages["videos"]


def _asset_folder(asset_id: uuid.UUID) -> str:
    return f"videos/{asset_id.hex}"


def _course_for_staff(*, user: User, slug: str) -> Course:
    """The course if the user holds any role in an owning institution; Course.DoesNotExist
    otherwise (unknown and foreign alike)."""
    organization_ids = accounts_api.organization_ids_for_user(user=user)
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
    stored = _storage().save(f"{_asset_folder(asset_id)}/source{extension}", file)
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


def add_lesson_video_file(
    *, course_id: int, lesson_key: uuid.UUID, path: Path, captions: dict[str, str]
) -> VideoAsset | None:
    """Store a local video file for a lesson and transcode it now, in this process, with the
    given WebVTT captions by language (demo data and tools: no access is checked). Returns the
    asset as it ended (ready or failed), as `process_video_asset` does."""
    asset_id = uuid.uuid4()
    with path.open("rb") as handle:
        stored = _storage().save(f"{_asset_folder(asset_id)}/source{path.suffix}", File(handle))
    VideoAsset.objects.create(
        id=asset_id,
        course_id=course_id,
        lesson_key=lesson_key,
        source_name=stored,
        source_size=path.stat().st_size,
        captions=captions,
        updated_at=timezone.now(),
    )
    return process_video_asset(asset_id=asset_id)


def copy_video_outputs(*, asset_id: uuid.UUID, target: Path) -> None:
    """Copy a ready asset's HLS folder and poster out of storage into `target` (a cache)."""
    storage = _storage()
    folder = _asset_folder(asset_id)

    def copy(directory: str) -> None:
        subfolders, files = storage.listdir(f"{folder}/{directory}".rstrip("/"))
        for name in files:
            if directory == "" and not name.endswith(".jpg"):
                continue  # the source stays behind
            (target / directory).mkdir(parents=True, exist_ok=True)
            with storage.open(f"{folder}/{directory}{name}", "rb") as stored:
                (target / directory / name).write_bytes(stored.read())
        for subfolder in subfolders:
            copy(f"{directory}{subfolder}/")

    copy("")


def restore_lesson_video(
    *,
    course_id: int,
    lesson_key: uuid.UUID,
    source: Path,
    outputs: Path,
    duration_seconds: float,
    captions: dict[str, str],
) -> VideoAsset:
    """A ready asset from a source and the outputs this pipeline made of it earlier (copied out
    with `copy_video_outputs`): demo data made once, restored into a fresh database without
    transcoding again. No access is checked."""
    asset_id = uuid.uuid4()
    folder = _asset_folder(asset_id)
    storage = _storage()
    with source.open("rb") as handle:
        stored = storage.save(f"{folder}/source{source.suffix}", File(handle))
    _store_outputs(storage, outputs, folder)
    now = timezone.now()
    return VideoAsset.objects.create(
        id=asset_id,
        course_id=course_id,
        lesson_key=lesson_key,
        source_name=stored,
        source_size=source.stat().st_size,
        state=VideoAsset.State.READY,
        stage=VideoAsset.Stage.DONE,
        progress_percent=100,
        duration_seconds=duration_seconds,
        playlist_name=f"{folder}/hls/{transcode.MASTER_PLAYLIST}",
        poster_name=f"{folder}/{transcode.POSTER}",
        captions=captions,
        updated_at=now,
        ready_at=now,
    )


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


def playing_videos(*, course_id: int, lesson_keys: list[uuid.UUID]) -> dict[uuid.UUID, VideoAsset]:
    """The ready video each lesson plays (its newest ready asset), by lesson key; one query."""
    chosen: dict[uuid.UUID, VideoAsset] = {}
    for asset in VideoAsset.objects.filter(
        course_id=course_id, lesson_key__in=lesson_keys, state=VideoAsset.State.READY
    ).order_by("-ready_at"):
        chosen.setdefault(asset.lesson_key, asset)
    return chosen


class _StoredName:
    """A stored name that opens like a FieldFile (what the download view reads)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def open(self, mode: str = "rb") -> File:
        return _storage().open(self.name, mode)


def get_video_file(*, name: str) -> tuple[VideoAsset, accounts_api.StoredFile]:
    """A playlist, segment or poster of a ready video by its stored name, with its asset; no
    access is checked here (enrollment.api.open_video_file does). The source upload is never
    offered. Raises VideoAsset.DoesNotExist."""
    match = _STORED_NAME.match(name)
    if match is None:
        raise VideoAsset.DoesNotExist
    asset = VideoAsset.objects.get(pk=uuid.UUID(hex=match["asset"]), state=VideoAsset.State.READY)
    return asset, accounts_api.StoredFile(
        file=_StoredName(name),
        download_name=PurePosixPath(name).name,
        content_type=_CONTENT_TYPES[PurePosixPath(name).suffix],
        cache_control=video_storage.cache_control_for(name),
        redirect_url=video_storage.signed_segment_url(_storage(), name),
    )


# --- the transcode ------------------------------------------------------------------------------


def _claim(asset_id: uuid.UUID) -> VideoAsset | None:
    """Mark the asset processing and return it, unless it is finished or another run is at it."""
    with transaction.atomic():
        asset = VideoAsset.objects.select_for_update().filter(pk=asset_id).first()
        if asset is None or asset.state in (VideoAsset.State.READY, VideoAsset.State.FAILED):
            return None
        now = timezone.now()
        if asset.state == VideoAsset.State.PROCESSING and asset.updated_at > now - ABANDONED_AFTER:
            return None
        asset.state = VideoAsset.State.PROCESSING
        asset.stage = VideoAsset.Stage.PROBING
        asset.progress_percent = 0
        asset.updated_at = now
        asset.save(update_fields=["state", "stage", "progress_percent", "updated_at"])
        return asset


def _report(asset_id: uuid.UUID, *, stage: str, percent: int) -> None:
    VideoAsset.objects.filter(pk=asset_id).update(
        stage=stage, progress_percent=percent, updated_at=timezone.now()
    )


def _local_source(storage: Storage, name: str, work: Path) -> Path:
    """A local path of the stored source: the file itself on a filesystem storage, else a copy."""
    try:
        return Path(storage.path(name))
    except NotImplementedError:
        local = work / f"source{PurePosixPath(name).suffix}"
        with storage.open(name, "rb") as stored, local.open("wb") as copy:
            shutil.copyfileobj(stored, copy, length=1024 * 1024)
        return local


def _store_outputs(storage: Storage, output: Path, folder: str) -> None:
    """Save every file under `output` at `folder/<relative path>`, replacing what an earlier
    run stored there (playlists name their segments, so names must be exact)."""
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        name = f"{folder}/{path.relative_to(output).as_posix()}"
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle))
        if saved != name:
            raise OSError(f"storage saved {name} as {saved}")


def process_video_asset(*, asset_id: uuid.UUID, is_last_attempt: bool = False) -> VideoAsset | None:
    """Probe and transcode an uploaded video to HLS (360p and 720p, 6 s segments) with a poster,
    reporting stage and percent on the asset at most once a second.

    Safe to run twice: a finished asset is left alone, and one that another run is processing
    (it reported within ABANDONED_AFTER) too. A file that is not a usable video ends `failed`
    with the reason; the lesson keeps playing its previous ready video. Raises OSError when the
    storage fails (a transient S3 failure as video_storage.StorageUnavailableError), after putting
    the asset back to pending so a retry takes it up again; on the `is_last_attempt` it ends
    `failed` with `storage_unavailable` instead.
    Returns the asset as it ended, or None when there was nothing to do.
    """
    asset = _claim(asset_id)
    if asset is None:
        return None
    storage = _storage()
    folder = _asset_folder(asset.pk)
    threads = settings.VIDEO_FFMPEG_THREADS
    last_report = [0.0]

    def on_progress(fraction: float) -> None:
        import time

        now = time.monotonic()
        if now - last_report[0] >= _PROGRESS_INTERVAL_SECONDS:
            last_report[0] = now
            _report(asset.pk, stage=VideoAsset.Stage.TRANSCODING, percent=int(fraction * 95))

    try:
        with (
            tempfile.TemporaryDirectory(prefix="icim-video-") as work_dir,
            video_storage.storage_errors(),
        ):
            work = Path(work_dir)
            source = _local_source(storage, asset.source_name, work)
            facts = transcode.probe(source, max_seconds=settings.VIDEO_MAX_SECONDS)
            _report(asset.pk, stage=VideoAsset.Stage.TRANSCODING, percent=0)
            output = work / "out"
            (output / "hls").mkdir(parents=True)
            transcode.transcode_hls(
                source,
                output / "hls",
                facts=facts,
                threads=threads,
                # Generous: two renditions at "veryfast" run well above real time on 2 cores.
                timeout_seconds=600 + 3 * facts.duration_seconds,
                on_progress=on_progress,
            )
            _report(asset.pk, stage=VideoAsset.Stage.POSTER, percent=96)
            transcode.make_poster(source, output, facts=facts, threads=threads)
            _report(asset.pk, stage=VideoAsset.Stage.STORING, percent=97)
            _store_outputs(storage, output, folder)
    except transcode.VideoRefused as refusal:
        logger.warning("Video %s refused: %s %s", asset.pk, refusal.code, refusal.params)
        VideoAsset.objects.filter(pk=asset.pk).update(
            state=VideoAsset.State.FAILED,
            error_code=refusal.code,
            error_params={key: value for key, value in refusal.params.items() if key != "reason"},
            updated_at=timezone.now(),
        )
        asset.refresh_from_db()
        return asset
    except OSError:
        if is_last_attempt:
            video_storage.fail_unstored_video(asset_id=asset.pk)
        else:
            VideoAsset.objects.filter(pk=asset.pk).update(
                state=VideoAsset.State.PENDING, stage=VideoAsset.Stage.QUEUED, progress_percent=0
            )
        raise
    now = timezone.now()
    VideoAsset.objects.filter(pk=asset.pk).update(
        state=VideoAsset.State.READY,
        stage=VideoAsset.Stage.DONE,
        progress_percent=100,
        duration_seconds=facts.duration_seconds,
        playlist_name=f"{folder}/hls/{transcode.MASTER_PLAYLIST}",
        poster_name=f"{folder}/{transcode.POSTER}",
        error_code="",
        error_params={},
        ready_at=now,
        updated_at=now,
    )
    asset.refresh_from_db()
    return asset
