"""Certificate rendering speed: our renderer against bare WeasyPrint on the same HTML.

Run from the project root: `DJANGO_DEBUG=true python tests/benchmarks/bench_rendering.py`
(BENCH_RENDERS=50 by default). Each variant runs in a fresh process, so that its peak RSS is its
own: warm-up renders, then BENCH_RENDERS timed ones over a cycle of learners.

- ours: `certificates.rendering.render_certificate_pdf` (one shared FontConfiguration and
  pre-parsed stylesheet per process);
- bare: `weasyprint.HTML(string=render_certificate_html(document)).write_pdf()`, the same markup
  with the stylesheet inlined, a new font configuration and a fresh CSS parse on every render.
"""

import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERS = int(os.environ.get("BENCH_RENDERS", "50"))
WARM_UP = 5
VARIANTS = ["ours-latin", "bare-latin", "ours-chinese", "bare-chinese"]

LATIN_LEARNERS = ["Anna Schmidt", "José Müller-Łukasiewicz", "Olivia Brown", "Lars Nielsen"]
CHINESE_LEARNERS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"]


def _documents(script: str) -> list[object]:
    from certificates.rendering import CertificateDocument, InstitutionMark, Signatory

    chinese = script == "chinese"
    institution = InstitutionMark(
        name="东海智能制造研究院" if chinese else "Rhine Institute of Production Technology",
        country="CN" if chinese else "DE",
        colour="#8a1538",
        signatory=Signatory(
            name="李明" if chinese else "Prof. Dr. Anna Weber",
            title="院长" if chinese else "Director of Studies",
        ),
    )
    learners = CHINESE_LEARNERS if chinese else LATIN_LEARNERS
    documents = []
    for index, learner in enumerate(learners):
        certificate_id = f"0b7f2a3c-1111-4222-8333-{index:012d}"
        documents.append(
            CertificateDocument(
                certificate_id=certificate_id,
                learner_name=learner,
                learner_native_name="",
                course_title="工业物联网预测性维护" if chinese else "Predictive Maintenance",
                course_code="IM-PM-201",
                institutions=(institution,),
                issued_on=datetime.date(2026, 11, 24),
                expires_on=datetime.date(2029, 11, 24),
                grade="92 %",
                competencies=("状态监测", "振动分析", "OPC UA")
                if chinese
                else ("Condition monitoring", "Vibration analysis", "OPC UA"),
                language="zh-hans" if chinese else "en",
                verification_url=f"https://academy.example/verify/{certificate_id}",
            )
        )
    return documents


def _run_variant(variant: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import weasyprint

    from certificates.rendering import render_certificate_html, render_certificate_pdf

    kind, script = variant.split("-")
    documents = _documents(script)

    def render(document: object) -> bytes:
        if kind == "ours":
            return render_certificate_pdf(document)  # type: ignore[arg-type]
        return weasyprint.HTML(string=render_certificate_html(document)).write_pdf()  # type: ignore[arg-type,no-any-return]

    for index in range(WARM_UP):
        render(documents[index % len(documents)])
    timings = []
    for index in range(RENDERS):
        started = time.perf_counter()
        render(documents[index % len(documents)])
        timings.append((time.perf_counter() - started) * 1000)
    # ru_maxrss is in kilobytes on Linux.
    peak_megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"timings": timings, "peak_rss_mb": peak_megabytes}


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    results = {}
    for variant in VARIANTS:
        completed = subprocess.run(
            [sys.executable, __file__, "--variant", variant],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        results[variant] = json.loads(completed.stdout.strip().splitlines()[-1])

    print(f"Certificate PDF rendering, {RENDERS} renders after {WARM_UP} warm-up, ms per PDF")
    print(f"({os.cpu_count()} cores, {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC)")
    print()
    print("| variant | mean | p50 | p95 | ours/bare (mean) | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for variant in VARIANTS:
        timings = results[variant]["timings"]
        kind, script = variant.split("-")
        bare_mean = statistics.fmean(results[f"bare-{script}"]["timings"])
        ratio = f"×{statistics.fmean(timings) / bare_mean:.2f}" if kind == "ours" else ""
        print(
            f"| {kind} · {script} | {statistics.fmean(timings):.1f} | "
            f"{statistics.median(timings):.1f} | {_percentile(timings, 0.95):.1f} | {ratio} | "
            f"{results[variant]['peak_rss_mb']:.0f} MB |"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--variant":
        print(json.dumps(_run_variant(sys.argv[2])))
    else:
        main()
