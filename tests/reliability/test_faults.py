"""Faults: the database drops every connection under load (what a PostgreSQL restart or failover
does to the application) and the disk fills up while a certificate PDF is stored.

Here the restart is approximated with pg_terminate_backend on this test database's other
sessions, again and again for two seconds, so the shared server keeps serving other test runs;
tests/reliability/test_postgres_restart.py restarts a private PostgreSQL server for real.
"""

import json
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import OperationalError, connection, connections
from rest_framework.test import APIClient

from accounts import api as accounts_api
from certificates.models import Certificate
from enrollment import api as enrollment_api
from enrollment import progress
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from tests import learning
from tests.conftest import celery_worker, need_service
from tests.factories import TEST_PASSWORD, UserFactory
from tests.reliability.conftest import child_processes, gunicorn

ROOT = Path(__file__).resolve().parents[2]
ERROR_SHAPE = {"detail", "code"}


# --- the error shape, without a server -----------------------------------------------------------


@pytest.mark.django_db
def test_a_database_lost_mid_request_is_a_json_503_asking_to_retry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def connection_lost(**kwargs: object) -> None:
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(accounts_api, "get_profile", connection_lost)
    client = APIClient()
    client.force_authenticate(UserFactory())

    response = client.get("/api/v1/auth/me")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "1"
    assert response.json() == {
        "detail": "The service is briefly unavailable. Try again in a moment.",
        "code": "service_unavailable",
    }


# --- PostgreSQL drops every connection while gunicorn serves requests ---------------------------


def _terminate_other_sessions(database_url: str, stop: threading.Event, every: float) -> int:
    """Terminate every other session of this database, again and again, until `stop`."""
    kills = 0
    with psycopg.connect(database_url, autocommit=True) as killer:
        while not stop.is_set():
            rows = killer.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
            kills += len(rows)
            stop.wait(every)
    return kills


