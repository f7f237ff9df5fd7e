"""Certificates issued per minute by two worker processes, through Redis, on PostgreSQL.

Run from the project root: `python tests/benchmarks/bench_issuing.py [--count 1000]` (make bench
runs it). Each run resets its own database (BENCH_ISSUING_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/icim_bench_issuing) and flushes its own Redis database
(BENCH_ISSUING_REDIS_URL, default redis://127.0.0.1:6379/11; it refuses to start while another
client uses that database, whose workers would take the tasks: the e2e server uses /13),
loads 20 scale courses and `--count` learners with one enrollment each (seed_scale), marks the
enrollments completed in bulk (a quarter of the learners with a Chinese name, certificates in
Chinese), then starts one Celery worker with `--concurrency` prefork children (two by default) and
queues `issue_certificate_task` for every enrollment through Redis, the path a completion takes.
Measured: wall time from the first task queued until every certificate is issued (polled every
0.2 s), and each issuing task's run time as the worker logs it ("succeeded in ...s").
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "BENCH_ISSUING_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_bench_issuing"
)
REDIS_URL = os.environ.get("BENCH_ISSUING_REDIS_URL", "redis://127.0.0.1:6379/11")
MEDIA_ROOT = ROOT / "var" / "bench" / "issuing-media"
RESULTS = ROOT / "var" / "bench" / "issuing.md"
WORKER_LOG = ROOT / "var" / "bench" / "issuing-worker.log"
TASK_RUNTIME = re.compile(
    r"Task certificates\.tasks\.issue_certificate_task\[[^]]+\] succeeded in ([0-9.]+)s"
)
COURSES = 20
CHINESE_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"]
ENVIRONMENT = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "MEDIA_ROOT": str(MEDIA_ROOT),
    # Development settings, so the workers sign and seal with the development keys that debug
    # mode provides instead of needing production key files; Django's debug query log is
    # bounded, so it costs little time and no growing memory.
    "DJANGO_DEBUG": "true",
    "EMAIL_URL": "dummymail://",
    "LOG_LEVEL": "WARNING",
}


def _reset_services() -> None:
    import psycopg
    import redis

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    client = redis.Redis.from_url(REDIS_URL)
    database = client.connection_pool.connection_kwargs.get("db", 0)
    others = [
        c for c in client.client_list() if int(c["db"]) == database and c["cmd"] != "client|list"
    ]
    if others:
        raise SystemExit(
            f"{len(others)} other clients use {REDIS_URL}: their workers would take the "
            "benchmark's tasks. Set BENCH_ISSUING_REDIS_URL to a free Redis database."
        )
    client.flushdb()
    shutil.rmtree(MEDIA_ROOT, ignore_errors=True)
    MEDIA_ROOT.mkdir(parents=True)


def _manage(*arguments: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=ENVIRONMENT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _complete_enrollments() -> list[int]:
    """Mark every scale enrollment completed in bulk (no signal: the benchmark queues)."""
    from django.utils import timezone

    from accounts.models import User
    from enrollment.models import Enrollment

    learners = list(
        User.objects.filter(email__startswith="scale-learner-").order_by("pk").values_list("pk")
    )
    for index, name in enumerate(CHINESE_NAMES):
        User.objects.filter(
            pk__in=[pk for (pk,) in learners[index * 4 :: 4 * len(CHINESE_NAMES)]]
        ).update(native_name=name, preferred_language="zh-hans")
    now = timezone.now()
    Enrollment.objects.update(
        status="completed", completed_at=now, status_changed_at=now, final_grade=Decimal("88.5")
    )
    return list(Enrollment.objects.order_by("pk").values_list("pk", flat=True))


def _start_worker(
    concurrency: int, log: Any, *, number: int = 0, queues: str = ""
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",  # one line per task with its run time
            *(["--queues", queues] if queues else []),
            "--hostname",
            f"bench-issuing-{os.getpid()}-{number}@%h",
        ],
        cwd=ROOT,
        env=ENVIRONMENT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs ({model}), load average at start {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=1000, help="completed enrollments")
    parser.add_argument(
        "--concurrency", type=int, default=2, help="processes of each worker (prefork)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="separate workers taking only the pdf queue, as on hosts of their own (with more "
        "than one)",
    )
    parser.add_argument("--output", default=str(RESULTS), help="where the table goes")
    options = parser.parse_args()
    count, concurrency, workers = options.count, options.concurrency, options.workers
    processes = concurrency * workers
    shape = f"{workers} workers × {concurrency}" if workers > 1 else f"{concurrency}"

    machine = _machine()
    print(f"Issuing benchmark: {count} certificates, {shape} worker processes, {machine}")
    _reset_services()
    _manage("migrate", "--noinput", "-v0")
    _manage(
        "seed_scale",
        f"--courses={COURSES}",
        f"--learners={count}",
        f"--enrollments={count}",
        "--events=0",
    )

    os.environ.update(ENVIRONMENT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from certificates.models import Certificate
    from certificates.tasks import issue_certificate_task
    from config.celery import app as celery_app
    from config.celery import ping_task

    enrollment_ids = _complete_enrollments()
    assert len(enrollment_ids) == count, f"seeded {len(enrollment_ids)} enrollments"

    WORKER_LOG.parent.mkdir(parents=True, exist_ok=True)
    log = WORKER_LOG.open("w")
    pool = [
        _start_worker(concurrency, log, number=number, queues="pdf,celery" if workers > 1 else "")
        for number in range(workers)
    ]
    try:
        ping_task.delay().get(timeout=120)  # a worker consumes
        waited = time.monotonic()
        while len(celery_app.control.ping(timeout=1)) < workers:  # and every one answers
            if time.monotonic() - waited > 120:
                raise SystemExit("not every worker started")
        # start the clock
        started = time.monotonic()
        for enrollment_id in enrollment_ids:
            issue_certificate_task.delay(enrollment_id)
        queued_seconds = time.monotonic() - started
        deadline = started + max(600.0, count * 2.0)
        issued, last_report = 0, started
        while issued < count:
            stopped = [worker.poll() for worker in pool if worker.poll() is not None]
            if time.monotonic() > deadline or stopped:
                raise SystemExit(f"only {issued} of {count} issued; worker exits {stopped}")
            time.sleep(0.2)
            issued = Certificate.objects.filter(state="issued").count()
            if time.monotonic() - last_report >= 15:
                last_report = time.monotonic()
                print(f"  {issued} / {count} issued after {last_report - started:.0f} s")
        wall = time.monotonic() - started
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait(timeout=60)
        log.close()
        celery_app.control.purge()  # the learners' notifications, queued behind the issuing

    certificates = Certificate.objects.all()
    assert certificates.count() == count
    assert certificates.values("enrollment_id").distinct().count() == count
    assert not certificates.exclude(state="issued").exists()
    assert not certificates.filter(pdf_sha256="").exists()
    durations = [float(seconds) * 1000 for seconds in TASK_RUNTIME.findall(WORKER_LOG.read_text())]
    assert len(durations) == count, f"{len(durations)} task run times in {WORKER_LOG}"
    per_minute = count / wall * 60
    lines = [
        f"Issuing {count} certificates with {shape} worker processes "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {machine}):",
        "",
        "| certificates | wall s | per minute | per second | queueing s "
        "| task p50 ms | task p95 ms | task mean ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {count} | {wall:.1f} | {per_minute:,.0f} | {count / wall:.1f} | {queued_seconds:.1f} "
        f"| {_percentile(durations, 0.5):.0f} | {_percentile(durations, 0.95):.0f} "
        f"| {statistics.fmean(durations):.0f} |",
    ]
    output = Path(options.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines) + "\n")
    (output.with_suffix(".json")).write_text(
        json.dumps(
            {
                "count": count,
                "workers": workers,
                "concurrency": concurrency,
                "processes": processes,
                "wall_seconds": round(wall, 2),
                "per_second": round(count / wall, 2),
                "task_mean_ms": round(statistics.fmean(durations)),
                "machine": machine,
            }
        )
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
