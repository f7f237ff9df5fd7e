"""`make bench BENCH_SCALE_OUT=1`: does issuing grow with workers? The same certificates issued
by one worker process taking the pdf queue, then by two separate workers (as on two hosts) taking
it, both on the one PostgreSQL and Redis of bench_issuing.py; the ratio of their rates.

Each run is bench_issuing.py (its own database, reset and seeded afresh) with
`--workers N --concurrency 1`; BENCH_SCALE_OUT_COUNT certificates (200 by default) each.
Writes var/bench/scale-out.json.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "var" / "bench"
COUNT = os.environ.get("BENCH_SCALE_OUT_COUNT", "200")


def _issue(workers: int) -> dict[str, object]:
    table = OUTPUT / f"scale-out-{workers}.md"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/benchmarks/bench_issuing.py"),
            f"--count={COUNT}",
            f"--workers={workers}",
            "--concurrency=1",
            f"--output={table}",
        ],
        cwd=ROOT,
        check=True,
    )
    result: dict[str, object] = json.loads(table.with_suffix(".json").read_text())
    return result


def main() -> None:
    one, two = _issue(1), _issue(2)
    ratio = float(two["per_second"]) / float(one["per_second"])  # type: ignore[arg-type]
    summary = {"one_worker": one, "two_workers": two, "ratio": round(ratio, 2)}
    (OUTPUT / "scale-out.json").write_text(json.dumps(summary, indent=2))
    print(f"Issuing with 2 workers vs 1: ×{ratio:.2f}")


if __name__ == "__main__":
    main()
