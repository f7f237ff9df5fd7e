"""Catalog pages and course details cached in the shared cache, all dropped on any publication.

Published content changes only when a version is published or archived (`transition_version`)
or the competency framework is reloaded; those bump one generation counter, and an entry is
served only while the counter still has the value it was built under. The generation is read
with the entry in one round trip. Institution names (edited in the admin) reach the catalog
within TIMEOUT_SECONDS.
"""

import contextlib
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

from courses.models import Course

logger = logging.getLogger(__name__)

GENERATION_KEY = "catalog:generation"
# Part of every entry's key: a release that changes what is stored ignores older entries.
FORMAT = 3
TIMEOUT_SECONDS = 600


def cached(*, key: str, build: Callable[[], Any]) -> Any:
    """The value stored under `key` for the current catalog generation, else `build()` stored.

    A value built while a publication commits is stored under the generation read before
    building, so it is never served once that publication is visible.
    """
    full_key = f"catalog:{FORMAT}:{key}"
    try:
        found = cache.get_many([GENERATION_KEY, full_key])
    except RedisError:  # the cache is down: serve from the database until it is back
        logger.warning("Catalog cache unavailable", exc_info=True)
        return build()
    generation = found.get(GENERATION_KEY, 0)
    entry = found.get(full_key)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    with contextlib.suppress(RedisError):
        cache.set(full_key, (generation, value), TIMEOUT_SECONDS)
    return value


def cached_catalog_page(
    *, language: str, query: Iterable[tuple[str, list[str]]], build: Callable[[], bytes]
) -> bytes:
    """A catalog page as rendered for readers of `language` asking `query` (the request's query
    parameters, in any order), else `build()` stored."""
    encoded = urlencode(sorted(query), doseq=True)
    digest = hashlib.sha256(encoded.encode()).hexdigest()
    page: bytes = cached(key=f"list:{language}:{digest}", build=build)
    return page


def cached_course_detail(
    *, slug: str, language: str, build: Callable[[], tuple[bytes, str]]
) -> tuple[bytes, str]:
    """A course's detail as rendered for readers of `language`, with the language served, else
    `build()` stored; raises Course.DoesNotExist for a slug no course can have (it must not
    become a cache key either)."""
    if len(slug) > (Course._meta.get_field("slug").max_length or 0):
        raise Course.DoesNotExist()
    detail: tuple[bytes, str] = cached(key=f"detail:{slug}:{language}", build=build)
    return detail


def invalidate() -> None:
    """Drop every cached entry: now, and again when the current transaction commits (a page
    built in between from the old rows would otherwise live on)."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # never set, or evicted: any new value differs from every stored one
        cache.set(GENERATION_KEY, time.time_ns(), None)
    except RedisError:
        # A publication must not fail because the cache is down; entries stored before the
        # outage expire within TIMEOUT_SECONDS (Redis here keeps nothing across a restart).
        logger.error("Catalog cache unavailable; generation not bumped", exc_info=True)
