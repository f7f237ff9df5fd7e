"""Learners' progress answers cached per enrollment and language, dropped on any change.

Progress is a pure function of the enrollment row, its lesson progress rows and the enrolled
version's immutable outline. Any saved change to an enrollment or to one of its lesson
progress rows bumps the enrollment's generation (receivers), at once and again on commit; an
entry is served only while the generation is the one it was built under, and only to the
enrollment's owner. The generation is read with the entry in one round trip. If Redis is
unreachable, progress is computed from the database.
"""

import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Part of every key: a release that changes the answer's shape ignores older entries.
FORMAT = 1
# Entries outlive no change (generations), so this only bounds memory for idle enrollments.
TIMEOUT_SECONDS = 3600


def names(*, enrollment_id: int, language: str) -> list[str]:
    """The cache entries an answer needs: the enrollment's generation and the stored answer."""
    return [_generation_key(enrollment_id), f"progress:{FORMAT}:{enrollment_id}:{language}"]


def cached(
    *,
    enrollment_id: int,
    user_id: int,
    language: str,
    build: Callable[[], dict[str, Any]],
    prefetched: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The stored answer for the enrollment's current generation if `user_id` owns it, else
    `build()` (which checks ownership against the database) stored under the generation read
    before building, so an answer built while a change commits is never served after it.

    `prefetched`: `names()` as read by the caller already (found ones only), in the round trip
    that authenticated the request."""
    generation_key, entry_key = names(enrollment_id=enrollment_id, language=language)
    if prefetched is not None:
        found = prefetched
    else:
        try:
            found = cache.get_many([generation_key, entry_key])
        except RedisError:
            logger.warning("Progress cache unavailable", exc_info=True)
            return build()
    generation = found.get(generation_key, 0)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == generation and entry[1] == user_id:
        return entry[2]
    value = build()
    with contextlib.suppress(RedisError):
        cache.set(entry_key, (generation, user_id, value), TIMEOUT_SECONDS)
    return value


def invalidate(*, enrollment_id: int) -> None:
    """Stop serving the enrollment's stored answers: now, and again on commit."""
    _bump(enrollment_id)
    transaction.on_commit(lambda: _bump(enrollment_id))


def _generation_key(enrollment_id: int) -> str:
    return f"progress:{FORMAT}:generation:{enrollment_id}"


def _bump(enrollment_id: int) -> None:
    key = _generation_key(enrollment_id)
    try:
        cache.incr(key)
    except ValueError:  # never set, or evicted: any new value differs from every stored one
        with contextlib.suppress(RedisError):
            cache.set(key, time.time_ns(), TIMEOUT_SECONDS * 2)
    except RedisError:
        # Nothing is served while Redis is down; an entry that survived an outage could be
        # stale until TIMEOUT_SECONDS (Redis here keeps nothing across a restart).
        logger.error("Progress cache unavailable; enrollment %s not bumped", enrollment_id)