@pytest.mark.django_db(transaction=True)
def test_dropped_database_connections_fail_requests_cleanly_and_the_service_recovers(
    course: dict[str, Any], tmp_path: Path
) -> None:
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    database = connection.settings_dict
    database_url = (
        f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    learner = UserFactory()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    _token, secret = accounts_api.create_api_token(email=learner.email, password=TEST_PASSWORD)
    # The test's own connection would be terminated too; it reconnects when next used.
    connections.close_all()
    events_url = f"/api/v1/enrollments/{enrollment.pk}/events/"
    progress_url = f"/api/v1/enrollments/{enrollment.pk}/progress/"
    failures: list[tuple[int, str, str]] = []
    client_errors: list[BaseException] = []
    sent: dict[str, list[list[float]]] = {}
    lock = threading.Lock()

    with gunicorn(database_url, tmp_path / "gunicorn.log") as (base, server):
        workers_before = child_processes(server.pid)
        session_headers = {"Authorization": f"Bearer {secret}"}

        def call(http: requests.Session, method: str, url: str, body: Any = None) -> int:
            response = http.request(method, base + url, json=body, timeout=10)
            if response.status_code >= 400:
                with lock:
                    failures.append(
                        (
                            response.status_code,
                            response.headers.get("Content-Type", ""),
                            response.text,
                        )
                    )
            return response.status_code

        def client(number: int, stop: threading.Event) -> None:
            """Send distinct video stretches, each retried with its id until it is stored, and
            read the progress between them."""
            http = requests.Session()
            http.headers.update(session_headers)
            sequence = 0
            while not stop.is_set():
                event_id = str(uuid.uuid4())
                start = float(number * 100 + sequence)  # distinct, non-touching stretches
                sequence += 1
                with lock:
                    sent[event_id] = [[start, start + 0.5]]
                body = {
                    "id": event_id,
                    "kind": "video_progress",
                    "lesson": course["video"],
                    "segments": sent[event_id],
                }
                for _attempt in range(100):
                    stored = call(http, "post", events_url, body) == 200
                    call(http, "get", progress_url)
                    if stored:
                        break
                    time.sleep(0.05)
                else:
                    raise AssertionError(f"event {event_id} was never stored")

        def run_client(number: int, stop: threading.Event) -> None:
            try:
                client(number, stop)
            except BaseException as error:  # handed to the test
                client_errors.append(error)

        # when four clients keep writing and reading while every connection is terminated
        # every 100 ms for two seconds
        stop_clients, stop_killing = threading.Event(), threading.Event()
        kills: list[int] = []
        killer = threading.Thread(
            target=lambda: kills.append(
                _terminate_other_sessions(database_url, stop_killing, every=0.1)
            )
        )
        clients = [
            threading.Thread(target=run_client, args=(number, stop_clients)) for number in range(4)
        ]
        for thread in clients:
            thread.start()
        time.sleep(0.5)
        killer.start()
        time.sleep(2)
        stop_killing.set()
        killer.join()
        time.sleep(0.5)
        stop_clients.set()
        for thread in clients:
            thread.join(timeout=60)

        # then the service answers again at once, from the same worker processes
        recovered = [
            requests.get(base + progress_url, headers=session_headers, timeout=10).status_code
            for _ in range(20)
        ]
        health = requests.get(f"{base}/healthz", timeout=10)
        workers_after = child_processes(server.pid)

    assert client_errors == []
    assert kills
    assert kills[0] > 0
    assert recovered == [200] * 20
    assert health.status_code == 200
    assert workers_after == workers_before, "a gunicorn worker was replaced"
    # and every failure while connections dropped was a clean JSON error in the API's shape
    assert failures, "no request was caught by a dropped connection"
    for status, content_type, text in failures:
        assert status in {500, 503}, (status, text)
        assert content_type == "application/json", (status, content_type, text[:300])
        assert "Traceback" not in text
        assert "<html" not in text.lower()
    assert {status for status, _type, _text in failures} == {503}
    assert {json.loads(text)["code"] for _s, _t, text in failures} == {"service_unavailable"}
    # and nothing was half-written: each event is stored once with its progress, and the video
    # progress is exactly the merge of the stored events
    stored = dict(
        LearningEvent.objects.filter(enrollment=enrollment, kind="video_progress").values_list(
            "id", "payload"
        )
    )
    assert {str(key) for key in stored} == set(sent)
    assert all(stored[uuid.UUID(key)]["segments"] == segments for key, segments in sent.items())
    state = LessonProgress.objects.get(enrollment=enrollment, lesson_key=course["video"])
    expected = progress.merge_segments(
        [segment for segments in sent.values() for segment in segments], limit=480.0
    )
    assert state.watched_segments == expected
    assert Enrollment.objects.get(pk=enrollment.pk).status == "active"


# --- the disk fills up while the PDF is stored ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_full_disk_keeps_the_certificate_pending_and_the_task_retries_until_it_is_stored(
    course: dict[str, Any], staff: dict[str, Any], tmp_path: Path
) -> None:
    """A real worker on Redis whose storage raises ENOSPC while a flag file exists:
    tests/certificates/test_api.py covers the api step; this covers the task's retries."""
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    database = connection.settings_dict
    disk_full = tmp_path / "disk-full"
    disk_full.touch()
    attempts = tmp_path / "attempts.log"
    environment = {
        "DATABASE_URL": (
            f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.reliability.disk_full_settings",
        "DISK_FULL_FLAG": str(disk_full),
        "DISK_FULL_ATTEMPTS": str(attempts),
    }

    def attempt_times() -> list[float]:
        if not attempts.exists():
            return []
        return [float(line) for line in attempts.read_text().split()]

    def worker_output() -> str:
        worker.terminate()
        return worker.communicate(timeout=20)[0] if worker.stdout else ""

    with celery_worker("disk-full", environment=environment) as worker:
        # given a learner who completes the course (the task goes to the worker through Redis)
        learner = staff["learner"]
        enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
        for kind, key, payload in [
            ("lesson_completed", course["text"], {}),
            ("video_progress", course["video"], {"segments": [[0, 480]]}),
            ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
        ]:
            learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=uuid.uuid4(),
                kind=kind,
                lesson_key=uuid.UUID(key),
                payload=payload,
            )

        # when the disk is full for the first attempt and its retry
        deadline = time.monotonic() + 40
        while len(attempt_times()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        failed = attempt_times()
        if len(failed) < 2:
            raise AssertionError("the task did not retry:\n" + worker_output())

        # then the certificate stays pending, without a file, and is not verifiable
        pending = Certificate.objects.get(enrollment=enrollment)
        assert (pending.state, pending.pdf_sha256, bool(pending.pdf)) == ("pending", "", False)
        assert APIClient().get(f"/api/v1/verify/{pending.pk}").status_code == 404
        assert not (Path(settings.MEDIA_ROOT) / "certificates" / "pdf").exists() or not any(
            (Path(settings.MEDIA_ROOT) / "certificates" / "pdf").iterdir()
        )

        # when space is freed, the next retry stores it
        disk_full.unlink()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pending.refresh_from_db()
            if pending.state == "issued":
                break
            time.sleep(0.1)

    assert pending.state == "issued"
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert Path(pending.pdf.path).read_bytes().startswith(b"%PDF-")
    # and it took one more attempt than the failed ones: retried, not abandoned or duplicated
    assert len(attempt_times()) >= len(failed) + 1


def test_the_issuing_task_retries_storage_errors_with_backoff_forever() -> None:
    from certificates.tasks import issue_certificate_task

    assert OSError in issue_certificate_task.autoretry_for
    assert issue_certificate_task.retry_backoff is True
    assert (issue_certificate_task.retry_backoff_max, issue_certificate_task.max_retries) == (
        600,
        None,
    )
