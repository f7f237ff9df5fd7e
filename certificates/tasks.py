"""Background work for certificates: one line each into `certificates.api`."""

from celery import shared_task

from certificates import api as certificates_api
from config.tasks import when_not_queued


# Nobody waits for the results of issuing or notifying. With a result, queueing first subscribes
# to it in Redis: with Redis down that retries for 20 s and raises RuntimeError instead of kombu's
# OperationalError, so the completing request would hang and fail instead of leaving the
# certificate to the sweep.
@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=None,
)
@when_not_queued("Broker unavailable; enrollment {0} waits for the certificate sweep")
def issue_certificate_task(enrollment_id: int) -> str:
    """Issue a completed enrollment's certificate; retried with backoff on storage errors."""
    return str(certificates_api.issue_certificate(enrollment_id=enrollment_id).pk)


@shared_task(
    ignore_result=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def notify_learner_task(certificate_id: str) -> None:
    """Tell the learner their certificate is ready."""
    certificates_api.notify_learner(certificate_id=certificate_id)


@shared_task
def sweep_missing_certificates_task() -> int:
    """Issue what a lost task (broker down, worker gone) left unissued."""
    return len(certificates_api.sweep_missing_certificates())


@shared_task(
    ignore_result=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=5,
)
def notify_revocation_task(certificate_id: str) -> None:
    """Tell the learner their certificate was revoked, and why."""
    certificates_api.notify_revocation(certificate_id=certificate_id)


@shared_task
def remind_expiring_certificates_task() -> int:
    """Remind learners of certificates that expire within 30 days (once each)."""
    return len(certificates_api.remind_expiring_certificates())
