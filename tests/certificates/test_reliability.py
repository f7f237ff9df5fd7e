"""Issuing survives a worker killed mid-render and a broker that is down at completion time.

Real Redis, real workers, the test run's PostgreSQL database. To kill a worker while it is
rendering, the test holds an ACCESS EXCLUSIVE lock on the certificate templates table: issuing
records the pending certificate (no template involved), then the render step reads the
institution's template and waits on the lock. The test sees both the pending row and the worker's
database session waiting on that table, so the kill always lands inside the render step, after
the pending record and before the PDF is stored, however fast rendering is on the machine.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from certificates.tasks import sweep_missing_certificates_task
from config.celery import app as celery_app
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from tests import learning
from tests.conftest import celery_worker, need_service

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_TABLE = "certificates_certificatetemplate"
# A Redis visibility timeout short enough for a test, long enough for one certificate.
TEST_VISIBILITY_TIMEOUT = 3


@pytest.fixture
def services() -> dict[str, str]:
    """The environment a worker needs to share this test run's database and media folder."""
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    # Messages an earlier test left on the broker are not this test's: a worker busy with them
    # would not be caught rendering this test's certificate in time.
    celery_app.control.purge()
    database = connection.settings_dict
    return {
        "DATABASE_URL": (
            f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }


@pytest.fixture
def render_gate(services: dict[str, str]) -> Iterator[Callable[[], None]]:
    """Hold rendering at its first read of the templates table until the returned callable
    opens the gate (or the test ends)."""
    blocker = psycopg.connect(services["DATABASE_URL"])
    blocker.execute(f"LOCK TABLE {TEMPLATES_TABLE} IN ACCESS EXCLUSIVE MODE")
    try:
        yield blocker.rollback
    finally:
        blocker.rollback()
        blocker.close()


def _complete(course: dict[str, Any], learner: User) -> Enrollment:
    """Walk the learner through the course in this process; the receiver queues the task."""
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    for kind, key, payload in _completing_events(course):
        learning.record_event(
            user=learner,
            enrollment_id=enrollment.pk,
            event_id=uuid.uuid4(),
            kind=kind,
            lesson_key=uuid.UUID(key),
            payload=payload,
        )
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    return enrollment


def _completing_events(course: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]


def _wait_until_caught_rendering(enrollment: Enrollment, timeout: float = 60) -> Certificate:
    """The pending certificate, once a worker's session waits on the templates table."""
    deadline = time.monotonic() + timeout
    waiting: list[tuple[Any, ...]] = []
    while time.monotonic() < deadline:
        pending = Certificate.objects.filter(enrollment=enrollment, state="pending").first()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, application_name, left(query, 200) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                " AND query LIKE %s",
                [f"%{TEMPLATES_TABLE}%"],
            )
            waiting = cursor.fetchall()
        if pending is not None and len(waiting) == 1:
            return pending
        time.sleep(0.05)
    states = list(Certificate.objects.filter(enrollment=enrollment).values_list("state", flat=True))
    raise AssertionError(
        f"no worker was caught rendering within {timeout} s: certificates {states},"
        f" sessions waiting on the templates table {waiting},"
        f" messages queued {redis.Redis.from_url(settings.REDIS_URL).llen('celery')}"
    )


def _wait_until_issued(enrollment: Enrollment, timeout: float = 30) -> Certificate:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        issued = Certificate.objects.filter(enrollment=enrollment, state="issued").first()
        if issued is not None:
            return issued
        time.sleep(0.1)
    raise AssertionError("the certificate was not issued within the timeout")


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name in parentheses may hold spaces; the parent pid follows it.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def _wait_until_gone(pid: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), f"process {pid} survived SIGKILL"


def _unacknowledged_issuing(enrollment_id: int) -> list[dict[str, Any]]:
    """Messages of this enrollment's issuing task that Redis holds as taken but unacknowledged."""
    client = redis.Redis.from_url(settings.REDIS_URL)
    messages = []
    for raw in client.hvals("unacked"):
        message, _exchange, _routing_key = json.loads(raw)
        headers = message.get("headers", {})
        if headers.get("task") == "certificates.tasks.issue_certificate_task" and headers.get(
            "argsrepr"
        ) == repr((enrollment_id,)):
            messages.append(message)
    return messages


def _assert_issued_once(enrollment: Enrollment, pending: Certificate) -> Certificate:
    certificates = list(Certificate.objects.filter(enrollment=enrollment))
    assert len(certificates) == 1
    (certificate,) = certificates
    assert certificate.pk == pending.pk  # the redelivered task finished the recorded one
    assert certificate.state == "issued"
    assert certificate.issued_at is not None
    assert Path(certificate.pdf.path).read_bytes().startswith(b"%PDF-")
    assert len(certificate.pdf_sha256) == 64
    # Nothing half-written is left beside the file (the killed attempt never got to write).
    assert sorted(p.name for p in Path(certificate.pdf.path).parent.iterdir()) == [
        f"{certificate.pk}.pdf"
    ]
    return certificate


