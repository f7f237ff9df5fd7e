"""`make bench-scale`: the web tier of bench.py at 1x and at 10x the learner-side data.

1x is seed_scale's defaults (10,000 courses, 100,000 learners, 300,000 enrollments, 1,000,000
events, 20,000 certificates) in its own database; 10x is 30,000 courses, 1,000,000 learners,
3,000,000 enrollments, 10,000,000 events with their xAPI statements and 200,000 certificates in
another. bench.py runs once per size as a subprocess (its own output directory,
var/bench/scale/<size>/, so `make bench`'s web.json is left alone); each endpoint's ratio to
the bare DRF view of the same run is compared across sizes: no endpoint may lose more than
30 % of it.
Each size's database also holds 1,000,000 xAPI statements in the LRS (devdata's seed_lrs:
thousands of learners, dozens of verbs, tens of thousands of activities, a year of `stored`),
and bench.py measures its filtered GET variants there too (by agent, by registration, with
related activities, a `more` page 2), against issue 22's budget for a filtered page at 1M.
Then, in this process against the largest database, the main (slowest) SQL query of each of the
three slowest endpoints and of every xAPI GET is captured with Django's CaptureQueriesContext and
shown with EXPLAIN (ANALYZE, BUFFERS). Writes var/bench/scale/scale.json and scale.md, which
report.py puts into BENCHMARKS.md (the next `make bench`, or report.py run again).

Databases and their data stay between runs (seed_scale adds only what is missing); `--fresh`
drops them first, so that the seed time is measured. Environment: BENCH_SCALE_DATABASE_URL
(a URL ending in a database name prefix, default postgresql://postgres@127.0.0.1:5432/icim_scale,
giving icim_scale1 and icim_scale10), BENCH_SCALE_SIZES (e.g. "1,10"), and bench.py's
BENCH_PORT, BENCH_REDIS_URL, BENCH_DURATION, BENCH_ONLY.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# Below var/bench/ but not in it: `make bench` empties var/bench/*.json at its start, and its
# report should still show the last scaling curve.
OUTPUT = ROOT / "var" / "bench" / "scale"
DATABASE_PREFIX = os.environ.get(
    "BENCH_SCALE_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/icim_scale"
)
SCALE = {  # seed_scale sizes at 1x (its defaults); every learner-side size times 10 at 10x
    "courses": 10_000,
    "learners": 100_000,
    "enrollments": 300_000,
    "events": 1_000_000,
    "certificates": 20_000,
}
COURSES_10X = 30_000  # the catalog grows less than the learners
LRS_STATEMENTS = 1_000_000  # at every size: the LRS budgets are stated at a million
MAX_LOSS = 0.30  # the most an endpoint's ratio to the baseline may drop from 1x to 10x
PLANS = 3  # endpoints whose main query is explained


def sizes(factor: int) -> dict[str, int]:
    result = {name: value * factor for name, value in SCALE.items()}
    if factor == 10:
        result["courses"] = COURSES_10X
    return result


def database_url(factor: int) -> str:
    return f"{DATABASE_PREFIX}{factor}"


def _drop(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_size(factor: int, *, fresh: bool) -> dict[str, Any]:
    """bench.py on the database of this size; its results (web.json) as a dict."""
    url = database_url(factor)
    if fresh:
        _drop(url)
    output = OUTPUT / f"{factor}x"
    output.mkdir(parents=True, exist_ok=True)
    (output / "web.json").unlink(missing_ok=True)
    environment = {
        **os.environ,
        "BENCH_DATABASE_URL": url,
        "BENCH_OUTPUT": str(output),
        "BENCH_PORT": os.environ.get("BENCH_PORT", "8793"),
        "BENCH_REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        **{f"BENCH_{name.upper()}": str(value) for name, value in sizes(factor).items()},
        "BENCH_LRS_STATEMENTS": str(LRS_STATEMENTS),
        "BENCH_LRS_VARIANTS": "1",
    }
    print(f"== {factor}x: {sizes(factor)} in {url}", flush=True)
    subprocess.run(
        [sys.executable, str(ROOT / "tests" / "benchmarks" / "bench.py")],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    return json.loads((output / "web.json").read_text())


def compare(runs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Each endpoint at every size (req/s, ratio, p99) and its ratio's change from 1x to 10x."""
    by_name: dict[str, dict[str, Any]] = {}
    for size, results in runs.items():
        for endpoint in results["endpoints"]:
            row = by_name.setdefault(endpoint["name"], {"name": endpoint["name"]})
            row[size] = {
                key: endpoint.get(key)
                for key in (
                    *("rate", "ratio", "p50", "p99", "queries"),
                    *("budget", "p99_budget", "min_rate"),
                )
            }
    for row in by_name.values():
        if "1x" in row and "10x" in row:
            row["change"] = row["10x"]["ratio"] / row["1x"]["ratio"] - 1
            row["within_limit"] = row["change"] >= -MAX_LOSS
    return list(by_name.values())


def slowest(rows: list[dict[str, Any]], count: int, size: str = "10x") -> list[str]:
    """The endpoints with the fewest requests/s at this size, the baseline aside."""
    measured = [row for row in rows[1:] if size in row]
    return [row["name"] for row in sorted(measured, key=lambda row: row[size]["rate"])[:count]]


