"""A real PostgreSQL restart under load: requests in flight fail cleanly, the same gunicorn
recovers on its own, and nothing is half-written.

The test starts a private PostgreSQL 15 server in a temporary directory (the shared one serves
other test runs and is never touched), migrates a database on it, serves it with gunicorn and
production settings, and restarts it with `pg_ctl restart -m fast` while learners send video
progress.

What a response proves about a write: a 200 means the transaction committed, so the event must
survive the restart. A 503 proves nothing either way: the connection may die after the server
committed and before the answer arrived, so such events are replayed afterwards (events are
idempotent by id), as a client does. Atomicity is checked on what is stored: every learner
watches distinct, non-touching stretches, so the merged progress of an enrollment equals the
merge of its stored events exactly when each event was stored together with its progress
(checked before any replay: merging is idempotent, so a replay would hide a half-written event).
To make the restart land where a partial write would be left behind, a trigger (in the private
database only) holds the event inserts for two seconds, after the transaction has already updated
the progress, and the restart is issued while one is held.
"""

import contextlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
import requests

from enrollment import progress
from tests.conftest import need_service
from tests.reliability.conftest import (
    ROOT,
    child_processes,
    free_port,
    gunicorn,
    production_environment,
)

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
LEARNERS = 4
VIDEO_SECONDS = 480.0  # the test course's video lesson: 8 minutes
SERVICE_UNAVAILABLE = {
    "detail": "The service is briefly unavailable. Try again in a moment.",
    "code": "service_unavailable",
}


