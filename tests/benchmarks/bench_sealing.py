"""Certificate PDF sealing speed: render with the credential attached, seal, inspect, extract.

Run from the project root: `DJANGO_DEBUG=true python tests/benchmarks/bench_sealing.py`
(BENCH_RENDERS=50 by default). One process, a throwaway development CA in a temporary folder,
warm-up rounds first; each step is timed on its own, per certificate, in milliseconds.
"""

import datetime
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RENDERS = int(os.environ.get("BENCH_RENDERS", "50"))
WARM_UP = 5
LEARNERS = ["Anna Schmidt", "José Müller-Łukasiewicz", "张伟", "Olivia Brown"]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from certificates import sealing
    from certificates.rendering import (
        CertificateDocument,
        InstitutionMark,
        Signatory,
        render_certificate_pdf,
    )
    from certificates.seal_keys import write_development_keys

    institution = InstitutionMark(
        name="Rhine Institute of Production Technology",
        country="DE",
        colour="#8a1538",
        signatory=Signatory(name="Prof. Dr. Anna Weber", title="Director of Studies"),
    )
    documents = []
    for index, learner in enumerate(LEARNERS):
        certificate_id = f"0b7f2a3c-1111-4222-8333-{index:012d}"
        documents.append(
            CertificateDocument(
                certificate_id=certificate_id,
                learner_name=learner,
                learner_native_name="",
                course_title="Predictive Maintenance",
                course_code="IM-PM-201",
                institutions=(institution,),
                issued_on=datetime.date(2026, 11, 24),
                expires_on=None,
                grade="92 %",
                competencies=("Condition monitoring", "Vibration analysis", "OPC UA"),
                language="en",
                verification_url=f"https://academy.example/verify/{certificate_id}",
            )
        )
    # About the size of a signed Open Badges 3.0 credential with a few alignments.
    credential = json.dumps({"id": "urn:uuid:0", "padding": "x" * 3000}).encode()

    with tempfile.TemporaryDirectory() as directory:
        keys = write_development_keys(Path(directory))
        signer = sealing.load_document_signer(
            key_file=keys.seal_key_file, cert_file=keys.seal_cert_file, chain_file=keys.ca_cert_file
        )

    steps: dict[str, list[float]] = {
        "render (no credential)": [],
        "render + credential": [],
        "seal": [],
        "inspect_seal": [],
        "extract_credential": [],
    }

    for index in range(WARM_UP + RENDERS):
        document = documents[index % len(documents)]
        moments = [time.perf_counter()]
        render_certificate_pdf(document)
        moments.append(time.perf_counter())
        pdf = render_certificate_pdf(document, credential=credential)
        moments.append(time.perf_counter())
        sealed = sealing.seal_pdf(pdf, signer=signer)
        moments.append(time.perf_counter())
        report = sealing.inspect_seal(sealed, trusted_roots=signer.chain)
        moments.append(time.perf_counter())
        extracted = sealing.extract_credential(sealed)
        moments.append(time.perf_counter())
        assert report.is_valid, report
        assert extracted == credential
        if index >= WARM_UP:
            for step, started, ended in zip(steps, moments, moments[1:], strict=False):
                steps[step].append((ended - started) * 1000)

    print(f"Certificate sealing, {RENDERS} certificates after {WARM_UP} warm-up, ms per PDF")
    print(f"({os.cpu_count()} cores, {datetime.datetime.now(tz=datetime.UTC):%Y-%m-%d %H:%M} UTC)")
    print()
    print("| step | mean | p50 | p95 |")
    print("|---|---:|---:|---:|")
    for step, timings in steps.items():
        print(
            f"| {step} | {statistics.fmean(timings):.1f} | {statistics.median(timings):.1f} | "
            f"{_percentile(timings, 0.95):.1f} |"
        )


if __name__ == "__main__":
    main()
