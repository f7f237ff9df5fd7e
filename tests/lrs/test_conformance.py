"""ADL's LRS conformance suite against /api/xapi/ (only with XAPI_CONFORMANCE=1, as CI sets).

Then it fails, never skips, when the suite cannot be cloned, installed or run.
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    os.environ.get("XAPI_CONFORMANCE") != "1", reason="set XAPI_CONFORMANCE=1 to run the suite"
)


def test_the_lrs_passes_the_adl_conformance_suite() -> None:
    run = subprocess.run(
        [str(ROOT / "scripts" / "xapi_conformance.sh")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )

    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    assert "xapi conformance: passed" in run.stdout.splitlines()[-1], output[-4000:]
