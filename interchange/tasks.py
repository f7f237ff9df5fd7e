"""Background work for interchange: one line each into the service that does it."""

import uuid

from celery import shared_task

from interchange import jobs


# Storage errors (OSError) are transient: the import waits in its state for the retry.
@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def analyse_course_import_task(import_id: str) -> None:
    """Read and map an uploaded cartridge into its report; safe to run twice."""
    jobs.analyse_course_import(import_id=uuid.UUID(import_id))


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def write_course_import_task(import_id: str, user_id: int) -> None:
    """Write a confirmed import as a draft course; safe to run twice."""
    jobs.write_course_import(import_id=uuid.UUID(import_id), user_id=user_id)
