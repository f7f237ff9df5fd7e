"""The certificate PDF pipeline per certificate against bare WeasyPrint on the same HTML.

Run from the project root: `DJANGO_DEBUG=true python tests/benchmarks/bench_pipeline.py`
(BENCH_RENDERS=30 by default). Our pipeline is what issuing does to make the file: render the
PDF/A-3b with a signed-credential-sized attachment (`render_certificate_pdf`), then seal it
(`seal_pdf`, PAdES with a throwaway development CA). Bare is
`weasyprint.HTML(string=render_certificate_html(document)).write_pdf()`: no font configuration
reused, no pre-parsed CSS, no attachment, no seal. Each variant runs in a fresh process, warm-up
renders first, Latin and Chinese learners. Writes var/bench/pipeline.json and prints a table.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "var" / "bench" / "pipeline.json"
RENDERS = int(os.environ.get("BENCH_RENDERS", "30"))
WARM_UP = 5
VARIANTS = ["pipeline-latin", "bare-latin", "pipeline-chinese", "bare-chinese"]
# About the size of a signed Open Badges 3.0 credential with a few alignments.
CREDENTIAL = json.dumps({"id": "urn:uuid:0", "padding": "x" * 3000}).encode()


def _run_variant(variant: str) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import weasyprint
    from bench_rendering import _documents  # the same certificates the rendering bench uses

    from certificates import sealing
    from certificates.rendering import render_certificate_html, render_certificate_pdf
    from certificates.seal_keys import write_development_keys

    kind, script = variant.split("-")
    documents = _documents(script)
    with tempfile.TemporaryDirectory() as directory:
        keys = write_development_keys(Path(directory))
        signer = sealing.load_document_signer(
            key_file=keys.seal_key_file, cert_file=keys.seal_cert_file, chain_file=keys.ca_cert_file
        )

    def make(document: object) -> bytes:
        if kind == "pipeline":
            pdf = render_certificate_pdf(document, credential=CREDENTIAL)  # type: ignore[arg-type]
            return sealing.seal_pdf(pdf, signer=signer)
        return weasyprint.HTML(string=render_certificate_html(document)).write_pdf()  # type: ignore[arg-type]

    for index in range(WARM_UP):
        make(documents[index % len(documents)])
    timings = []
    for index in range(RENDERS):
        started = time.perf_counter()
        make(documents[index % len(documents)])
        timings.append((time.perf_counter() - started) * 1000)
    peak_megabytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return {"timings": timings, "peak_rss_mb": peak_megabytes}


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
    summary = {}
    for script in ("latin", "chinese"):
        ours = results[f"pipeline-{script}"]
        bare = results[f"bare-{script}"]
        summary[script] = {
            "pipeline_mean_ms": statistics.fmean(ours["timings"]),
            "pipeline_p50_ms": statistics.median(ours["timings"]),
            "bare_mean_ms": statistics.fmean(bare["timings"]),
            "bare_p50_ms": statistics.median(bare["timings"]),
            "ratio": statistics.fmean(ours["timings"]) / statistics.fmean(bare["timings"]),
            "pipeline_peak_rss_mb": ours["peak_rss_mb"],
            "bare_peak_rss_mb": bare["peak_rss_mb"],
        }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"renders": RENDERS, "scripts": summary}, indent=2))
    print(
        f"Certificate PDF pipeline (render + credential + seal) vs bare WeasyPrint, {RENDERS} runs"
    )
    print()
    print("| learner | pipeline mean ms | p50 | bare mean ms | p50 | ratio | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for script, row in summary.items():
        print(
            f"| {script} | {row['pipeline_mean_ms']:.1f} | {row['pipeline_p50_ms']:.1f} | "
            f"{row['bare_mean_ms']:.1f} | {row['bare_p50_ms']:.1f} | ×{row['ratio']:.2f} | "
            f"{row['pipeline_peak_rss_mb']:.0f} / {row['bare_peak_rss_mb']:.0f} MB |"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--variant":
        print(json.dumps(_run_variant(sys.argv[2])))
    else:
        main()
