"""config.redis_cache: Django's Redis cache, with one redis-py client per connection pool."""

import os

import pytest
import redis

from config.redis_cache import RedisCache
from tests.conftest import need_service

LOCATION = os.environ.get("REDIS_URL", "").rsplit("/", 1)[0] + "/14"


@pytest.fixture
def shared() -> RedisCache:
    need_service("Redis (REDIS_URL)", bool(os.environ.get("REDIS_URL")))
    backend = RedisCache(LOCATION, {"KEY_PREFIX": "shared-client-test"})
    backend.clear()
    return backend


def test_every_call_shares_one_client_and_the_cache_behaves_as_djangos(
    shared: RedisCache,
) -> None:
    # when values go in and out through several kinds of call
    shared.set("answer", {"percent": 40}, 30)
    shared.add("answer", "not stored", 30)
    shared.set_many({"a": 1, "b": 2}, 30)
    counter = shared.incr("a", 5)
    shared.delete("b")

    # then they read back as with Django's own backend
    assert shared.get("answer") == {"percent": 40}
    assert counter == 6
    assert shared.get_many(["a", "b"]) == {"a": 6}

    # and one redis-py client served them all, reading and writing alike
    client = shared._cache.get_client()
    assert isinstance(client, redis.Redis)
    assert shared._cache.get_client(write=True) is client
    assert shared._cache.get_client("any key") is client
