"""`make bench`, search quality: recall@5 of catalog search on the judged queries.

Loads the demo data (`seed_demo`, development mode only, as bench_lighthouse.py does) into a
fresh PostgreSQL database of its own, then asks every query of search_judgments.json through the
real catalog API (`GET /api/v1/courses/?lang=<language>&search=<query>`) in this process with the
benchmark settings (config.settings_bench: DEBUG off, Redis cache), Django's test client as the
HTTP client. Writes var/bench/search.json: recall@5 per query, per language and overall, each
query's first five courses, and the median time of a search request (each one a cache miss).
"""

import json
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import ENVIRONMENT, OUTPUT, ROOT
from search_recall import evaluate, failing

DATABASE_URL = os.environ.get(
    "BENCH_SEARCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_search"
)
# Not bench.py's 5, bench_lighthouse.py's 7, bench_issuing.py's 11 nor the tests' 3.
REDIS_URL = os.environ.get("BENCH_SEARCH_REDIS_URL", "redis://127.0.0.1:6379/10")
SETTINGS = {
    **ENVIRONMENT,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "DJANGO_SETTINGS_MODULE": "config.settings_bench",
    "DJANGO_DEBUG": "false",
}


def _manage(*arguments: str, debug: bool = False) -> None:
    environment = {**SETTINGS, "DJANGO_SETTINGS_MODULE": "config.settings"}
    if debug:  # seed_demo in development mode, issuing in process with the development keys
        environment["DJANGO_DEBUG"] = "true"
        environment.pop("REDIS_URL")
    subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


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
    if os.environ.get("BENCH_SEARCH_REUSE") != "1":  # 1: the database is already seeded
        _fresh_database()
        _manage("migrate", "--noinput", "-v0")
        _manage("seed_demo", debug=True)
    os.environ.update(SETTINGS)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    # No collectstatic here: WhiteNoise's warning about the missing folder is noise.
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # every request below computes its page
    client = Client()
    timings: list[float] = []

    def search(language: str, query: str) -> list[str]:
        started = time.perf_counter()
        response = client.get("/api/v1/courses/", {"lang": language, "search": query})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
        return [item["slug"] for item in response.json()["results"]]

    results = evaluate(search)
    results["median_request_ms"] = statistics.median(timings)
    (OUTPUT / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    k = results["k"]
    for language, row in results["languages"].items():
        print(f"{language:8} {row['queries']:2} queries  recall@{k} {row['recall']:.3f}")
    print(f"overall  {len(results['queries'])} queries  recall@{k} {results['recall']:.3f}")
    for query in failing(results):
        print(f"  missed: [{query['language']}] {query['query']!r} -> {query['found']}")


if __name__ == "__main__":
    main()
