"""The last step of `make bench`: every figure of the run in BENCHMARKS.md, budgets met or not.

Reads what the earlier steps left in var/bench/ (web.json, rendering.md, pipeline.json,
sealing.md, issuing.md, worker-memory.json, scale-out.json, video.json, package.json, search.json,
bundle.json,
lighthouse.json, and scale/scale.json of `make bench-scale` when it was run), writes
BENCHMARKS.md at the project root (machine, date, commit, the exact command, every figure with
its ratio; the hand-written section at its end is kept) and prints the budget table. A step that
did not run is reported as not measured, never as met.
"""

import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "var" / "bench"
sys.path.insert(0, str(Path(__file__).parent))

from bench import budget_verdict, web_table  # noqa: E402 - a sibling script, not a package
from bench_package import package_table  # noqa: E402
from bench_scale import lrs_table, scale_table  # noqa: E402

COMMAND = "make bench"
NOT_MEASURED = "not measured"
NOTES_HEADING = "## Profiles and fixes (written by hand, kept by every run)"


def _read(name: str) -> str | None:
    path = RESULTS / name
    return path.read_text(encoding="utf-8") if path.exists() else None


def _json(name: str) -> Any:
    text = _read(name)
    return json.loads(text) if text else None


def _machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    # Virtual machines may name only the vendor's line ("AMD EPYC"): family, model and clock
    # tell machines of one name apart.
    facts = {
        key.strip(): value.strip()
        for key, value in (
            line.split(":", 1)
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if ":" in line
        )
    }
    if "cpu family" in facts:
        model += f", family {facts['cpu family']} model {facts.get('model', '?')}"
    if "cpu MHz" in facts:
        model += f", {float(facts['cpu MHz']) / 1000:.1f} GHz"
    return (
        f"{os.cpu_count()} CPUs ({model}), {int(memory) // 1024 // 1024} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def _commit() -> str:
    described = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return described + (" (with uncommitted changes in the checkout)" if dirty else "")


def _run_facts() -> dict[str, str]:
    now = datetime.datetime.now(tz=datetime.UTC)
    started = _read("started")
    return {
        "machine": _machine(),
        "load": ", ".join(f"{value:.1f}" for value in os.getloadavg()),
        "date": f"{now:%Y-%m-%d %H:%M} UTC",
        "commit": _commit(),
        "total": f"{now.timestamp() - float(started):.0f} s" if started else "unknown",
    }


LIGHTHOUSE_CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}


def lighthouse_table(lighthouse: Any) -> str:
    """Median Lighthouse scores per page, each against its budget (✗ marks a miss)."""
    budgets = lighthouse["budgets"]
    lines = [
        "| page | "
        + " | ".join(f"{name} (≥ {budgets[key]})" for key, name in LIGHTHOUSE_CATEGORIES.items())
        + " | runs (performance) | LCP ms | CLS | TBT ms |",
        "|---|" + "---:|" * (len(LIGHTHOUSE_CATEGORIES) + 4),
    ]
    for page in lighthouse["pages"]:
        scores = " | ".join(
            f"{page['scores'][key]}{'' if page['scores'][key] >= budgets[key] else ' ✗'}"
            for key in LIGHTHOUSE_CATEGORIES
        )
        metrics = page["metrics"]
        runs = "/".join(str(run["performance"]) for run in page["runs"])
        lines.append(
            f"| {page['name']} (`{page['path']}`) | {scores} | {runs} | "
            f"{metrics['lcp_ms']:.0f} | {metrics['cls']:.3f} | {metrics['tbt_ms']:.0f} |"
        )
    return "\n".join(lines)


def _lighthouse_budgets(lighthouse: Any) -> list[tuple[str, str, str]]:
    if not lighthouse or not lighthouse["pages"]:
        return [("Lighthouse (mobile) on six pages", "", NOT_MEASURED)]
    rows = []
    for key, name in LIGHTHOUSE_CATEGORIES.items():
        budget = lighthouse["budgets"][key]
        scores = {page["name"]: page["scores"][key] for page in lighthouse["pages"]}
        rows.append(
            (
                f"Lighthouse {name} ≥ {budget} (mobile, median of {lighthouse['runs']})",
                ", ".join(f"{page} {score}" for page, score in scores.items()),
                "met" if all(score >= budget for score in scores.values()) else "not met",
            )
        )
    return rows


