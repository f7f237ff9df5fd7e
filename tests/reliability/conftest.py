"""Reliability fixtures: the certificates fixtures, PostgreSQL only, a helper that runs
calls at the same instant in threads, each with its own database connection, and gunicorn
with production settings in a process of its own."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
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

ROOT = Path(__file__).resolve().parents[2]

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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def child_processes(pid: int) -> set[int]:
    """The ids of the processes whose parent is `pid` (gunicorn's workers)."""
    children = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    children.add(int(entry.name))
    return children


def production_environment(*, database_url: str, port: int, **variables: str) -> dict[str, str]:
    """This process's environment with production settings instead of its DJANGO_ ones: DEBUG
    off, persistent connections with health checks, a fresh secret key; plus `variables`."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}",
        "THROTTLE_TOKENS": "1000/min",
        **variables,
    }


@contextlib.contextmanager
def gunicorn(
    database_url: str, log: Path, **variables: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """gunicorn with 2 sync workers and production settings (`production_environment`, plus
    `variables`) on `database_url`; yields its base URL and process once /healthz answers 200."""
    port = free_port()
    environment = production_environment(database_url=database_url, port=port, **variables)
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "config.wsgi",
                "--workers=2",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with contextlib.suppress(requests.RequestException):
                    if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                time.sleep(0.1)
            else:
                raise AssertionError("gunicorn did not start:\n" + log.read_text())
            yield base, server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
