"""`make bench`, frontend: Lighthouse on six pages served by gunicorn with the production settings.

Loads the demo data (`seed_demo`, which runs only in development mode, as bench.py's preparation
does) into a fresh database of its own, collects the static files as a deployment does
(`collectstatic`: WhiteNoise's compressed, manifest-named copies), starts gunicorn with the
benchmark settings (config.settings_bench: DEBUG off, Redis cache) on BENCH_LIGHTHOUSE_PORT, and
runs `frontend/scripts/lighthouse.mjs` against it: Debian's Chromium, Lighthouse's mobile profile
as shipped, three runs per page, the median written to var/bench/lighthouse.json. Nothing is
fetched from the network.
"""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import ENVIRONMENT, OUTPUT, ROOT, _wait_for, gunicorn_command

DATABASE_URL = os.environ.get(
    "BENCH_LIGHTHOUSE_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_lighthouse"
)
# Not bench.py's 5, bench_issuing.py's 11 nor the tests' databases.
REDIS_URL = os.environ.get("BENCH_LIGHTHOUSE_REDIS_URL", "redis://127.0.0.1:6379/7")
PORT = int(os.environ.get("BENCH_LIGHTHOUSE_PORT", "8766"))
RUNS = os.environ.get("BENCH_LIGHTHOUSE_RUNS", "3")
SERVER_ENVIRONMENT = {
    **ENVIRONMENT,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "PUBLIC_BASE_URL": f"http://127.0.0.1:{PORT}",
    # Lighthouse signs in twice per run; the demo accounts' password is the one of seed_demo.
    "THROTTLE_LOGIN": "1000/min",
}


def _manage(*arguments: str, debug: bool = False) -> None:
    environment = {
        **SERVER_ENVIRONMENT,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "true" if debug else "false",
    }
    if debug:  # seed_demo in development mode, issuing with the development keys
        environment.pop("REDIS_URL")
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True)


def _fresh_database() -> None:
    import psycopg
    import redis

    base, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    _fresh_database()
    _manage("migrate", "--noinput", "-v0")
    _manage("seed_demo", debug=True)
    _manage("collectstatic", "--noinput", "--clear", "-v0")
    log = (OUTPUT / "lighthouse-server.log").open("w")
    server = subprocess.Popen(
        gunicorn_command(PORT),
        cwd=ROOT,
        env=SERVER_ENVIRONMENT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{PORT}/healthz")
        subprocess.run(
            [
                "node",
                "frontend/scripts/lighthouse.mjs",
                "--base-url",
                f"http://127.0.0.1:{PORT}",
                "--runs",
                RUNS,
                "--out",
                str(OUTPUT / "lighthouse.json"),
            ],
            cwd=ROOT,
            check=True,
        )
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
