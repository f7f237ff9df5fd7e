"""Byte strings in the shared cache as they are (no pickling), for answers served on a hot path.

With Redis (production, CI) the values live in the cache's own Redis database under the cache's
key prefix, so clearing the cache clears them too, and a throttle counter and a value can be
read in one round trip (config.throttling). Without Redis, Django's configured cache is used.
"""

import logging
from functools import lru_cache

import redis
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def redis_client() -> redis.Redis | None:
    """The cache's Redis, or None when the cache is not Redis."""
    configuration = settings.CACHES["default"]
    if not configuration["BACKEND"].endswith(".RedisCache") or not configuration.get("LOCATION"):
        return None
    return redis.Redis.from_url(configuration["LOCATION"], **configuration.get("OPTIONS", {}))


def full_key(name: str) -> str:
    return cache.make_key(name)


def get_bytes(name: str) -> bytes | None:
    """The stored value; None when absent or a tombstone (see `tombstone`)."""
    client = redis_client()
    if client is None:
        value = cache.get(name)
    else:
        try:
            value = client.get(full_key(name))
        except redis.RedisError:
            logger.warning("Cache unavailable; reading %s from the source", name, exc_info=True)
            return None
    return value if isinstance(value, bytes) and value else None


def add_bytes(name: str, value: bytes, *, timeout: int) -> None:
    """Store the value unless anything is stored under the name, a tombstone included: an
    answer computed before a change committed cannot replace that change's tombstone."""
    client = redis_client()
    if client is None:
        cache.add(name, value, timeout)
        return
    try:
        client.set(full_key(name), value, ex=timeout, nx=True)
    except redis.RedisError:
        logger.warning("Cache unavailable; %s not stored", name, exc_info=True)


def tombstone(names: list[str], *, timeout: int) -> None:
    """Replace the values with tombstones for `timeout` seconds: readers go to the source and
    nothing can be added meanwhile. If Redis is unreachable the change that asked stands, and
    what was stored lives until its own timeout: callers keep timeouts short for that reason."""
    client = redis_client()
    if client is None:
        cache.set_many(dict.fromkeys(names, b""), timeout)
        return
    try:
        pipeline = client.pipeline(transaction=False)
        for name in names:
            pipeline.set(full_key(name), b"", ex=timeout)
        pipeline.execute()
    except redis.RedisError:
        logger.error("Cache unavailable; %s not replaced", names, exc_info=True)