def _video_budgets(video: Any) -> list[tuple[str, str, str]]:
    if not video:
        return [("video transcode and first frame", "", NOT_MEASURED)]
    first_frame = statistics.median(video["first_frame_ms"])
    return [
        (
            f"video pipeline ≤ {video['overhead_goal']} × the same ffmpeg command alone "
            "(60 s 720p clip)",
            f"×{video['overhead_ratio']:.3f}",
            "met" if video["overhead_ratio"] <= video["overhead_goal"] else "not met",
        ),
        (
            f"first frame of a lesson video < {video['first_frame_goal_ms']} ms "
            "(Chromium, loopback)",
            f"median {first_frame:.0f} ms, worst {max(video['first_frame_ms']):.0f} ms",
            "met" if max(video["first_frame_ms"]) < video["first_frame_goal_ms"] else "not met",
        ),
    ]


def _video_section(video: Any) -> list[str]:
    if not video:
        return [NOT_MEASURED, ""]
    load = ", ".join(f"{value:.1f}" for value in video["load_average"])
    runs = zip(video["alone_seconds"], video["pipeline_seconds"], strict=True)
    return [
        f"A {video['clip']['seconds']:.0f} s {video['clip']['height']}p test clip through the "
        "whole upload pipeline (store, probe, HLS ladder, poster, store every file) against the "
        f"same ffmpeg command run alone, alternating, ffmpeg threads {video['threads']}; then "
        "press-to-first-frame of that video on the preview page in Chromium, a fresh context per "
        f"run (tests/benchmarks/bench_video.py). Load average at the end {load}.",
        "",
        "| run | command alone s | pipeline s |",
        "|---:|---:|---:|",
        *(
            f"| {index} | {alone:.1f} | {pipeline:.1f} |"
            for index, (alone, pipeline) in enumerate(runs, start=1)
        ),
        "",
        "First frame, ms per run: "
        + ", ".join(f"{value:.0f}" for value in video["first_frame_ms"]),
        "",
    ]


def _package_budgets(package: Any) -> list[tuple[str, str, str]]:
    if not package:
        return [("package lesson upload and unpack (100 MB)", "", NOT_MEASURED)]
    growth = package["unpack_rss_growth_mb"]
    megabytes = package["package"]["bytes"] / 1024 / 1024
    times = (
        f"upload request {statistics.median(package['http_seconds']):.2f} s, "
        f"unpack {statistics.median(package['unpack_seconds']):.2f} s"
    )
    if growth is None:
        return [(f"{megabytes:.0f} MB package lesson: upload and unpack", times, NOT_MEASURED)]
    return [
        (
            f"{megabytes:.0f} MB package lesson: the worker grows ≤ {package['memory_goal_mb']} MB "
            "while unpacking",
            f"+{max(growth):.1f} MB ({times})",
            "met" if max(growth) <= package["memory_goal_mb"] else "not met",
        )
    ]


def _package_section(package: Any) -> list[str]:
    if not package:
        return [NOT_MEASURED, ""]
    load = ", ".join(f"{value:.1f}" for value in package["load_average"])
    return [
        f"A SCORM 2004 package of {package['package']['bytes'] / 1024 / 1024:.0f} MB "
        f"({package['package']['files']} files: media of random bytes that does not compress, "
        "a few hundred small HTML/JS/CSS files, every file in the manifest) uploaded to a "
        "package lesson on SQLite, media on the local disk: the check alone, the upload "
        "service, the storing task's unpack in process (peak RSS growth over it), and the "
        "upload POSTed with the test client (tests/benchmarks/bench_package.py), "
        f"{len(package['unpack_seconds'])} runs. Load average at the end {load}.",
        "",
        package_table(package),
        "",
    ]


def _search_budgets(search: Any) -> list[tuple[str, str, str]]:
    if not search:
        return [("search recall@5 ≥ 0.9", "", NOT_MEASURED)]
    return [
        (
            f"search recall@{search['k']} ≥ {search['goal']} "
            f"({len(search['queries'])} judged queries, demo data)",
            f"{search['recall']:.3f}",
            "met" if search["recall"] >= search["goal"] else "not met",
        )
    ]


