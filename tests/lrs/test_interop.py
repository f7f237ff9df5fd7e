"""The LRS used by a client library nobody here wrote (@xapi/xapi, interop/test/xapi-lrs.test.mjs)
against a live server."""

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.factories import OrganizationFactory
from tests.lrs.conftest import make_credential

ROOT = Path(__file__).resolve().parents[2]
TEST = ROOT / "interop" / "test" / "xapi-lrs.test.mjs"


@pytest.mark.django_db(transaction=True)
def test_xapi_js_sends_reads_pages_and_keeps_state(live_server: Any) -> None:
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules" / "@xapi" / "xapi").is_dir():
        pytest.fail("@xapi/xapi is not installed in interop/: run `make setup`.")
    credential = make_credential(OrganizationFactory())

    run = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(TEST)],
        cwd=ROOT / "interop",
        env={
            **os.environ,
            "XAPI_ENDPOINT": f"{live_server.url}/api/xapi/",
            "XAPI_KEY": credential.client.key,
            "XAPI_SECRET": credential.secret,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    assert "# pass 2" in run.stdout, run.stdout
    assert "# skipped 0" in run.stdout, run.stdout
