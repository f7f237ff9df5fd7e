"""Queue the LRS copy once the transaction that recorded learning events commits, at most one
queued at a time."""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from config.tasks import queue_committed
from enrollment.models import LearningEvent
from enrollment.tasks import COPY_QUEUED_KEY, copy_events_to_lrs_task

# If the queued task is lost (worker killed, broker down), the key lapses and the next event
# queues again; the beat's copy every minute is the safety net meanwhile.
QUEUED_FOR_SECONDS = 120


def queue_copy() -> None:
    """Queue the copy unless one is queued already (one cache round trip when it is)."""
    if cache.add(COPY_QUEUED_KEY, 1, QUEUED_FOR_SECONDS):
        queue_committed(copy_events_to_lrs_task)


@receiver(post_save, sender=LearningEvent, dispatch_uid="enrollment.queue_lrs_copy")
def queue_copy_on_commit(sender: Any, created: bool, **kwargs: Any) -> None:
    """After the recording transaction commits: the copier reads committed events only."""
    if created:
        transaction.on_commit(queue_copy)
