"""Turns the signals of the apps below into deliveries: certificates issued and revoked,
enrollments completed, event attendance, programs completed. Each signal is sent after its
transaction committed; a failure here is logged and never reaches the sender, whose change
stands. And the app's own `deliveries_created` into queued attempts."""

import logging
import uuid
from typing import Any

from django.db import DatabaseError
from django.dispatch import receiver

from certificates import api as certificates_api
from config.tasks import queue_committed
from enrollment import api as enrollment_api
from events import api as events_api
from programs import api as programs_api
from webhooks import api as webhooks_api
from webhooks.models import EventType
from webhooks.signals import deliveries_created
from webhooks.tasks import deliver_webhook_task

logger = logging.getLogger(__name__)


@receiver(certificates_api.certificate_issued, dispatch_uid="webhooks.certificate_issued")
def announce_certificate_issued(sender: Any, certificate_id: uuid.UUID, **kwargs: Any) -> None:
    try:
        webhooks_api.emit_certificate_event(
            certificate_id=certificate_id, event_type=EventType.CERTIFICATE_ISSUED
        )
    except DatabaseError:
        logger.exception("Webhooks of certificate %s (issued) not created", certificate_id)


@receiver(certificates_api.certificate_revoked, dispatch_uid="webhooks.certificate_revoked")
def announce_certificate_revoked(sender: Any, certificate_id: uuid.UUID, **kwargs: Any) -> None:
    try:
        webhooks_api.emit_certificate_event(
            certificate_id=certificate_id, event_type=EventType.CERTIFICATE_REVOKED
        )
    except DatabaseError:
        logger.exception("Webhooks of certificate %s (revoked) not created", certificate_id)


@receiver(enrollment_api.enrollment_completed, dispatch_uid="webhooks.enrollment_completed")
def announce_enrollment_completed(sender: Any, enrollment_id: int, **kwargs: Any) -> None:
    try:
        webhooks_api.emit_enrollment_completed(enrollment_id=enrollment_id)
    except DatabaseError:
        logger.exception("Webhooks of enrollment %s (completed) not created", enrollment_id)


@receiver(events_api.event_attended, dispatch_uid="webhooks.event_attended")
def announce_event_attended(sender: Any, registration_id: int, **kwargs: Any) -> None:
    try:
        webhooks_api.emit_event_attended(registration_id=registration_id)
    except DatabaseError:
        logger.exception("Webhooks of registration %s (attended) not created", registration_id)


@receiver(programs_api.program_completed, dispatch_uid="webhooks.program_completed")
def announce_program_completed(sender: Any, completion_id: int, **kwargs: Any) -> None:
    try:
        webhooks_api.emit_program_completed(completion_id=completion_id)
    except DatabaseError:
        logger.exception("Webhooks of program completion %s not created", completion_id)


@receiver(deliveries_created, dispatch_uid="webhooks.queue_attempts")
def queue_attempts(sender: Any, delivery_ids: list[int], **kwargs: Any) -> None:
    """Queue each new delivery's first attempt (broker down: the sweep attempts it)."""
    for delivery_id in delivery_ids:
        queue_committed(deliver_webhook_task, delivery_id)