def _search_section(search: Any) -> list[str]:
    if not search:
        return [NOT_MEASURED, ""]
    k = search["k"]
    missed = [query for query in search["queries"] if query["recall"] < 1]
    return [
        f"Recall@{k} of catalog search on {len(search['queries'])} judged learner queries "
        "(tests/benchmarks/search_judgments.json: each query with the demo courses a reader "
        "expects) through `GET /api/v1/courses/?lang=…&search=…` on the demo data, PostgreSQL, "
        "benchmark settings (tests/benchmarks/bench_search.py). A query's recall is the share of "
        f"its expected courses in the first {k} results, out of min({k}, expected); median "
        f"request {search['median_request_ms']:.0f} ms (cache misses).",
        "",
        f"| language | queries | recall@{k} |",
        "|---|---:|---:|",
        *(
            f"| {language} | {row['queries']} | {row['recall']:.3f} |"
            for language, row in search["languages"].items()
        ),
        f"| all | {len(search['queries'])} | **{search['recall']:.3f}** |",
        "",
        "Queries missing an expected course: "
        + (
            "; ".join(
                f"[{query['language']}] “{query['query']}” (recall {query['recall']:.2f}, "
                f"expected {', '.join(query['expected'])}; found "
                f"{', '.join(query['found']) or 'nothing'})"
                for query in missed
            )
            or "none"
        )
        + ".",
        "",
    ]


def _scale_out_section(scale_out: Any) -> list[str]:
    """Issuing by one worker process against two separate workers on the pdf queue."""
    if not scale_out:
        return [
            "Scale-out (issuing with 1 vs 2 workers on the pdf queue): not measured in this run "
            "(`make bench BENCH_SCALE_OUT=1`).",
            "",
        ]
    one, two = scale_out["one_worker"], scale_out["two_workers"]
    return [
        f"Scale-out: {one['count']} certificates issued by one worker process taking the pdf "
        "queue, then by two separate workers (one process each, as on two hosts) on the same "
        f"PostgreSQL and Redis ({one['machine']}):",
        "",
        "| workers | wall s | certificates/s | task mean ms |",
        "|---:|---:|---:|---:|",
        *(
            f"| {run['workers']} | {run['wall_seconds']:.1f} | {run['per_second']:.2f} | "
            f"{run['task_mean_ms']} |"
            for run in (one, two)
        ),
        "",
        f"Two workers issue ×{scale_out['ratio']:.2f} as fast as one.",
        "",
    ]


def _lrs_seed(web: Any) -> str:
    """The LRS data the xAPI rows were measured on (runs before issue 22 had none)."""
    if "lrs_statements" not in web:
        return ""
    return f" LRS: {web['lrs_statements']:,} stored statements (seed_lrs), " + (
        f"loaded in this run in {web['lrs_seed_seconds']} s."
        if web["lrs_seed_loaded"]
        else f"already present (checked in {web['lrs_seed_seconds']} s)."
    )


def _budgets(
    web: Any, pipeline: Any, issuing: str | None, memory: Any, bundle: Any
) -> list[tuple[str, str, str]]:
    """(budget, figure, met / not met / not measured) for every budget of the issue."""
    rows = []
    for endpoint in web["endpoints"] if web else []:
        verdict = budget_verdict(endpoint)
        if verdict is None:
            continue
        rows.append(
            (
                f"{endpoint['name']}: {verdict[0]} at {web['connections']} connections"
                + (
                    f", {web['lrs_statements']:,} stored statements"
                    if endpoint["name"].startswith("xAPI GET") and "lrs_statements" in web
                    else ""
                ),
                f"{endpoint['rate']:,.0f} req/s"
                if endpoint.get("min_rate") is not None
                else f"{endpoint['ratio']:.2f}, p99 {endpoint['p99']:.0f} ms",
                "met" if verdict[1] else "not met",
            )
        )
    if pipeline:
        for script, row in pipeline["scripts"].items():
            rows.append(
                (
                    f"PDF pipeline ≤ 1.3 × bare WeasyPrint ({script})",
                    f"×{row['ratio']:.2f} ({row['pipeline_mean_ms']:.0f} vs "
                    f"{row['bare_mean_ms']:.0f} ms)",
                    "met" if row["ratio"] <= 1.3 else "not met",
                )
            )
    else:
        rows.append(("PDF pipeline ≤ 1.3 × bare WeasyPrint", "", NOT_MEASURED))
    wall = re.search(r"^\| (\d+) \| ([\d.]+) \|", issuing or "", re.MULTILINE)
    if wall:
        seconds = float(wall.group(2))
        rows.append(
            (
                "1,000 certificates issued in under 45 s with 2 workers",
                f"{wall.group(1)} in {seconds:.1f} s",
                "met" if seconds < 45 and wall.group(1) == "1000" else "not met",
            )
        )
    else:
        rows.append(("1,000 certificates issued in under 45 s", "", NOT_MEASURED))
    if memory and memory["processes"]:
        growth = memory["max_growth_after_warm_up"]
        rows.append(
            (
                "worker memory flat (≤ 20 % growth after warm-up)",
                f"{growth:+.0%}, peak {memory['peak_process_mb']:.0f} MB per process",
                "met" if growth <= 0.20 else "not met",
            )
        )
    else:
        rows.append(("worker memory flat", "", NOT_MEASURED))
    if bundle:
        kilobytes = bundle["catalog_first_page_gzip"] / 1024
        rows.append(
            (
                "initial JavaScript ≤ 200 KB gzipped (first catalog page)",
                f"{kilobytes:.1f} KB",
                "met" if kilobytes <= 200 else "not met",
            )
        )
    else:
        rows.append(("initial JavaScript ≤ 200 KB gzipped", "", NOT_MEASURED))
    return rows


