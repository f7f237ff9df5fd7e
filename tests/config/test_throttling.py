"""The scoped throttle counted in Redis: exact limits per window, the cached value read in the
same round trip, and requests allowed (not failed) when Redis is unreachable."""

from typing import Any

import pytest
import redis
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from certificates import api as certificates_api
from config import cache as raw_cache
from tests.conftest import need_service

pytestmark = pytest.mark.django_db

UNKNOWN = "/api/v1/verify/4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11"


@pytest.mark.services
def test_redis_counts_each_client_exactly_to_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"verify": "5/hour"})
    client = APIClient()

    statuses = [client.get(UNKNOWN, REMOTE_ADDR="203.0.113.9").status_code for _ in range(7)]
    other = client.get(UNKNOWN, REMOTE_ADDR="198.51.100.3")

    assert statuses == [404] * 5 + [429] * 2
    assert other.status_code == 404
    counters = raw_cache.redis_client().keys(raw_cache.full_key("throttle_verify_*"))  # type: ignore[union-attr]
    assert len(counters) == 2  # one window counter per client
    assert 0 < raw_cache.redis_client().ttl(counters[0]) <= 3601  # type: ignore[union-attr]


@pytest.mark.services
def test_the_throttle_hands_the_view_its_cached_value_from_the_same_round_trip(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    name = certificates_api.public_verification_cache_name(
        certificate_id="4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11", language="en"
    )
    raw_cache.add_bytes(name, b'{"id": "4c0f5c57", "status": "valid"}', timeout=60)
    commands: list[Any] = []
    original = redis.client.Pipeline.execute

    def execute(pipeline: Any, *arguments: Any, **options: Any) -> Any:
        commands.append([command[0][0] for command in pipeline.command_stack])
        return original(pipeline, *arguments, **options)

    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)

    answer = APIClient().get(UNKNOWN, headers={"Accept-Language": "en"})

    assert answer.json() == {"id": "4c0f5c57", "status": "valid"}  # served from the cache
    assert commands == [["INCRBY", "EXPIRE", "GET"]]


def test_requests_are_allowed_when_the_counter_cannot_be_reached(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    unreachable = redis.Redis(
        host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 1)
    )
    monkeypatch.setattr(raw_cache, "redis_client", lambda: unreachable)
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"verify": "1/hour"})

    statuses = [APIClient().get(UNKNOWN).status_code for _ in range(3)]

    assert statuses == [404, 404, 404]
    assert "Throttle counter unavailable; request allowed" in caplog.text
