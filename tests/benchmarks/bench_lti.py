"""LTI 1.3 (issue 24): launches per second through the whole OIDC round trip, and AGS score
posts per second from the worker.

Run from the project root after `tests/benchmarks/bench.py` has made the bench database (a
step of `make bench`): `python tests/benchmarks/bench_lti.py`.

Beside the project under gunicorn (2 sync workers, production settings, as bench.py runs it)
the test LMS of tests/lti/platform_server.py runs as its own process on loopback: OIDC
authorization endpoint, JWKS, token endpoint and line item. It is registered for an
organisation of the bench database and links to one published course.

1. **Launches.** A launch is what a browser does when a student opens the link in the LMS:
   GET the tool's `/lti/login/` (state and nonce stored, 302 to the platform), GET the
   platform's authorization URL (it signs an id_token with that nonce: RS256), POST the
   id_token to the tool's `/lti/launch/` (state spent, signature, claims, account, enrolment,
   grade link, ticket). Each launch must end in 200 with a ticket link, or the run fails.
   The learner is the same returning student every time (`sub-1`): the first launch makes the
   account and the enrolment, the measured ones find them.
2. **Baseline.** The same load generator (LAUNCH_PROCESSES processes × LAUNCH_THREADS threads,
   keep-alive connections) requests bench.py's bare DRF view; launches/s are given as a ratio
   to that rate. The generator is Python, so both figures carry its cost; wrk cannot sign the
   id_token a launch needs.
3. **AGS.** GRADE_LINKS learners with a completed enrolment and a grade link each; one
   `send_grade_task` per link is queued while a Celery worker (concurrency 2) runs; the figure
   is links whose score the platform accepted per second, from the first task queued to the
   last link marked sent. Each post gets an access token from the platform's token endpoint
   (a signed client assertion) first, as `lti.grades.send_grade` does.

Writes var/bench/lti.json and prints a Markdown table.
"""

import http.client
import json
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).parent))

from bench import ENVIRONMENT, OUTPUT, ROOT, _ensure_database, _manage, _wait_for, gunicorn_command

PORT = int(os.environ.get("BENCH_LTI_PORT", "8766"))
PLATFORM_PORT = int(os.environ.get("BENCH_LTI_PLATFORM_PORT", "8767"))
DURATION = float(os.environ.get("BENCH_LTI_SECONDS", "10"))
RUNS = int(os.environ.get("BENCH_RUNS", "2"))
LAUNCH_PROCESSES = 2
LAUNCH_THREADS = 4
GRADE_LINKS = int(os.environ.get("BENCH_LTI_GRADES", "300"))
TOOL = f"http://127.0.0.1:{PORT}"
PLATFORM = f"http://127.0.0.1:{PLATFORM_PORT}"
RESULTS = OUTPUT / "lti.json"
_HIDDEN = re.compile(r'name="([^"]+)" value="([^"]*)"')


def _connection(base: str) -> http.client.HTTPConnection:
    parts = urlsplit(base)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)


