"""Queue the LRS copy once the transaction that recorded learning events commits, at most one
queued at a time."""

import logging
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from config.tasks import queue_committed
from enrollment.models import LearningEvent
from enrollment.tasks import COPY_QUEUED_KEY, copy_events_to_lrs_task

logger = logging.getLogger(__name__)

# If the queued task is lost (worker killed, broker down), the key lapses and the next event
# queues again; the beat's copy every minute is the safety net meanwhile.
QUEUED_FOR_SECONDS = 120


def queue_copy() -> None:
    """Queue the copy unless one is queued already (one cache round trip when it is). Never
    raises: the events have committed, and the beat's copy every minute takes them."""
    if settings.TASKS_IN_BACKGROUND_THREAD and connection.vendor == "sqlite":
        # SQLite has one writer: a copy on this process's thread would make the next request's
        # write wait and fail. There `python manage.py xapi_copy_events` copies.
        return
    try:
        queue = cache.add(COPY_QUEUED_KEY, 1, QUEUED_FOR_SECONDS)
    except redis.RedisError:  # the cache is down: the beat's copy will find the events
        logger.warning("Cache unavailable; the LRS copy waits for the beat")
        return
    if queue:
        queue_committed(copy_events_to_lrs_task)


@receiver(post_save, sender=LearningEvent, dispatch_uid="enrollment.queue_lrs_copy")
def queue_copy_on_commit(sender: Any, created: bool, **kwargs: Any) -> None:
    """After the recording transaction commits: the copier reads committed events only."""
    if created:
        transaction.on_commit(queue_copy)
