"""Background work for courses: one line each into the service that does it (not through
`courses.api`, which the services sit below; see the import-linter contract)."""

import uuid

from celery import Task, shared_task

from courses import elearning, elearning_storing, video_processing, video_uploads


# Storage errors are transient (OSError: the filesystem's, or a transient S3 failure as
# video_storage.StorageUnavailableError): the asset went back to pending, a retry takes it up;
# the last attempt marks it failed instead.
@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def process_video_task(self: Task, asset_id: str) -> None:
    """Probe and transcode an uploaded lesson video to HLS; safe to run twice."""
    retries_left = (self.max_retries or 0) - self.request.retries
    video_processing.process_video_asset(
        asset_id=uuid.UUID(asset_id), is_last_attempt=retries_left <= 0
    )


@shared_task(ignore_result=True)
def sweep_expired_video_uploads_task() -> None:
    """Delete expired resumable video uploads and their partial files (hourly, by beat)."""
    video_uploads.sweep_expired_video_uploads()


# Storage errors are transient, as for videos: the package stays `storing`, a retry takes it up;
# the last attempt marks it failed instead.
@shared_task(
    bind=True,
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def store_elearning_package_task(self: Task, package_id: str) -> None:
    """Unpack an accepted e-learning package into storage; safe to run twice."""
    retries_left = (self.max_retries or 0) - self.request.retries
    elearning_storing.store_elearning_package(
        package_id=uuid.UUID(package_id),
        limits=elearning.package_limits(),
        is_last_attempt=retries_left <= 0,
    )