def _scale_section(scale: Any) -> list[str]:
    """The scaling curve of `make bench-scale` (var/bench/scale/scale.json), when it was run."""
    if not scale:
        return []
    seeds = ", ".join(
        f"{size} loaded in {seconds} s"
        if scale["seed_loaded"][size]
        else f"{size} already present (checked in {seconds} s)"
        for size, seconds in scale["seed_seconds"].items()
    )
    lines = [
        "## Scaling curve",
        "",
        "`make bench-scale` (tests/benchmarks/bench_scale.py): the web tier above at 1x and at "
        "10x the learner-side data, each size in its own database, "
        f"`wrk -c{scale['connections']} -d{scale['duration']}`. Sizes: "
        + "; ".join(
            f"{size}: " + ", ".join(f"{value:,} {name}" for name, value in sizes.items())
            for size, sizes in scale["sizes"].items()
        )
        + f". Seed: {seeds}. No endpoint's ratio may drop more than "
        f"{scale['max_loss']:.0%} from 1x to 10x.",
        "",
        scale_table(scale),
        "",
    ]
    if "lrs_statements" in scale:
        lines += [
            f"The LRS at {scale['lrs_statements']:,} stored statements (seed_lrs, at every size), "
            "with issue 22's budget for a filtered page:",
            "",
            lrs_table(scale),
            "",
        ]
    for plan in scale["plans"]:
        lines += [
            f"Main query of **{plan['endpoint']}** at {plan.get('size', '10x')} "
            f"(`{plan['path']}`, "
            f"{plan['queries']} queries in the request):",
            "",
            "```",
            plan["plan"],
            "```",
            "",
        ]
    return lines