def _request(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: str | None = None,
) -> tuple[int, dict[str, str], str]:
    headers = {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    text = answer.read().decode()
    return answer.status, {name.lower(): value for name, value in answer.getheaders()}, text


def launch_once(
    tool: http.client.HTTPConnection, lms: http.client.HTTPConnection, login: str
) -> None:
    """One launch as the browser makes it; raises unless it ends on the tool's ticket page."""
    status, headers, _ = _request(tool, "GET", login)
    if status != 302:
        raise RuntimeError(f"login answered {status}")
    location = urlsplit(headers["location"])
    status, _, page = _request(lms, "GET", f"{location.path}?{location.query}")
    if status != 200:
        raise RuntimeError(f"the platform's authorization answered {status}")
    fields = dict(_HIDDEN.findall(page))
    status, _, page = _request(tool, "POST", "/lti/launch/", urlencode(fields))
    if status != 200 or "ticket=" not in page:
        raise RuntimeError(f"launch answered {status}: {page[:300]}")


def _login_path(registration: dict[str, str]) -> str:
    return "/lti/login/?" + urlencode(
        {
            "iss": registration["issuer"],
            "login_hint": "bench",
            "target_link_uri": f"{TOOL}/lti/launch/",
            "client_id": registration["client_id"],
            "lti_deployment_id": registration["deployment_id"],
        }
    )


def _load_thread(kind: str, login: str, deadline: float, counts: list[int]) -> None:
    tool, lms = _connection(TOOL), _connection(PLATFORM)
    done = 0
    while time.monotonic() < deadline:
        if kind == "launch":
            launch_once(tool, lms, login)
        else:
            status, _, _ = _request(tool, "GET", "/bench/baseline")
            if status != 200:
                raise RuntimeError(f"baseline answered {status}")
        done += 1
    counts.append(done)


def _load_process(kind: str, login: str, seconds: float, queue: Any) -> None:
    counts: list[int] = []
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_load_thread, args=(kind, login, deadline, counts))
        for _ in range(LAUNCH_THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(counts) != LAUNCH_THREADS:
        queue.put(-1)  # a thread raised: its traceback is on stderr
    else:
        queue.put(sum(counts))


def measure_rate(kind: str, login: str, seconds: float) -> float:
    """Completed iterations per second of LAUNCH_PROCESSES × LAUNCH_THREADS clients."""
    queue: Any = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_load_process, args=(kind, login, seconds, queue))
        for _ in range(LAUNCH_PROCESSES)
    ]
    started = time.monotonic()
    for process in processes:
        process.start()
    totals = [queue.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.monotonic() - started
    if min(totals) < 0:
        raise RuntimeError(f"a {kind} client failed")
    return sum(totals) / elapsed


def _setup_django() -> None:
    os.environ.update(ENVIRONMENT)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _course_and_organization() -> tuple[str, str]:
    """A published course of the bench database and an organisation that owns one."""
    from accounts.models import Organization
    from courses.models import Course

    course = Course.objects.filter(versions__state="published").order_by("slug").distinct().first()
    organization = Organization.objects.order_by("slug").first()
    if course is None or organization is None:
        raise SystemExit("No published course: run tests/benchmarks/bench.py first.")
    return course.slug, organization.slug


def _platform(course: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.lti.platform_server",
            *("--port", str(PLATFORM_PORT), "--host", "127.0.0.1"),
            *("--tool", TOOL, "--course", course),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    process.stdout.readline()  # {"listening": …}
    with closing(_connection(PLATFORM)) as connection:
        # The LMS's course page: sets the claims of the launches that follow (course, target).
        status, _, _ = _request(connection, "GET", "/course")
        assert status == 200, status
        _, _, body = _request(connection, "GET", "/registration")
    return process, json.loads(body)


def _grade_links(registration_id: int, course_slug: str) -> list[int]:
    """GRADE_LINKS learners enrolled and completed with a grade, each with a line item link."""
    from django.utils import timezone

    from accounts.models import User
    from courses.models import Course
    from enrollment import api as enrollment_api
    from enrollment.models import Enrollment
    from lti.models import GradeLink

    course = Course.objects.get(slug=course_slug)
    run = os.urandom(3).hex()
    links = []
    for number in range(GRADE_LINKS):
        user = User.objects.create(email=f"lti-bench-{run}-{number}@example.org")
        enrollment = enrollment_api.enroll(user=user, course_slug=course_slug)
        Enrollment.objects.filter(pk=enrollment.pk).update(
            status="completed", completed_at=timezone.now(), final_grade=50 + number % 50
        )
        links.append(
            GradeLink.objects.create(
                registration_id=registration_id,
                user=user,
                subject=f"bench-{run}-{number}",
                course=course,
                lineitem_url=f"{PLATFORM}/lineitems/1",
                scopes=["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            ).pk
        )
    return links


def measure_grades(registration_id: int, course_slug: str) -> dict[str, float]:
    from lti.models import GradeLink
    from lti.tasks import send_grade_task

    links = _grade_links(registration_id, course_slug)
    log = (OUTPUT / "lti-worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            *("-m", "celery", "-A", "config", "worker", "--concurrency=2"),
            *("--without-gossip", "--without-mingle", "--loglevel=WARNING"),
            *("--hostname", f"bench-lti-{os.getpid()}@%h"),
        ],
        cwd=ROOT,
        env=ENVIRONMENT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        time.sleep(8)  # the worker connects to the broker and imports the project
        started = time.monotonic()
        for link in links:
            send_grade_task.delay(link)
        pending = GradeLink.objects.filter(pk__in=links, last_sent_at__isnull=True)
        while pending.exists():
            if time.monotonic() - started > 600:
                raise RuntimeError(f"{pending.count()} grades still unsent after 10 minutes")
            time.sleep(0.2)
        elapsed = time.monotonic() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {"links": len(links), "seconds": round(elapsed, 1), "rate": len(links) / elapsed}


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    _ensure_database()
    _manage("migrate", "--noinput", "-v0")
    _setup_django()
    from lti import api as lti_api

    course, organization = _course_and_organization()
    log = (OUTPUT / "lti-servers.log").open("w")
    servers = [
        subprocess.Popen(
            gunicorn_command(PORT), cwd=ROOT, env=ENVIRONMENT, stdout=log, stderr=subprocess.STDOUT
        )
    ]
    try:
        platform, registration = _platform(course)
        servers.append(platform)
        registered = lti_api.register_platform(
            organization_slug=organization,
            issuer=registration["issuer"],
            client_id=registration["client_id"],
            deployment_ids=[registration["deployment_id"]],
            auth_url=registration["auth_url"],
            token_url=registration["token_url"],
            jwks_url=registration["jwks_url"],
        )
        _wait_for(f"{TOOL}/bench/baseline")
        login = _login_path(registration)
        with closing(_connection(TOOL)) as tool, closing(_connection(PLATFORM)) as lms:
            launch_once(tool, lms, login)  # the account and the enrolment; JWKS fetched
        measure_rate("baseline", login, 3)  # warm-up: connections, imports, caches
        measure_rate("launch", login, 3)
        baseline = [measure_rate("baseline", login, DURATION) for _ in range(RUNS)]
        launches = [measure_rate("launch", login, DURATION) for _ in range(RUNS)]
        grades = measure_grades(registered.pk, course)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)
    result = {
        "course": course,
        "clients": f"{LAUNCH_PROCESSES} processes × {LAUNCH_THREADS} threads",
        "seconds": DURATION,
        "baseline_runs": [round(rate, 1) for rate in baseline],
        "launch_runs": [round(rate, 1) for rate in launches],
        "baseline": round(statistics.median(baseline), 1),
        "launches": round(statistics.median(launches), 1),
        "grades": {**grades, "rate": round(grades["rate"], 1)},
    }
    result["ratio"] = round(result["launches"] / result["baseline"], 3)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(table(result))


def table(result: dict[str, Any]) -> str:
    grades = result["grades"]
    return "\n".join(
        [
            f"LTI 1.3 ({result['clients']}, {result['seconds']:g} s runs, medians of "
            f"{len(result['launch_runs'])}):",
            "",
            "| measure | per second | ratio to bare DRF |",
            "|---|---:|---:|",
            f"| bare DRF view, same Python load generator | {result['baseline']:,.1f} | 1 |",
            f"| launch: login → platform authorization → id_token posted | "
            f"{result['launches']:,.1f} | {result['ratio']:.3f} |",
            f"| AGS score posts from the worker ({grades['links']} links, token + score each) "
            f"| {grades['rate']:,.1f} | — |",
        ]
    )


if __name__ == "__main__":
    main()
