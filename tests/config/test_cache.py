"""The one cache scheme (config/cache.py): named, versioned keys; entries dropped by a generation
bump or a tombstone, at once and again on commit (not again after a rollback); and answers from
the source, never an error, while the cache is down."""

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
import redis
from django.core.cache import cache
from django.db import transaction

from config.cache import (
    TOMBSTONE,
    GenerationCache,
    TombstoneCache,
    keep_read_ahead,
    read_ahead,
)

pytestmark = pytest.mark.django_db

ANSWERS = GenerationCache(name="answers", version=1, timeout=60, label="Answers cache")
REPLIES = TombstoneCache(name="replies", version=1, timeout=60, label="Replies cache")


class Builder:
    """Counts its builds; each builds the next number."""

    def __init__(self) -> None:
        self.builds = 0

    def __call__(self) -> int:
        self.builds += 1
        return self.builds


def test_keys_are_named_and_versioned() -> None:
    assert ANSWERS.names("page:en") == ["answers:1:generation", "answers:1:page:en"]
    assert ANSWERS.names("en", scope=7) == ["answers:1:generation:7", "answers:1:7:en"]
    assert REPLIES.key("abc") == "replies:1:abc"


def test_an_entry_is_served_until_its_namespace_is_invalidated() -> None:
    build = Builder()

    first = ANSWERS.get_or_build("page", build)
    again = ANSWERS.get_or_build("page", build)
    ANSWERS.invalidate()
    after = ANSWERS.get_or_build("page", build)

    assert (first, again, after) == (1, 1, 2)


def test_a_new_version_ignores_the_entries_of_the_old_one() -> None:
    newer = GenerationCache(name="answers", version=2, timeout=60, label="Answers cache")
    ANSWERS.get_or_build("page", lambda: "old format")

    assert newer.get_or_build("page", lambda: "new format") == "new format"
    assert ANSWERS.get_or_build("page", lambda: "rebuilt") == "old format"


def test_invalidating_a_scope_leaves_the_other_scopes() -> None:
    build = Builder()
    ANSWERS.get_or_build("en", build, scope=1)
    ANSWERS.get_or_build("en", build, scope=2)

    ANSWERS.invalidate(scope=1)

    assert ANSWERS.get_or_build("en", build, scope=1) == 3
    assert ANSWERS.get_or_build("en", build, scope=2) == 2


def test_an_entry_that_is_not_accepted_is_built_again() -> None:
    ANSWERS.get_or_build("en", lambda: ("owner", 1))

    answer = ANSWERS.get_or_build("en", lambda: ("other", 2), accept=lambda v: v[0] == "other")

    assert answer == ("other", 2)


def test_an_answer_built_before_the_commit_is_not_served_after_it(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        ANSWERS.invalidate()  # a change is being committed
        stale = ANSWERS.get_or_build("page", lambda: "read from the old rows")
        assert ANSWERS.get_or_build("page", lambda: "unused") == stale

    assert len(callbacks) == 1
    assert ANSWERS.get_or_build("page", lambda: "read after the commit") == "read after the commit"


def test_a_rolled_back_change_does_not_invalidate_again(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with contextlib.suppress(RuntimeError), transaction.atomic():
            ANSWERS.invalidate()
            REPLIES.forget(["abc"])
            raise RuntimeError("rolled back")
        built = ANSWERS.get_or_build("page", lambda: "built after the rollback")
        REPLIES.add("abc", "stored after the rollback", timeout=60)

    assert callbacks == []
    assert ANSWERS.get_or_build("page", lambda: "unused") == built
    assert REPLIES.read("abc") == (TOMBSTONE, {})  # the tombstone written at once stays


def test_a_tombstone_keeps_an_answer_read_before_the_change_from_being_stored(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    REPLIES.add("abc", "first", timeout=60)
    cache.set("other", "read in the same round trip")
    assert REPLIES.read("abc", also=["other"]) == (
        "first",
        {"other": "read in the same round trip"},
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        REPLIES.forget(["abc"])
        REPLIES.add("abc", "read from the old row", timeout=60)

    assert len(callbacks) == 1
    assert REPLIES.read("abc") == (TOMBSTONE, {})
    assert REPLIES.read("absent") == (None, {})


def test_raw_entries_are_bytes_as_they_are() -> None:
    raw = TombstoneCache(name="raw", version=1, timeout=60, label="Raw cache", raw=True)

    raw.add("abc", b'{"ok": true}', timeout=60)
    stored = raw.read("abc")
    raw.forget(["abc"])

    assert stored == (b'{"ok": true}', {})
    assert raw.read("abc") == (TOMBSTONE, {})


@pytest.fixture
def cache_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def unreachable(*arguments: Any, **options: Any) -> Any:
        raise redis.ConnectionError("the cache is down")

    for method in ("get_many", "set", "set_many", "add", "incr"):
        monkeypatch.setattr(cache, method, unreachable)


def test_while_the_cache_is_down_answers_come_from_the_source(
    cache_down: None, caplog: pytest.LogCaptureFixture
) -> None:
    build = Builder()

    answers = [ANSWERS.get_or_build("page", build) for _ in range(2)]
    entry, others = REPLIES.read("abc", also=["other"])
    REPLIES.add("abc", "not stored", timeout=60)

    assert answers == [1, 2]
    assert (entry, others) == (TOMBSTONE, {})  # read as "changed": nothing is stored
    assert "Answers cache unavailable" in caplog.text
    assert "Replies cache unavailable" in caplog.text


def test_an_invalidation_while_the_cache_is_down_is_logged_not_raised(
    cache_down: None,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ANSWERS.invalidate(scope=3)
        REPLIES.forget(["abc"])

    assert "Answers cache unavailable; answers:1:generation:3 not bumped" in caplog.text
    assert "Replies cache unavailable; ['replies:1:abc'] not replaced" in caplog.text


def test_entries_read_ahead_are_kept_for_their_request_only() -> None:
    class Request:
        """Any request object: entries are kept by identity, and go with it."""

    request, other = Request(), Request()

    keep_read_ahead(request, {"answers:1:page": (0, "page")})
    keep_read_ahead(request, {"raw:1:abc": None})

    assert read_ahead(request) == {"answers:1:page": (0, "page"), "raw:1:abc": None}
    assert read_ahead(other) is None
