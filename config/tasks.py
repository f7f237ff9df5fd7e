"""The one way to queue a Celery task: after the transaction that asked for it has committed.

Typed by each task's own signature (celery-types knows neither `delay_on_commit` nor this
project's task class). A broker that cannot be reached is logged, never raised: the change that
queued the task has committed, and work that must not be lost has a sweep (certificates) or is
asked for again. The task runs on a worker with a broker; without one (development) on this
process's background thread (config.celery); in tests where the test runs its captured
on-commit callbacks (`django_capture_on_commit_callbacks`; `tasks_in_process` runs them eagerly).
"""

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

from celery import Task

from config.celery import InProcessTask

__all__ = ["queue_after_commit", "queue_committed", "when_not_queued"]

P = ParamSpec("P")
Result = TypeVar("Result")


def queue_after_commit(task: Task[P, Any], /, *args: P.args, **kwargs: P.kwargs) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits (at once outside one);
    nothing is queued on a rollback. Never raises: a broker outage is logged as a warning (the
    task's `when_not_queued` message), any other failure as an error."""
    cast(InProcessTask, task).delay_on_commit(*args, **kwargs)


def queue_committed(task: Task[P, Any], /, *args: P.args, **kwargs: P.kwargs) -> None:
    """`queue_after_commit` for receivers of a signal sent on commit (`enrollment_completed`,
    `certificate_issued`, ...): the commit happened, so the task is queued now. A broker outage
    is logged as a warning; tests run these receivers from their captured callbacks, where a
    second on-commit callback would never run."""
    cast(InProcessTask, task).delay_or_log(*args, **kwargs)


def when_not_queued(message: str) -> Callable[[Callable[P, Result]], Callable[P, Result]]:
    """Declare, under `@shared_task`, what the log says when the broker cannot take the task:
    `message` is formatted with the task's arguments (`{0}`, or by name)."""

    def declare(function: Callable[P, Result]) -> Callable[P, Result]:
        vars(function)[InProcessTask.NOT_QUEUED_ATTRIBUTE] = message
        return function

    return declare
