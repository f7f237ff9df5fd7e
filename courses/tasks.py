"""Background work for courses: one line each into the service that does it (not through
`courses.api`, which the services sit below; see the import-linter contract)."""

import uuid
from typing import Any

from celery import Task, shared_task

from courses import video, video_storage


class _TranscodeTask(Task):
    """Once the retries are spent on a storage that kept failing, the asset says so."""

    def on_failure(self, exc: Exception, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        if isinstance(exc, OSError):
            asset_id = kwargs.get("asset_id") or args[0]
            video_storage.fail_unstored_video(asset_id=uuid.UUID(asset_id))


# Storage errors are transient (OSError: the filesystem's, or a transient S3 failure as
# video_storage.StorageUnavailableError): the asset went back to pending, a retry takes it up.
@shared_task(
    base=_TranscodeTask,
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def process_video_task(asset_id: str) -> None:
    """Probe and transcode an uploaded lesson video to HLS; safe to run twice."""
    video.process_video_asset(asset_id=uuid.UUID(asset_id))
