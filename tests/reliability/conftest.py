"""Reliability fixtures: the certificates fixtures, PostgreSQL only, and a helper that runs
calls at the same instant in threads, each with its own database connection."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from tests.certificates.conftest import _media, complete
from tests.conftest import need_service
from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)

__all__ = [
    "_fresh_outline_cache",
    "_media",
    "complete",
    "course",
    "framework",
    "institution",
    "publish",
    "staff",
]


@pytest.fixture
def postgresql() -> None:
    """Row locks and constraints under real concurrency: SQLite serialises writers instead."""
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")


def run_at_once(calls: list[Callable[[], Any]], *, timeout: float = 60) -> list[Any]:
    """Run every call in its own thread, released together by a barrier; return what each
    returned or raised, in the order of `calls`. Each thread uses (and closes) its own
    database connection, as a separate web process or worker would."""
    outcomes: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(position: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            outcomes[position] = call()
        except BaseException as error:  # handed to the test, whatever it is
            outcomes[position] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(position, call), daemon=True)
        for position, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a call hung (deadlock?)"
    return outcomes