@pytest.mark.django_db(transaction=True)
def test_a_render_child_killed_mid_render_is_redelivered_and_issues_once(
    services: dict[str, str],
    render_gate: Callable[[], None],
    course: dict[str, Any],
    staff: dict[str, User],
) -> None:
    # given a prefork worker whose single child will be caught rendering
    with celery_worker(
        "reliability-child", pool="prefork", concurrency=1, environment=services
    ) as worker:
        enrollment = _complete(course, staff["learner"])
        pending = _wait_until_caught_rendering(enrollment)
        (child,) = _children(worker.pid)

        # when the child is killed mid-render, then the render may go on
        os.kill(child, signal.SIGKILL)
        _wait_until_gone(child)
        render_gate()

        # then the parent requeues the task (reject on worker lost) and a new child issues it
        certificate = _wait_until_issued(enrollment)
        assert worker.poll() is None, "the worker itself died"
        assert child not in _children(worker.pid)
    output = worker.stdout.read() if worker.stdout else ""

    assert "WorkerLostError" in output, output  # the parent saw its child die mid-task
    assert "signal 9 (SIGKILL)" in output, output
    assert _assert_issued_once(enrollment, pending) == certificate


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_is_redelivered_after_the_visibility_timeout(
    services: dict[str, str],
    render_gate: Callable[[], None],
    course: dict[str, Any],
    staff: dict[str, User],
) -> None:
    environment = {**services, "CELERY_VISIBILITY_TIMEOUT": str(TEST_VISIBILITY_TIMEOUT)}
    # given a whole worker (solo pool: the worker process renders) caught rendering
    with celery_worker("reliability-killed", environment=environment) as first_worker:
        enrollment = _complete(course, staff["learner"])
        pending = _wait_until_caught_rendering(enrollment)

        # when the whole worker is killed, nobody is left to give the message back
        first_worker.send_signal(signal.SIGKILL)
        assert first_worker.wait(timeout=10) == -signal.SIGKILL
        killed_at = time.monotonic()
        render_gate()
    assert len(_unacknowledged_issuing(enrollment.pk)) == 1  # taken, never acknowledged
    assert Certificate.objects.get(enrollment=enrollment).state == "pending"

    # then a new worker, started once the visibility timeout passed, gets it back and issues it
    time.sleep(max(0.0, killed_at + TEST_VISIBILITY_TIMEOUT + 0.5 - time.monotonic()))
    with celery_worker("reliability-restarted", environment=environment):
        _wait_until_issued(enrollment)

    _assert_issued_once(enrollment, pending)
    assert _unacknowledged_issuing(enrollment.pk) == []  # acknowledged by the second worker


# Completes the course in a separate "web" process whose Redis is unreachable.
COMPLETE_WITH_BROKER_DOWN = """
import json, sys, time, uuid
import django
django.setup()
from accounts.models import User
from tests import learning
arguments = json.loads(sys.argv[1])
learner = User.objects.get(pk=arguments["user_id"])
started = time.monotonic()
for kind, key, payload in arguments["events"]:
    learning.record_event(
        user=learner,
        enrollment_id=arguments["enrollment_id"],
        event_id=uuid.uuid4(),
        kind=kind,
        lesson_key=uuid.UUID(key),
        payload=payload,
    )
print(json.dumps({"seconds": time.monotonic() - started}))
"""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.django_db(transaction=True)
def test_a_completion_while_the_broker_is_down_is_issued_by_the_sweep_once_it_is_back(
    services: dict[str, str], course: dict[str, Any], staff: dict[str, User]
) -> None:
    # given a learner who completes the course while the web process cannot reach Redis
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    unreachable = f"redis://127.0.0.1:{_closed_port()}/0"
    completion = subprocess.run(
        [
            sys.executable,
            "-c",
            COMPLETE_WITH_BROKER_DOWN,
            json.dumps(
                {
                    "user_id": learner.pk,
                    "enrollment_id": enrollment.pk,
                    "events": _completing_events(course),
                }
            ),
        ],
        cwd=ROOT,
        env={
            **os.environ,
            **services,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "true",
            "REDIS_URL": unreachable,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    # then the completion stands, the learner was not kept waiting, and nothing was queued
    assert completion.returncode == 0, completion.stderr
    assert json.loads(completion.stdout)["seconds"] < 5
    assert (
        f"Broker unavailable; enrollment {enrollment.pk} waits for the certificate sweep"
        in completion.stderr
    )
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    assert not Certificate.objects.filter(enrollment=enrollment).exists()

    # when Redis is back and the periodic sweep runs on a worker, past any grace period
    two_hours_ago = timezone.now() - timedelta(hours=2)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        completed_at=two_hours_ago, status_changed_at=two_hours_ago
    )
    with celery_worker("reliability-sweep", environment=services):
        handled = sweep_missing_certificates_task.delay().get(timeout=30)
        certificate = Certificate.objects.get(enrollment=enrollment)
        handled_again = sweep_missing_certificates_task.delay().get(timeout=30)

    # then the certificate is issued, once
    assert handled == 1
    assert handled_again == 0
    assert list(Certificate.objects.filter(enrollment=enrollment)) == [certificate]
    certificate.refresh_from_db()
    assert certificate.state == "issued"
    assert Path(certificate.pdf.path).read_bytes().startswith(b"%PDF-")
    assert certificate.completed_at == two_hours_ago
