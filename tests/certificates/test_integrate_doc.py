"""docs/integrate.md runs as written: its curl and Python examples, and the client it generates
with openapi-python-client, against a live server holding a valid certificate."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from tests.factories import TEST_PASSWORD, MembershipFactory, OrganizationFactory

DOC = Path(__file__).resolve().parents[2] / "docs" / "integrate.md"
# A fenced block whose first line is a `# Title` comment is an example to run.
EXAMPLE = re.compile(r"^```(sh|python)\n# (.+?)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _examples() -> dict[tuple[str, str], str]:
    return {
        (language, title): f"# {title}\n{code}"
        for language, title, code in EXAMPLE.findall(DOC.read_text(encoding="utf-8"))
    }


def _run(language: str, code: str, *, env: dict[str, str], cwd: Path) -> str:
    command = ["bash", "-euo", "pipefail", "-c", code] if language == "sh" else [sys.executable]
    result = subprocess.run(
        command,
        input=None if language == "sh" else code,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"{language} {code}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


@pytest.fixture
def verifier(staff: dict[str, User]) -> User:
    MembershipFactory(
        user=staff["outsider"],
        role="verifier",
        organization=OrganizationFactory(kind="employer", slug="hr-co"),
    )
    return staff["outsider"]


def test_every_example_of_the_integration_guide_runs_against_a_live_server(
    live_server: Any, certificate: Certificate, verifier: User, tmp_path: Path
) -> None:
    examples = _examples()
    env = {
        **os.environ,
        # The generator and its ruff step come from this interpreter's environment.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "ICIM_URL": live_server.url,
        "ICIM_EMAIL": verifier.email,
        "ICIM_PASSWORD": TEST_PASSWORD,
        "CERTIFICATE_ID": str(certificate.pk),
    }

    def run(language: str, title: str) -> str:
        return _run(language, examples.pop((language, title)), env=env, cwd=tmp_path)

    token = json.loads(run("sh", "Create a token"))
    env["ICIM_TOKEN"] = token["token"]
    one = json.loads(run("sh", "Verify one certificate"))
    many = json.loads(run("sh", "Verify many at once"))
    error = json.loads(run("sh", "An error"))
    run("sh", "Generate a client")

    assert token["name"] == "HR system"
    assert (one["id"], one["status"], one["course_title"]) == (
        str(certificate.pk),
        "valid",
        "PLC Basics",
    )
    assert [(result["id"], result["status"]) for result in many] == [
        (str(certificate.pk), "valid"),
        ("not-a-certificate", "unknown"),
    ]
    assert error == {
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
    assert run("python", "Verify one certificate") == "valid PLC Basics\n"
    assert (
        run("python", "Verify many at once")
        == f"{certificate.pk} valid\nnot-a-certificate unknown\n"
    )
    assert run("python", "Read every page") == "1 courses\n"
    # The generated client's calls, public and with the token, work against the server.
    assert run("python", "Verify with the generated client") == "valid valid\n"
    assert examples == {}  # every example of the guide ran
