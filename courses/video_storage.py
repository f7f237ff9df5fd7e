"""Where the video pipeline keeps its files, its storage failures, and how long browsers may
keep what it serves.

Files go through the "videos" storage (settings.STORAGES) under names the server chooses:
`videos/<asset id>/source<ext>`, `.../hls/master.m3u8`, `.../hls/<rung>/index.m3u8` and
`seg_NNNN.ts`, `.../poster.jpg`. They leave the server only through the one download view, whose
opener (enrollment.videos) checks access; the source file is never served.

A transcode reads its source from, and writes its outputs to, the "videos" storage: the
filesystem (whose failures are OSError) or an S3-compatible store through boto3 (whose failures
are botocore exceptions). `storage_errors` turns the transient ones of the latter into
`StorageUnavailableError`, an OSError, so the task retries one kind of error whatever the backend;
a client error that retrying cannot fix (a refused key, a missing bucket) passes unchanged.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from boto3.exceptions import S3UploadFailedError
from botocore.exceptions import ClientError
from botocore.exceptions import ConnectionError as StorageConnectionError
from django.conf import settings
from django.core.files.storage import Storage, storages
from django.utils import timezone

from courses.models import VideoAsset

__all__ = [
    "StorageUnavailableError",
    "asset_folder",
    "cache_control_for",
    "fail_unstored_video",
    "signed_segment_url",
    "storage_errors",
    "videos_storage",
]

# S3 error codes that mean "try again later" even when the status is not a 5xx.
_TRANSIENT_CODES = frozenset({"RequestTimeout", "SlowDown", "ServiceUnavailable", "InternalError"})

# A segment's name is never reused for other bytes (each upload gets a new random folder), so a
# browser may keep it; a playlist is small and revalidated, so an access ended shows at once.
SEGMENT_MAX_AGE_SECONDS = 24 * 3600
POSTER_MAX_AGE_SECONDS = 3600


def videos_storage() -> Storage:
    """The "videos" storage of settings.STORAGES."""
    return storages["videos"]


def asset_folder(asset_id: uuid.UUID) -> str:
    """The folder of one asset's source and outputs in the videos storage."""
    return f"videos/{asset_id.hex}"


class StorageUnavailableError(OSError):
    """The storage did not answer, or answered that it is failing for now."""


def _is_transient(error: ClientError) -> bool:
    status = int(error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
    return status >= 500 or error.response.get("Error", {}).get("Code") in _TRANSIENT_CODES


@contextmanager
def storage_errors() -> Iterator[None]:
    """Raise StorageUnavailableError (an OSError) for a transient S3 failure inside the block: no
    connection, a 5xx or a throttling answer, an upload that failed on one of those."""
    try:
        yield
    except StorageConnectionError as error:
        raise StorageUnavailableError(str(error)) from error
    except ClientError as error:
        if _is_transient(error):
            raise StorageUnavailableError(str(error)) from error
        raise
    except S3UploadFailedError as error:
        # boto3's uploader raises this while handling the ClientError, which it keeps as context.
        cause = error.__context__
        if isinstance(cause, ClientError) and _is_transient(cause):
            raise StorageUnavailableError(str(error)) from error
        raise


def cache_control_for(name: str) -> str:
    """The Cache-Control of a served video file: segments kept a day, the poster an hour, and
    playlists revalidated on every request. Always `private`: no shared cache keeps them."""
    suffix = PurePosixPath(name).suffix
    if suffix == ".ts":
        return f"private, max-age={SEGMENT_MAX_AGE_SECONDS}, immutable"
    if suffix == ".jpg":
        return f"private, max-age={POSTER_MAX_AGE_SECONDS}"
    return "private, no-cache"


def signed_segment_url(storage: Storage, name: str) -> str:
    """With S3_SIGNED_URL_SECONDS on an S3 storage, a segment's signed bucket URL (answered with
    its type and caching); otherwise empty, and the download view streams it. Playlists are
    always streamed: the player resolves their relative segment names against their URL, which
    must stay the download view's so that every segment request is checked."""
    if not (name.endswith(".ts") and settings.S3_SIGNED_URL_SECONDS > 0):
        return ""
    sign = getattr(storage, "signed_url", None)  # config.s3.AppS3Storage
    if sign is None:
        return ""
    return str(sign(name, content_type="video/mp2t", cache_control=cache_control_for(name)))


def fail_unstored_video(*, asset_id: uuid.UUID) -> None:
    """The storage failed the last attempt of a transcode: the asset ends `failed` with
    `storage_unavailable` (its author is told to upload again), unless a run finished it
    meanwhile. The lesson keeps playing its previous ready video."""
    VideoAsset.objects.filter(
        pk=asset_id, state__in=(VideoAsset.State.PENDING, VideoAsset.State.PROCESSING)
    ).update(
        state=VideoAsset.State.FAILED,
        error_code="storage_unavailable",
        error_params={},
        updated_at=timezone.now(),
    )
