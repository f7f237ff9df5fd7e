"""Background work for enrollment: one line each into `enrollment.api`."""

import contextlib

import redis
from celery import shared_task
from django.core.cache import cache

from enrollment import api as enrollment_api

# Set while a copy is queued and not yet started, so a burst of events queues one copy.
COPY_QUEUED_KEY = "enrollment:lrs-copy-queued"


@shared_task(ignore_result=True)
def copy_events_to_lrs_task() -> int:
    """Copy new learning events into the LRS (queued after events commit, and every minute)."""
    # Cleared first: events committed while this copy runs queue the next one. With the cache
    # down the key lapses on its own.
    with contextlib.suppress(redis.RedisError):
        cache.delete(COPY_QUEUED_KEY)
    return enrollment_api.copy_events_to_lrs()
