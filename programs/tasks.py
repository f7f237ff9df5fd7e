"""Background work for programs: one line each into `programs.api`."""

from celery import shared_task

from config.tasks import when_not_queued
from programs import api as programs_api


@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=None,
)
@when_not_queued("Broker unavailable; programs of certificate {0} not checked")
def complete_programs_task(certificate_id: str) -> list[int]:
    """Check the programs containing the certificate's course and issue the credential of each
    completed one (idempotent); retried with backoff on storage errors."""
    return programs_api.complete_programs_for_certificate(certificate_id=certificate_id)
