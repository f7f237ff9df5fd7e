"""The transcode as a service: a task's run over one uploaded video (probe, HLS ladder, poster,
stored next to the source), with its progress on the asset; and the demo tools' shortcuts that
transcode in process or restore outputs made earlier. ffmpeg itself is courses/transcode.py.
"""

import logging
import shutil
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from courses import transcode, video_storage
from courses.models import VideoAsset

__all__ = [
    "add_lesson_video_file",
    "copy_video_outputs",
    "process_video_asset",
    "restore_lesson_video",
]

logger = logging.getLogger(__name__)

# A processing asset whose transcode has not reported for this long was abandoned (worker lost).
ABANDONED_AFTER = timedelta(minutes=5)
_PROGRESS_INTERVAL_SECONDS = 1.0


def add_lesson_video_file(
    *, course_id: int, lesson_key: uuid.UUID, path: Path, captions: dict[str, str]
) -> VideoAsset | None:
    """Store a local video file for a lesson and transcode it now, in this process, with the
    given WebVTT captions by language (demo data and tools: no access is checked). Returns the
    asset as it ended (ready or failed), as `process_video_asset` does."""
    asset_id = uuid.uuid4()
    with path.open("rb") as handle:
        stored = video_storage.videos_storage().save(
            f"{video_storage.asset_folder(asset_id)}/source{path.suffix}", File(handle)
        )
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
    storage = video_storage.videos_storage()
    folder = video_storage.asset_folder(asset_id)

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
    folder = video_storage.asset_folder(asset_id)
    storage = video_storage.videos_storage()
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
    storage = video_storage.videos_storage()
    folder = video_storage.asset_folder(asset.pk)
    threads = settings.VIDEO_FFMPEG_THREADS
    last_report = [0.0]

    def on_progress(fraction: float) -> None:
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
