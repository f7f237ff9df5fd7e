"""Learners' progress answers cached per enrollment and language, dropped on any change.

Progress is a pure function of the enrollment row, its lesson progress rows and the enrolled
version's immutable outline. Any saved change to an enrollment or to one of its lesson
progress rows invalidates the enrollment's scope (receivers; config.cache: a generation bump,
now and on commit). An answer is served only to the enrollment's owner.
"""

from collections.abc import Callable
from typing import Any

from config.cache import GenerationCache

# Entries outlive no change (generations), so the timeout only bounds memory for idle enrollments.
# Version 2: an entry holds (generation, (owner, answer)) instead of (generation, owner, answer).
PROGRESS = GenerationCache(
    name="progress", version=2, timeout=3600, label="Progress cache", generation_timeout=7200
)


def names(*, enrollment_id: int, language: str) -> list[str]:
    """The cache entries an answer needs: the enrollment's generation and the stored answer."""
    return PROGRESS.names(language, scope=enrollment_id)


def cached(
    *,
    enrollment_id: int,
    user_id: int,
    language: str,
    build: Callable[[], dict[str, Any]],
    prefetched: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The stored answer for the enrollment's current generation if `user_id` owns it, else
    `build()` (which checks ownership against the database) stored.

    `prefetched`: `names()` as read by the caller already (found ones only), in the round trip
    that authenticated the request."""
    _owner, answer = PROGRESS.get_or_build(
        language,
        lambda: (user_id, build()),
        scope=enrollment_id,
        prefetched=prefetched,
        accept=lambda entry: entry[0] == user_id,
    )
    return answer


def invalidate(*, enrollment_id: int) -> None:
    """Stop serving the enrollment's stored answers: now, and again on commit."""
    PROGRESS.invalidate(scope=enrollment_id)
