"""The one cache scheme: named, versioned key namespaces, each dropped one way, now and on commit.

Every cached answer lives in a namespace declared once, beside the code that owns it, with its
name, a format version (part of every key: a release that changes what is stored ignores older
entries), a timeout and a label for the logs:

- `GenerationCache`: entries are served only while their scope's generation counter still has
  the value it had when they were built, read in the same round trip as the entry;
  `invalidate(scope=...)` bumps the counter (the whole namespace when the scope is None).
- `TombstoneCache`: entries are only added where nothing is stored; `forget(keys)` replaces
  them with tombstones for the namespace's timeout, so an answer read from the database before
  a change committed cannot be stored after it. `raw=True` stores byte strings as they are (no
  pickling) in the cache's Redis, so a throttle counter and a value share one round trip.

Invalidation happens at once and again when the current transaction commits (`now_and_on_commit`):
an answer built in between from the old rows would otherwise live on. When the cache cannot be
reached, readers answer from the database, nothing is stored and a failed invalidation is
logged: entries that survive an outage live at most their timeout (Redis here keeps nothing
across a restart), which is why the timeouts are short.
"""

import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

__all__ = [
    "TOMBSTONE",
    "GenerationCache",
    "TombstoneCache",
    "add_bytes",
    "full_key",
    "get_bytes",
    "keep_read_ahead",
    "now_and_on_commit",
    "read_ahead",
    "redis_client",
]

logger = logging.getLogger(__name__)

Value = TypeVar("Value")

# What a forgotten entry holds (and what a read reports while the cache is down): read it as
# "go to the source, and store nothing".
TOMBSTONE = b""


def now_and_on_commit(invalidate: Callable[[], None]) -> None:
    """The one invalidation path: run `invalidate` now and again once the current transaction
    commits (at once only, outside a transaction). A rollback runs it only the first time, which
    drops nothing that was right. `invalidate` is a function or lambda, not a partial: tests tell
    on-commit callbacks apart by their `__qualname__`."""
    invalidate()
    transaction.on_commit(invalidate)


@dataclass(frozen=True)
class GenerationCache:
    """Answers built from rows that change together, dropped together by a generation bump."""

    name: str
    version: int
    timeout: int
    label: str
    # How long a scope's counter outlives its last bump (None: forever); it must outlive the
    # entries built under it.
    generation_timeout: int | None = None

    def names(self, key: str, *, scope: object = None) -> list[str]:
        """The cache entries an answer needs: its scope's generation and the stored answer (for a
        caller that reads them ahead, in a round trip of its own, and passes them as
        `prefetched`)."""
        scoped = key if scope is None else f"{scope}:{key}"
        return [self._generation_key(scope), f"{self.name}:{self.version}:{scoped}"]

    def get_or_build(
        self,
        key: str,
        build: Callable[[], Value],
        *,
        scope: object = None,
        prefetched: dict[str, Any] | None = None,
        accept: Callable[[Value], bool] | None = None,
    ) -> Value:
        """The value stored under `key` for the scope's current generation (and that `accept`
        takes, if given), else `build()` stored under the generation read before building, so
        a value built while an invalidation commits is never served after it.

        `prefetched`: `names()` as the caller read them already (found ones only)."""
        generation_key, entry_key = self.names(key, scope=scope)
        if prefetched is not None:
            found = prefetched
        else:
            try:
                found = cache.get_many([generation_key, entry_key])
            except redis.RedisError:  # the cache is down: serve from the database until it is back
                logger.warning("%s unavailable", self.label, exc_info=True)
                return build()
        generation = found.get(generation_key, 0)
        entry = found.get(entry_key)
        if entry is not None and entry[0] == generation and (accept is None or accept(entry[1])):
            stored: Value = entry[1]
            return stored
        value = build()
        with contextlib.suppress(redis.RedisError):
            cache.set(entry_key, (generation, value), self.timeout)
        return value

    def invalidate(self, *, scope: object = None) -> None:
        """Stop serving every entry of the scope (of the namespace when None), now and on
        commit."""
        now_and_on_commit(lambda: self._bump(scope))

    def _generation_key(self, scope: object) -> str:
        suffix = "" if scope is None else f":{scope}"
        return f"{self.name}:{self.version}:generation{suffix}"

    def _bump(self, scope: object) -> None:
        key = self._generation_key(scope)
        try:
            try:
                cache.incr(key)
            except ValueError:  # never set, or evicted: any new value differs from every stored one
                cache.set(key, time.time_ns(), self.generation_timeout)
        except redis.RedisError:
            logger.error("%s unavailable; %s not bumped", self.label, key, exc_info=True)