@dataclass
class PrivatePostgres:
    """A PostgreSQL server of the test's own, on 127.0.0.1:`port`, with its socket and data in
    `directory`."""

    directory: Path
    port: int
    run_as: list[str]

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *arguments: str) -> None:
        # -l on every call: without it the server would write to (and hold open) our pipe.
        command = [str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30"]
        command += ["-l", str(self.directory / "postgres.log"), *arguments]
        result = subprocess.run(
            [*self.run_as, *command],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
        assert result.returncode == 0, (command, result.stdout, result.stderr, self.log())

    def log(self, characters: int | None = 3000) -> str:
        """The server's log, its last `characters` (all of it with None)."""
        with contextlib.suppress(OSError):
            text = (self.directory / "postgres.log").read_text()
            return text[-characters:] if characters else text
        return ""


def _postgres_account() -> list[str] | None:
    """The command prefix that runs the server's tools as a user they accept: initdb refuses
    root, so root runs them as the `postgres` account (None when there is none)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return None
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    """initdb, start and stop (always, then delete) a private PostgreSQL 15 server."""
    run_as = _postgres_account()
    tools = ("initdb", "pg_ctl", "postgres")
    need_service(
        f"PostgreSQL 15 server binaries ({POSTGRES_BIN}) and an account to run them",
        run_as is not None and all((POSTGRES_BIN / tool).exists() for tool in tools),
    )
    assert run_as is not None
    directory = Path(tempfile.mkdtemp(prefix="icim-postgres-"))
    if run_as:
        shutil.chown(directory, "postgres", "postgres")
    cluster = PrivatePostgres(directory=directory, port=free_port(), run_as=run_as)
    try:
        initdb = [str(POSTGRES_BIN / "initdb"), "-D", str(cluster.data), "--auth=trust"]
        initdb += ["-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
        subprocess.run([*run_as, *initdb], capture_output=True, check=True, timeout=60)
        options = f"-p {cluster.port} -k {directory} -c listen_addresses=127.0.0.1"
        cluster.pg_ctl("-o", options, "start")
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE icim")
        yield cluster
    finally:
        if (cluster.data / "postmaster.pid").exists():
            with contextlib.suppress(AssertionError, subprocess.SubprocessError):
                cluster.pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(directory, ignore_errors=True)


def _seed(database_url: str) -> dict[str, Any]:
    """Migrate the private database and enrol the learners (tests/reliability/restart_seed.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.reliability.restart_seed", str(LEARNERS)],
        cwd=ROOT,
        env={
            **production_environment(database_url=database_url, port=8000, REDIS_URL=""),
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seeded: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return seeded


def _prepare_to_hold_event_inserts(database_url: str) -> None:
    """A trigger that makes every learning event insert wait as many seconds as `test_hold`
    says (none until `_hold_event_inserts`): record_event has saved the lesson progress by
    then, so a transaction cut off there would leave half a write."""
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute("CREATE TABLE test_hold (seconds float NOT NULL)")
        admin.execute("INSERT INTO test_hold VALUES (0)")
        admin.execute(
            "CREATE FUNCTION test_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " PERFORM pg_sleep((SELECT seconds FROM test_hold)); RETURN NEW; END $$"
        )
        admin.execute(
            "CREATE TRIGGER test_hold BEFORE INSERT ON enrollment_learningevent"
            " FOR EACH ROW EXECUTE FUNCTION test_hold()"
        )


def _hold_event_inserts(database_url: str, *, seconds: float) -> None:
    with psycopg.connect(database_url, autocommit=True) as admin:
        admin.execute("UPDATE test_hold SET seconds = %s", [seconds])


def _wait_for_a_held_write(database_url: str) -> None:
    """Return once a request's transaction is held in the insert trigger."""
    with psycopg.connect(database_url, autocommit=True) as watcher:

        def held() -> bool:
            row = watcher.execute(
                "SELECT count(*) > 0 FROM pg_stat_activity WHERE wait_event = 'PgSleep'"
            ).fetchone()
            return bool(row and row[0])

        _wait_until(held, "no write was held in the database")


def _wait_until(condition: Callable[[], bool], failure: str, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.01)


@dataclass
class Attempt:
    """One request and what came back."""

    enrollment: int
    event_id: str
    started: float
    finished: float = 0.0
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    error: str = ""


def _video_event(event_id: str, video: str, stretch: list[list[float]]) -> dict[str, Any]:
    return {"id": event_id, "kind": "video_progress", "lesson": video, "segments": stretch}


def _send(
    http: requests.Session, url: str, body: dict[str, Any], *, enrollment: int, event_id: str
) -> Attempt:
    attempt = Attempt(enrollment=enrollment, event_id=event_id, started=time.monotonic())
    try:
        response = http.post(url, json=body, timeout=10)
    except requests.RequestException as error:  # a hang or a dropped connection: recorded
        attempt.error = repr(error)
    else:
        attempt.status = response.status_code
        attempt.headers = dict(response.headers)
        attempt.body = response.text
    attempt.finished = time.monotonic()
    return attempt


def _stored(database_url: str, video: str) -> dict[int, tuple[dict[str, Any], list[Any], Any]]:
    """Per enrollment: its stored video events (id: segments), its watched segments, and its
    last lesson, read straight from the private database."""
    with psycopg.connect(database_url) as reader:
        enrollments = dict(
            reader.execute("SELECT id, last_lesson_key FROM enrollment_enrollment").fetchall()
        )
        watched = dict(
            reader.execute(
                "SELECT enrollment_id, watched_segments FROM enrollment_lessonprogress"
                " WHERE lesson_key = %s",
                [video],
            ).fetchall()
        )
        events: dict[int, dict[str, Any]] = {pk: {} for pk in enrollments}
        for enrollment_id, event_id, payload in reader.execute(
            "SELECT enrollment_id, id, payload FROM enrollment_learningevent"
            " WHERE kind = 'video_progress'"
        ).fetchall():
            events[enrollment_id][str(event_id)] = payload["segments"]
    return {
        pk: (events[pk], watched.get(pk, []), enrollments[pk] and str(enrollments[pk]))
        for pk in enrollments
    }


def _merged(segments: list[list[list[float]]]) -> list[list[float]]:
    return progress.merge_segments(
        [stretch for stretches in segments for stretch in stretches], limit=VIDEO_SECONDS
    )


def test_a_postgresql_restart_under_load_fails_requests_cleanly_and_gunicorn_recovers_alone(
    private_postgres: PrivatePostgres, tmp_path: Path
) -> None:
    # Production refuses a per-process cache, so gunicorn gets the real Redis (a database of its
    # own); everything else about this test is PostgreSQL.
    redis_url = os.environ.get("REDIS_URL", "")
    need_service("Redis (REDIS_URL), for production settings' shared cache", bool(redis_url))
    redis_url = redis_url.rsplit("/", 1)[0] + "/12"
    # Empty, like the new database: cached answers of an earlier run would name the same ids.
    redis.Redis.from_url(redis_url).flushdb()
    database_url = private_postgres.url("icim")
    seeded = _seed(database_url)
    _prepare_to_hold_event_inserts(database_url)
    video = seeded["video"]
    learners = {row["enrollment"]: row["token"] for row in seeded["learners"]}
    sent: dict[int, dict[str, list[list[float]]]] = {enrollment: {} for enrollment in learners}
    attempts: list[Attempt] = []
    lock = threading.Lock()
    stop = threading.Event()

    def answered(*, status: int | None = None, since: float = 0.0) -> bool:
        """Has every learner had two answers (with `status`) to requests sent after `since`?"""
        with lock:
            done = [
                attempt.enrollment
                for attempt in attempts
                if attempt.started > since and status in (None, attempt.status)
            ]
        return all(done.count(enrollment) >= 2 for enrollment in learners)

    with gunicorn(database_url, tmp_path / "gunicorn.log", REDIS_URL=redis_url) as (base, server):
        workers_before = child_processes(server.pid)

        def events_url(enrollment: int) -> str:
            return f"{base}/api/v1/enrollments/{enrollment}/events/"

        def learner(enrollment: int) -> None:
            """Watch one new half-second stretch after another until told to stop. A failed
            event is not retried here: replays come after the database is checked, so a
            half-written event cannot be healed by its retry before anyone looks."""
            http = requests.Session()
            http.headers["Authorization"] = f"Bearer {learners[enrollment]}"
            for second in range(int(VIDEO_SECONDS) - 1):
                if stop.is_set():
                    return
                event_id = str(uuid.uuid4())
                stretch = [[float(second), second + 0.5]]
                sent[enrollment][event_id] = stretch
                body = _video_event(event_id, video, stretch)
                attempt = _send(
                    http, events_url(enrollment), body, enrollment=enrollment, event_id=event_id
                )
                with lock:
                    attempts.append(attempt)
                if attempt.status != 200:
                    time.sleep(0.05)

        threads = [
            threading.Thread(target=learner, args=(enrollment,), daemon=True)
            for enrollment in learners
        ]
        for thread in threads:
            thread.start()
        try:
            _wait_until(lambda: answered(status=200), "the learners' events were not stored")
            # when PostgreSQL restarts (fast shutdown: open transactions are rolled back, every
            # connection is closed) while a learner's write is held half-done in the database
            _hold_event_inserts(database_url, seconds=2)
            _wait_for_a_held_write(database_url)
            restart_began = time.monotonic()
            private_postgres.pg_ctl("-m", "fast", "restart")
            restart_done = time.monotonic()
            _hold_event_inserts(database_url, seconds=0)
            _wait_until(lambda: answered(since=restart_done), "no answers after the restart")
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in threads), "a learner hung"

        stored_before_replay = _stored(database_url, video)

        # and each event whose outcome is unknown is stored exactly once when replayed
        acknowledged = {attempt.event_id for attempt in attempts if attempt.status == 200}
        replayed = []
        for enrollment, token in learners.items():
            http = requests.Session()
            http.headers["Authorization"] = f"Bearer {token}"
            for event_id, stretch in sent[enrollment].items():
                if event_id not in acknowledged:
                    body = _video_event(event_id, video, stretch)
                    attempt = _send(
                        http, events_url(enrollment), body, enrollment=enrollment, event_id=event_id
                    )
                    replayed.append(attempt.status)

        # and after a restart while the service is idle, the first request of each worker
        # notices that its persistent connection was closed (CONN_HEALTH_CHECKS) and reconnects
        private_postgres.pg_ctl("-m", "fast", "restart")
        enrollment, token = next(iter(learners.items()))
        progress_url = f"{base}/api/v1/enrollments/{enrollment}/progress/"
        headers = {"Authorization": f"Bearer {token}"}
        recovered = [
            requests.get(progress_url, headers=headers, timeout=10).status_code for _ in range(20)
        ]
        health = requests.get(f"{base}/healthz", timeout=10)
        workers_after = child_processes(server.pid)
    server_log = (tmp_path / "gunicorn.log").read_text()
    stored_after_replay = _stored(database_url, video)
    postgres_log = private_postgres.log(characters=None)

    # the restart cut off the held transaction (a backend busy in a query is told so) and
    # failed other requests, every one of them with the API's clean JSON 503
    assert "terminating connection due to administrator command" in postgres_log
    failed = [attempt for attempt in attempts if attempt.status != 200]
    assert failed, "no request was caught by the restart"
    for attempt in failed:
        assert attempt.error == "", attempt.error  # no hang, no dropped connection
        assert attempt.status == 503, (attempt.status, attempt.body[:500])
        assert attempt.headers["Content-Type"] == "application/json", attempt.body[:500]
        assert attempt.headers["Retry-After"] == "1"
        assert json.loads(attempt.body) == SERVICE_UNAVAILABLE
        # each was in flight while PostgreSQL restarted
        assert restart_began < attempt.finished, attempt
        assert attempt.started < restart_done, attempt
    assert "Traceback" not in server_log
    assert "WORKER TIMEOUT" not in server_log
    # and once PostgreSQL was back, every request succeeded, from the same worker processes
    # (a failure after restart_done would have failed the loop above)
    assert recovered == [200] * 20
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}
    assert workers_after == workers_before, "a gunicorn worker was replaced"
    # and nothing was half-written: what was acknowledged survived the restart, nothing unsent
    # was stored, and each enrollment's progress is exactly the merge of its stored events
    assert replayed == [200] * len(replayed)
    for enrollment, mine in sent.items():
        events, watched, last_lesson = stored_before_replay[enrollment]
        assert set(mine) & acknowledged <= set(events) <= set(mine)
        assert all(events[event_id] == mine[event_id] for event_id in events)
        assert watched == _merged(list(events.values()))
        assert last_lesson == (video if events else None)
        events, watched, last_lesson = stored_after_replay[enrollment]
        assert events == mine
        assert watched == _merged(list(mine.values()))
        assert last_lesson == video