def lrs_gets(rows: list[dict[str, Any]]) -> list[str]:
    """The xAPI GET endpoints measured (their plans are always shown: issue 22's budget)."""
    return [row["name"] for row in rows if row["name"].startswith("xAPI GET")]


def explain(names: list[str], factor: int) -> list[dict[str, Any]]:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest query of one request to each endpoint named,
    against the database of this size; writes are explained in a transaction that is rolled
    back."""
    os.environ["BENCH_DATABASE_URL"] = database_url(factor)
    os.environ["BENCH_OUTPUT"] = str(OUTPUT / f"{factor}x")
    os.environ["BENCH_LRS_STATEMENTS"] = str(LRS_STATEMENTS)
    os.environ["BENCH_LRS_VARIANTS"] = "1"
    sys.path.insert(0, str(Path(__file__).parent))
    import bench  # a sibling script: its preparation gives the same requests as the run

    bench._setup_django()

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    endpoints = {endpoint.name: endpoint for endpoint in bench._prepare()}
    client = Client()
    plans = []
    for name in names:
        endpoint = endpoints[name]
        request = endpoint.requests[-1 if endpoint.mode == "sequence" else 0]
        headers = bench._headers(request)
        body = bench.request_body(endpoint, request)
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            client.generic(
                request.method,
                request.path,
                body,
                content_type=request.content_type or "application/octet-stream",
                headers=headers,
            )
            transaction.set_rollback(True)
        statements = [
            query
            for query in queries.captured_queries
            if query["sql"].lstrip().split(" ", 1)[0].upper()
            in ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
        ]
        main = max(statements, key=lambda query: float(query["time"]))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + main["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
        plans.append(
            {
                "endpoint": name,
                "size": f"{factor}x",
                "path": f"{request.method} {request.path}",
                "queries": len(queries.captured_queries),
                "seconds": float(main["time"]),
                "sql": main["sql"],
                "plan": plan,
            }
        )
    return plans


def scale_table(results: dict[str, Any]) -> str:
    """The scaling curve as a Markdown table."""
    lines = [
        "| endpoint | 1x req/s | 1x ratio | 1x p99 ms | 10x req/s | 10x ratio | 10x p99 ms "
        "| ratio 1x→10x |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["endpoints"]:
        cells = [row["name"]]
        for size in ("1x", "10x"):
            figures = row.get(size)
            cells += (
                [f"{figures['rate']:,.0f}", f"{figures['ratio']:.2f}", f"{figures['p99']:.1f}"]
                if figures
                else ["", "", ""]
            )
        if "change" in row:
            verdict = "" if row["within_limit"] else " **over the 30 % limit**"
            cells.append(f"{row['change']:+.0%}{verdict}")
        else:
            cells.append("")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def lrs_table(results: dict[str, Any]) -> str:
    """The LRS's endpoints at each size with their budgets (issue 22: at 1M statements)."""
    from bench import budget_verdict

    lines = [
        "| endpoint | size | req/s | ratio | budget | p50 ms | p99 ms | SQL queries |",
        "|---|---|---:|---:|---|---:|---:|---:|",
    ]
    for row in results["endpoints"]:
        if not row["name"].startswith("xAPI"):
            continue
        for size in results["sizes"]:
            figures = row.get(size)
            if not figures:
                continue
            verdict = budget_verdict(figures)
            budget = f"{verdict[0]}: {'met' if verdict[1] else '**not met**'}" if verdict else ""
            lines.append(
                f"| {row['name']} | {size} | {figures['rate']:,.0f} | {figures['ratio']:.2f} | "
                f"{budget} | {figures['p50']:.1f} | {figures['p99']:.1f} | {figures['queries']} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--fresh", action="store_true", help="drop the databases, seed anew")
    arguments = parser.parse_args()
    started = time.monotonic()
    factors = [int(f) for f in os.environ.get("BENCH_SCALE_SIZES", "1,10").split(",")]
    runs = {f"{factor}x": run_size(factor, fresh=arguments.fresh) for factor in factors}
    rows = compare(runs)
    results: dict[str, Any] = {
        "sizes": {f"{factor}x": sizes(factor) for factor in factors},
        "seed_seconds": {size: run["seed_seconds"] for size, run in runs.items()},
        "seed_loaded": {size: run["seed_loaded"] for size, run in runs.items()},
        "duration": next(iter(runs.values()))["duration"],
        "connections": next(iter(runs.values()))["connections"],
        "max_loss": MAX_LOSS,
        "endpoints": rows,
        "lrs_statements": LRS_STATEMENTS,
        "plans": explain(
            list(dict.fromkeys([*slowest(rows, PLANS, f"{factors[-1]}x"), *lrs_gets(rows)])),
            factors[-1],
        ),
    }
    results["total_seconds"] = round(time.monotonic() - started)
    (OUTPUT / "scale.json").write_text(json.dumps(results, indent=2))
    table = scale_table(results) + "\n\n" + lrs_table(results)
    (OUTPUT / "scale.md").write_text(table + "\n")
    print(table)
    for plan in results["plans"]:
        print(f"\n## {plan['endpoint']}: {plan['path']}\n{plan['sql']}\n{plan['plan']}")


if __name__ == "__main__":
    main()
