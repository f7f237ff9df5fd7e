"""Background work for courses: one line each into the service that does it (not through
`courses.api`, which the services sit below; see the import-linter contract)."""

import uuid

from celery import shared_task

from courses import video, video_uploads


# Storage errors (OSError) are transient: the asset went back to pending, a retry takes it up.
@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def process_video_task(asset_id: str) -> None:
    """Probe and transcode an uploaded lesson video to HLS; safe to run twice."""
    video.process_video_asset(asset_id=uuid.UUID(asset_id))


@shared_task(ignore_result=True)
def sweep_expired_video_uploads_task() -> None:
    """Delete expired resumable video uploads and their partial files (hourly, by beat)."""
    video_uploads.sweep_expired_video_uploads()
