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
    return redis.Redis.from_url(
        configuration["LOCATION"], socket_timeout=1, socket_connect_timeout=1
    )


def full_key(name: str) -> str:
    return cache.make_key(name)


def get_bytes(name: str) -> bytes | None:
    client = redis_client()
    if client is None:
        value = cache.get(name)
        return value if isinstance(value, bytes) else None
    try:
        return client.get(full_key(name))  # type: ignore[return-value]
    except redis.RedisError:
        logger.warning("Cache unavailable; reading %s from the database", name, exc_info=True)
        return None


def set_bytes(name: str, value: bytes, *, timeout: int) -> None:
    client = redis_client()
    if client is None:
        cache.set(name, value, timeout)
        return
    try:
        client.set(full_key(name), value, ex=timeout)
    except redis.RedisError:
        logger.warning("Cache unavailable; %s not stored", name, exc_info=True)


def delete(names: list[str]) -> None:
    """Drop the values. If Redis is unreachable the change that asked stands, and what was
    stored lives until its timeout: callers keep timeouts short for that reason."""
    client = redis_client()
    if client is None:
        cache.delete_many(names)
        return
    try:
        client.delete(*(full_key(name) for name in names))
    except redis.RedisError:
        logger.error("Cache unavailable; %s not dropped", names, exc_info=True)
