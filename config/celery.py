"""The Celery application: configured from Django settings (CELERY_*), tasks found in each app.

Without a broker (no REDIS_URL) tasks run in this process. They used to run eagerly, inside the
request that queued them: the quiz answer that completed a course waited for the certificate's
PDF (8.7 s measured under `make run`). With TASKS_IN_BACKGROUND_THREAD (the default without a
broker) a queued task runs instead on one background thread of this process, in the order queued,
after the request's transaction committed (tasks are queued on commit). Tests keep eager tasks,
run where the test captures its on-commit callbacks.
"""

import logging
import os
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import connections, transaction
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

__all__ = ["InProcessTask", "app", "wait_for_background_tasks"]

logger = logging.getLogger(__name__)

_executor_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_pending: set[Future[Any]] = set()


def _background_executor() -> ThreadPoolExecutor:
    global _executor  # one executor per process, made on first use
    with _executor_lock:
        if _executor is None:
            # One worker: tasks run one at a time, in the order queued, like a worker process
            # with concurrency 1; the renderer serialises PDF rendering anyway.
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="icim-task")
        return _executor


def _run_in_background(task: "InProcessTask", args: Any, kwargs: Any, task_id: str) -> None:
    try:
        task.apply(args=args, kwargs=kwargs, task_id=task_id)
    finally:
        # This thread's own database connections: closed, as Django closes a request's.
        connections.close_all()


def _forget(future: Future[Any]) -> None:
    with _executor_lock:
        _pending.discard(future)
    error = future.exception()
    if error is not None:
        logger.error("Background task failed", exc_info=error)


class InProcessTask(DjangoTask):
    """Celery's Django task, except that without a broker a queued task runs on the background
    thread instead of eagerly in the caller's thread, and that queueing through `config.tasks`
    logs a broker outage instead of raising it into a request whose changes committed."""

    # Where `config.tasks.when_not_queued` leaves a task's message, on its function.
    NOT_QUEUED_ATTRIBUTE = "not_queued_message"
    NOT_QUEUED_DEFAULT = "Broker unavailable; {name} not queued"

    # celery-types declares an AsyncResult; Celery's own returns None, and so does this one.
    def delay_on_commit(self, *args: Any, **kwargs: Any) -> Any:
        # Robust: Django logs any other failure (an eager task's own, in tests) instead of
        # raising it into the request.
        transaction.on_commit(lambda: self.delay_or_log(*args, **kwargs), robust=True)

    def delay_or_log(self, *args: Any, **kwargs: Any) -> None:
        """`delay`, except that a broker that cannot be reached is logged, not raised."""
        try:
            self.delay(*args, **kwargs)
        except OperationalError:  # kombu's: the broker cannot be reached
            message = getattr(self.run, self.NOT_QUEUED_ATTRIBUTE, self.NOT_QUEUED_DEFAULT)
            logger.warning(message.format(*args, **kwargs, name=self.name))

    # Celery's many keyword options pass through unchanged, hence the looser signature.
    def apply_async(  # type: ignore[override]
        self, args: Any = None, kwargs: Any = None, **options: Any
    ) -> Any:
        if not (self.app.conf.task_always_eager and settings.TASKS_IN_BACKGROUND_THREAD):
            return super().apply_async(args=args, kwargs=kwargs, **options)
        task_id = options.get("task_id") or str(uuid.uuid4())
        try:
            future = _background_executor().submit(
                _run_in_background, self, args or (), kwargs or {}, task_id
            )
        except RuntimeError:  # the interpreter is exiting: no new thread work, run it here
            return super().apply_async(args=args, kwargs=kwargs, **options)
        with _executor_lock:
            _pending.add(future)
        future.add_done_callback(_forget)
        return self.AsyncResult(task_id)


def wait_for_background_tasks(timeout: float = 120) -> None:
    """Block until the background thread has run every queued task, including tasks those
    tasks queued (tests, and `seed_demo` before its sweep). Raises TimeoutError after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        with _executor_lock:
            pending = list(_pending)
        if not pending:
            return
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"{len(pending)} background tasks still running")
        wait(pending, timeout=remaining)


app = Celery("icim", task_cls=InProcessTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="health.ping")
def ping_task() -> str:
    """Answer 'pong': lets health checks and tests prove a worker consumes from the broker."""
    return "pong"
