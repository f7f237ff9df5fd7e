"""Catalog benchmark: `make bench`. Production-like gunicorn on PostgreSQL, driven by wrk.

Loads 10,000 courses (seed_scale) into a benchmark database if missing, counts SQL queries per
request in process, then measures requests/s and p50/p99 latency with wrk against gunicorn (2 sync
workers) on 127.0.0.1. Every figure is also given as a ratio to /healthz measured in the same
run, because absolute numbers on a shared 2-core machine drift from run to run.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_bench"
)
COURSES = int(os.environ.get("BENCH_COURSES", "10000"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
ENDPOINTS = [
    ("baseline: /healthz (1 query)", "/healthz"),
    ("catalog, first page", "/api/v1/courses/"),
    ("catalog search (en, full text)", "/api/v1/courses/?search=predictive%20maintenance"),
    ("catalog search (zh, substring)", "/api/v1/courses/?lang=zh-hans&search=%E6%95%B0%E5%AD%97"),
    ("catalog filters (competency + level)", "/api/v1/courses/?competency=AUT&level=advanced"),
    ("course detail (9 lessons)", "/api/v1/courses/scale-4242/"),
]
ENVIRONMENT = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
}
ENVIRONMENT.pop("REDIS_URL", None)  # the catalog does not use Redis; keep the setup minimal


def _manage(*arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=ENVIRONMENT, check=True)


def _ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')


def _query_counts() -> dict[str, int]:
    os.environ.update(
        {
            key: value
            for key, value in ENVIRONMENT.items()
            if key.startswith(("DATABASE_URL", "DJANGO_"))
        }
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "true"  # test client over plain HTTP
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in ENDPOINTS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(queries)
    return counts


def _wrk(path: str) -> tuple[float, float, float]:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--latency",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"{path} answered errors under load:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]

    def percentile(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", output).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rate, percentile("50"), percentile("99")


def main() -> None:
    started = time.monotonic()
    _ensure_database()
    _manage("migrate", "--noinput", "-v0")
    _manage("seed_scale", "--courses", str(COURSES))
    counts = _query_counts()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=ENVIRONMENT,
    )
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _name, path in ENDPOINTS:  # warm up caches and connections
            subprocess.run(
                ["wrk", "-t1", "-c2", "-d2s", f"http://127.0.0.1:{PORT}{path}"],
                capture_output=True,
                check=True,
            )
        results = [(name, *_wrk(path)) for name, path in ENDPOINTS]
    finally:
        server.terminate()
        server.wait(timeout=30)
    baseline_rate = results[0][1]
    lines = [
        f"Catalog benchmark: {COURSES} courses, PostgreSQL, gunicorn 2 sync workers, "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION} on 127.0.0.1 ({os.cpu_count()} cores).",
        "",
        "| endpoint | req/s | ratio to /healthz | p50 ms | p99 ms | SQL queries |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, rate, p50, p99 in results:
        lines.append(
            f"| {name} | {rate:,.0f} | {rate / baseline_rate:.2f} | {p50:.1f} | "
            f"{p99:.1f} | {counts[name]} |"
        )
    lines.append("")
    lines.append(f"Total run time {time.monotonic() - started:.0f} s.")
    report = "\n".join(lines)
    output = ROOT / "var" / "bench" / "catalog.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
