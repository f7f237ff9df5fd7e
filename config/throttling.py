"""Request throttling: DRF's scoped rates, counted in Redis with one round trip per request."""

import logging
from typing import TYPE_CHECKING, Any

import redis
from rest_framework import throttling

from config import cache as shared_cache

if TYPE_CHECKING:  # rest_framework.views reads the DRF settings that name this module's class
    from rest_framework.request import Request
    from rest_framework.views import APIView

logger = logging.getLogger(__name__)


class ScopedWindowThrottle(throttling.ScopedRateThrottle):
    """DRF's ScopedRateThrottle (same `throttle_scope` and `DEFAULT_THROTTLE_RATES`), counted
    per fixed window with INCR and EXPIRE in one pipelined round trip.

    DRF's own throttle reads the client's list of request times and writes it back: two round
    trips, and simultaneous requests each write their own list, so a burst can pass the limit.
    A counter is atomic. A fixed window may let up to twice the rate through across a window
    boundary, which is acceptable for abuse protection. Without Redis (development, tests on
    SQLite) DRF's cache-based throttle applies unchanged. If Redis fails, the request is allowed
    and logged: throttling protects the service, it must not take it down.

    A view with a `throttle_prefetch_name(request)` method has that raw cache entry read in the
    same round trip, kept for its service (`config.cache.read_ahead`; None when absent).
    """

    window_end: float | None = None

    def allow_request(self, request: "Request", view: "APIView") -> bool:
        client = shared_cache.redis_client()
        if client is None:
            return super().allow_request(request, view)
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        key = self.get_cache_key(request, view)
        if key is None or self.num_requests is None or self.duration is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        counter = shared_cache.full_key(f"{key}:window:{window}")
        pipeline = client.pipeline(transaction=False)
        pipeline.incr(counter)
        pipeline.expire(counter, self.duration + 1)
        prefetch = getattr(view, "throttle_prefetch_name", None)
        name = prefetch(request) if prefetch is not None else None
        if name is not None:
            pipeline.get(shared_cache.full_key(name))
        try:
            count, _expiry_set, *prefetched = pipeline.execute()
        except redis.RedisError:
            logger.warning("Throttle counter unavailable; request allowed", exc_info=True)
            return True
        if name is not None:
            shared_cache.keep_read_ahead(request, {name: prefetched[0]})
        return bool(count <= self.num_requests)

    def wait(self) -> Any:
        if self.window_end is None:
            return super().wait()
        return max(self.window_end - self.now, 0.0)