@dataclass(frozen=True)
class TombstoneCache:
    """Answers stored only where nothing is, and replaced by tombstones when what they say
    changes."""

    name: str
    version: int
    timeout: int
    label: str
    raw: bool = False

    def key(self, key: str) -> str:
        """The cache name of one entry (for a reader that reads it ahead, e.g. the throttle)."""
        return f"{self.name}:{self.version}:{key}"

    def read(self, key: str, *, also: Iterable[str] = ()) -> tuple[Any, dict[str, Any]]:
        """The entry under `key` (None when absent; TOMBSTONE after a change or while the cache is
        down) and, read in the same round trip, the entries named `also` (of other namespaces)
        that were found. Raw namespaces read no `also`."""
        name = self.key(key)
        if self.raw:
            value = _get_raw(name)
            return value, {}
        try:
            found = cache.get_many([name, *also])
        except redis.RedisError:
            logger.warning("%s unavailable", self.label, exc_info=True)
            return TOMBSTONE, {}
        return found.pop(name, None), found

    def add(self, key: str, value: Any, *, timeout: int) -> None:
        """Store the value for at most `timeout` seconds unless anything is stored under the
        key, a tombstone included: an answer computed before a change committed cannot replace
        that change's tombstone. Not stored while the cache is down."""
        if self.raw:
            add_bytes(self.key(key), value, timeout=timeout)
            return
        with contextlib.suppress(redis.RedisError):  # not stored: the next request asks again
            cache.add(self.key(key), value, timeout)

    def forget(self, keys: list[str]) -> None:
        """Replace the entries with tombstones for the namespace's timeout, now and on commit."""
        names = [self.key(key) for key in keys]
        if names:
            now_and_on_commit(lambda: self._write_tombstones(names))

    def _write_tombstones(self, names: list[str]) -> None:
        client = redis_client() if self.raw else None
        try:
            if client is None:
                cache.set_many(dict.fromkeys(names, TOMBSTONE), self.timeout)
                return
            pipeline = client.pipeline(transaction=False)
            for name in names:
                pipeline.set(full_key(name), TOMBSTONE, ex=self.timeout)
            pipeline.execute()
        except redis.RedisError:
            # The change that asked stands; what was stored lives until its own timeout.
            logger.error("%s unavailable; %s not replaced", self.label, names, exc_info=True)


# --- entries read ahead, in a round trip the request makes anyway --------------------------------

# By request object: gone with the request, never on a view or a request attribute.
_read_ahead: "WeakKeyDictionary[object, dict[str, Any]]" = WeakKeyDictionary()


def keep_read_ahead(request: object, found: dict[str, Any]) -> None:
    """Keep cache entries that the throttle or the authentication read for this request's view
    in their own round trip (a view names them: `throttle_prefetch_name`,
    `authentication_prefetch_names`), so the view's service need not read them again."""
    _read_ahead.setdefault(request, {}).update(found)


def read_ahead(request: object) -> dict[str, Any] | None:
    """The entries read ahead for this request (names read and absent are missing, or None for
    raw ones), or None when nothing was read ahead: then the service reads the cache itself."""
    return _read_ahead.get(request)


# --- raw byte strings in the cache's own Redis ---------------------------------------------------


@lru_cache(maxsize=1)
def redis_client() -> redis.Redis | None:
    """The cache's Redis, or None when the cache is not Redis (then Django's cache is used)."""
    configuration = settings.CACHES["default"]
    if not configuration["BACKEND"].endswith(".RedisCache") or not configuration.get("LOCATION"):
        return None
    return redis.Redis.from_url(configuration["LOCATION"], **configuration.get("OPTIONS", {}))


def full_key(name: str) -> str:
    """The name under the cache's key prefix, as stored in Redis (clearing the cache clears it)."""
    return cache.make_key(name)


def _get_raw(name: str) -> bytes | None:
    client = redis_client()
    if client is None:
        value = cache.get(name)
    else:
        try:
            value = client.get(full_key(name))
        except redis.RedisError:
            logger.warning("Cache unavailable; reading %s from the source", name, exc_info=True)
            return TOMBSTONE
    return value if isinstance(value, bytes) else None


def get_bytes(name: str) -> bytes | None:
    """The stored byte string; None when absent or a tombstone."""
    return _get_raw(name) or None


def add_bytes(name: str, value: bytes, *, timeout: int) -> None:
    """Store the byte string unless anything is stored under the name, a tombstone included."""
    client = redis_client()
    if client is None:
        cache.add(name, value, timeout)
        return
    try:
        client.set(full_key(name), value, ex=timeout, nx=True)
    except redis.RedisError:
        logger.warning("Cache unavailable; %s not stored", name, exc_info=True)
