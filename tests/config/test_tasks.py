"""Queueing a task (config/tasks.py): only once the transaction commits, never on a rollback,
and a broker outage logged in the task's own words instead of raised."""

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from certificates.tasks import issue_certificate_task
from config.celery import ping_task
from config.tasks import queue_after_commit, queue_committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    sent: list[tuple[Any, ...]] = []
    monkeypatch.setattr(ping_task, "delay", lambda *arguments: sent.append(arguments))
    return sent


def test_a_task_is_queued_once_the_transaction_commits(
    queued: list[tuple[Any, ...]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queue_after_commit(ping_task)
        assert queued == []  # nothing before the commit

    assert len(callbacks) == 1
    assert queued == [()]


def test_nothing_is_queued_when_the_transaction_rolls_back(
    queued: list[tuple[Any, ...]], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        queue_after_commit(ping_task)
        raise RuntimeError("rolled back")

    assert (callbacks, queued) == ([], [])


def test_a_receiver_of_a_signal_sent_on_commit_queues_at_once(
    queued: list[tuple[Any, ...]],
) -> None:
    queue_committed(ping_task)

    assert queued == [()]


def test_a_broker_outage_is_logged_in_the_tasks_words_not_raised(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    def broker_down(*arguments: Any) -> None:
        raise OperationalError("Connection refused")

    monkeypatch.setattr(issue_certificate_task, "delay", broker_down)
    monkeypatch.setattr(ping_task, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        queue_after_commit(issue_certificate_task, 42)
    queue_committed(ping_task)

    assert "Broker unavailable; enrollment 42 waits for the certificate sweep" in caplog.text
    assert "Broker unavailable; health.ping not queued" in caplog.text
