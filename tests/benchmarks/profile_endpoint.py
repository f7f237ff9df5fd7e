"""Profile one endpoint in process, with the benchmark's production settings and scale data.

    .venv/bin/python tests/benchmarks/profile_endpoint.py GET /api/v1/verify/<id> [--token T]
        [--body JSON] [--requests 500] [--top 30]

Runs after `make bench` has loaded the scale data (BENCH_DATABASE_URL, default icim_bench). It
prints the time per request (without the profiler) and cProfile's functions by cumulative
time: where a request's time goes once the load generator, the other worker and the
machine's noise are taken away.
A body containing `{uuid}` gets a new UUID on every request (new learning events).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.bench import ENVIRONMENT  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("--token", default="")
    parser.add_argument("--body", default="")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="cProfile order: cumulative, tottime")
    arguments = parser.parse_args()

    os.environ.update(ENVIRONMENT)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    headers = {"Authorization": f"Bearer {arguments.token}"} if arguments.token else {}

    def request() -> int:
        body = arguments.body.replace("{uuid}", str(uuid.uuid4()))
        response = client.generic(
            arguments.method,
            arguments.path,
            body,
            content_type="application/json",
            headers=headers,
        )
        return response.status_code

    for _warm_up in range(20):
        status = request()
    with CaptureQueriesContext(connection) as queries:
        status = request()
    print(f"status {status}, {len(queries)} queries:")
    for query in queries.captured_queries:
        print(f"  {query['time']} s  {query['sql'][:160]}")
    started, cpu_started = time.perf_counter(), time.process_time()
    for _repeat in range(arguments.requests):
        request()
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(
        f"{arguments.requests} requests, {elapsed / arguments.requests * 1000:.2f} ms each, "
        f"of which {cpu / arguments.requests * 1000:.2f} ms of this process's CPU"
    )
    if not arguments.top:
        return
    profile = cProfile.Profile()
    profile.enable()
    for _repeat in range(arguments.requests):
        request()
    profile.disable()
    pstats.Stats(profile).sort_stats(arguments.sort).print_stats(arguments.top)


if __name__ == "__main__":
    main()
