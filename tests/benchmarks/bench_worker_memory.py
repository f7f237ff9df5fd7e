"""Runs bench_issuing.py (1,000 certificates, 2 worker processes) and samples the workers' memory.

Run from the project root: `python tests/benchmarks/bench_worker_memory.py [bench_issuing
options]`. Every 0.5 s it reads the resident memory (RSS, /proc) of each Celery process that
bench_issuing.py started (hostname `bench-issuing-*`), and the number of certificates issued so
far from the worker log. Warm-up ends when WARM_UP certificates are issued; the growth figure is
each pool process's largest RSS after warm-up against its RSS at the end of warm-up (the budget:
no more than 20 %). Writes var/bench/worker-memory.json.
"""

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKER_LOG = ROOT / "var" / "bench" / "issuing-worker.log"
RESULTS = ROOT / "var" / "bench" / "worker-memory.json"
TASK_DONE = re.compile(r"issue_certificate_task\[[^]]+\] succeeded")
WARM_UP = 100
PAGE_KB = 4


@dataclass
class Sample:
    issued: int  # certificates issued when the sample was taken
    rss_kb: dict[int, int]  # every benchmark Celery process
    pool: set[int]  # the worker's pool processes among them


def _worker_processes() -> dict[int, tuple[int, int]]:
    """{pid: (parent pid, RSS in KB)} of the benchmark's Celery processes."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            if b"celery" not in command or b"bench-issuing-" not in command:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parent = int(fields[1])
            resident_pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while being read
        found[int(entry.name)] = (parent, resident_pages * PAGE_KB)
    return found


def _issued() -> int:
    try:
        return len(TASK_DONE.findall(WORKER_LOG.read_text(errors="replace")))
    except OSError:
        return 0


def main() -> None:
    WORKER_LOG.unlink(missing_ok=True)
    benchmark = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("bench_issuing.py")), *sys.argv[1:]],
        cwd=ROOT,
    )
    samples: list[Sample] = []
    while benchmark.poll() is None:
        processes = _worker_processes()
        if processes:
            samples.append(
                Sample(
                    issued=_issued(),
                    rss_kb={pid: rss for pid, (_parent, rss) in processes.items()},
                    pool={pid for pid, (parent, _rss) in processes.items() if parent in processes},
                )
            )
        time.sleep(0.5)
    if benchmark.returncode:
        raise SystemExit(benchmark.returncode)
    pool = set().union(*(sample.pool for sample in samples))
    per_process = {}
    for pid in sorted(pool):
        series = [(s.issued, s.rss_kb[pid]) for s in samples if pid in s.rss_kb]
        warm = [rss for issued, rss in series if issued >= WARM_UP]
        if not warm:
            continue
        per_process[pid] = {
            "after_warm_up_mb": warm[0] / 1024,
            "peak_mb": max(rss for _issued, rss in series) / 1024,
            "final_mb": warm[-1] / 1024,
            "growth_after_warm_up": max(warm) / warm[0] - 1,
        }
    totals = [sum(rss for pid, rss in s.rss_kb.items() if pid in pool) for s in samples]
    result = {
        "warm_up_certificates": WARM_UP,
        "samples": len(samples),
        "processes": per_process,
        "peak_pool_total_mb": max(totals, default=0) / 1024,
        "peak_process_mb": max((p["peak_mb"] for p in per_process.values()), default=0),
        "max_growth_after_warm_up": max(
            (p["growth_after_warm_up"] for p in per_process.values()), default=0
        ),
    }
    RESULTS.write_text(json.dumps(result, indent=2))
    print(
        f"Worker memory: peak {result['peak_process_mb']:.0f} MB per pool process, "
        f"{result['peak_pool_total_mb']:.0f} MB together; largest growth after "
        f"{WARM_UP} certificates {result['max_growth_after_warm_up']:+.0%}"
    )


if __name__ == "__main__":
    main()
