"""Turns the `enrollment_completed` signal into one queued issuing task."""

from typing import Any

from django.dispatch import receiver

from enrollment.signals import enrollment_completed


@receiver(enrollment_completed, dispatch_uid="certificates.issue_on_completion")
def queue_certificate(sender: Any, enrollment_id: int, **kwargs: Any) -> None:
    """Queue the certificate after the completing transaction committed (the signal's moment).

    If the broker is down the completion stands and the periodic sweep issues it later.
    """
    from kombu.exceptions import OperationalError

    from certificates.tasks import issue_certificate_task

    try:
        issue_certificate_task.delay(enrollment_id)
    except OperationalError:
        import logging

        logging.getLogger(__name__).warning(
            "Broker unavailable; enrollment %s waits for the certificate sweep", enrollment_id
        )