def main() -> None:
    web = _json("web.json")
    pipeline = _json("pipeline.json")
    memory = _json("worker-memory.json")
    bundle = _json("bundle.json")
    lighthouse = _json("lighthouse.json")
    video = _json("video.json")
    package = _json("package.json")
    search = _json("search.json")
    issuing = _read("issuing.md")
    run = _json("run.json") or _run_facts()  # re-running the report keeps the run's facts
    (RESULTS / "run.json").write_text(json.dumps(run))
    budgets = (
        _budgets(web, pipeline, issuing, memory, bundle)
        + _video_budgets(video)
        + _package_budgets(package)
        + _search_budgets(search)
        + _lighthouse_budgets(lighthouse)
    )
    budget_table = "\n".join(
        [
            "| budget | this run | |",
            "|---|---:|---|",
            *(f"| {name} | {figure} | {verdict} |" for name, figure, verdict in budgets),
        ]
    )
    sections = [
        "# Benchmarks",
        "",
        "Written by `make bench` (tests/benchmarks/report.py); the README's Benchmarks section "
        "says how each figure is measured. Absolute times on a shared machine drift from run to "
        "run: read the ratios, each measured against a baseline in the same run.",
        "",
        f"- Machine: {run['machine']}; load average at the end {run['load']}",
        f"- Date: {run['date']}",
        f"- Commit: {run['commit']}",
        f"- Command: `{COMMAND}` (total {run['total']})",
        "",
        "## Budgets",
        "",
        budget_table,
        "",
        "## Web tier",
        "",
    ]
    if web:
        sections += [
            f"gunicorn (2 sync workers) and a Celery worker (2 processes) on PostgreSQL 15 and "
            f"Redis, benchmark settings (production plus the baseline URL); "
            f"`wrk -t{web['threads']} -c{web['connections']} -d{web['duration']} --latency` on "
            f"127.0.0.1 after a warm-up, sharing the cores, "
            f"{len(web['endpoints'][0].get('runs', [0]))} times per endpoint: each figure is "
            "the median of those runs. Ratio = requests/s ÷ requests/s of "
            f"the bare DRF view in the same run. Scale data: seed_scale "
            f"{web['seed_sizes']}, "
            + (
                f"loaded in this run in {web['seed_seconds']} s."
                if web["seed_loaded"]
                else f"already present (checked in {web['seed_seconds']} s)."
            )
            + _lrs_seed(web),
            "",
            web_table(web),
            "",
        ]
    else:
        sections += [NOT_MEASURED, ""]
    sections += _scale_section(_json("scale/scale.json"))
    sections += ["## Certificates", ""]
    for name in ("rendering.md", "pipeline.md", "sealing.md", "issuing.md"):
        text = _read(name)
        if text:
            sections += [text.strip(), ""]
    if memory:
        sections += [
            f"Worker memory over the issuing run ({memory['samples']} samples, RSS of each "
            f"pool process; warm-up = the first {memory['warm_up_certificates']} "
            "certificates):",
            "",
            "| process | after warm-up MB | peak MB | final MB | growth after warm-up |",
            "|---|---:|---:|---:|---:|",
            *(
                f"| {pid} | {p['after_warm_up_mb']:.0f} | {p['peak_mb']:.0f} | "
                f"{p['final_mb']:.0f} | {p['growth_after_warm_up']:+.1%} |"
                for pid, p in memory["processes"].items()
            ),
            "",
        ]
    sections += _scale_out_section(_json("scale-out.json"))
    sections += ["## Video", "", *_video_section(video)]
    sections += ["## Package lessons", "", *_package_section(package)]
    sections += ["## Search", "", *_search_section(search)]
    sections += ["## Frontend", ""]
    if bundle:
        sections += [
            "Gzipped JavaScript (level 9) of `npm run build` "
            "(frontend/scripts/bundle-size.mjs). The first catalog page loads "
            f"{', '.join(bundle['catalog_files'])}: "
            f"**{bundle['catalog_first_page_gzip'] / 1024:.1f} KB** (budget 200 KB).",
            "",
            "| chunk | raw KB | gzip KB |",
            "|---|---:|---:|",
            *(
                f"| {chunk['name']} | {chunk['bytes'] / 1024:.1f} | {chunk['gzip'] / 1024:.1f} |"
                for chunk in bundle["chunks"]
            ),
            "",
        ]
    else:
        sections += [NOT_MEASURED, ""]
    if lighthouse:
        load = ", ".join(f"{value:.1f}" for value in lighthouse["load_average"])
        sections += [
            f"Lighthouse {lighthouse['lighthouse']} in Chromium {lighthouse['chromium']} "
            "(headless), mobile profile as shipped (simulated slow 4G, 4× CPU slowdown), "
            f"{lighthouse['runs']} runs per page, median; gunicorn with the benchmark "
            "settings and the demo data (tests/benchmarks/bench_lighthouse.py); load average "
            f"at the end {load} on a shared machine, which moves the performance score most.",
            "",
            lighthouse_table(lighthouse),
            "",
        ]
    else:
        sections += ["Lighthouse: " + NOT_MEASURED, ""]
    # The hand-written part (profiles, fixes with before/after) is carried over from run to run.
    previous = ROOT / "BENCHMARKS.md"
    kept = previous.read_text(encoding="utf-8") if previous.exists() else ""
    if NOTES_HEADING in kept:
        sections.append(NOTES_HEADING + kept.split(NOTES_HEADING)[1])
    else:
        sections += [NOTES_HEADING, ""]
    previous.write_text("\n".join(sections).rstrip() + "\n", encoding="utf-8")
    print()
    print(budget_table)
    print(f"\nmake bench: total {run['total']}; every figure is in BENCHMARKS.md")


if __name__ == "__main__":
    main()
