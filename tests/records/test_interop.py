"""Our learner records, checked by an independent verifier nobody here wrote (Digital Bazaar's
`@digitalbazaar/vc` with the eddsa-rdfc-2022 cryptosuite and Bitstring Status List, offline):
the record's own proof, then each credential embedded in it."""

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential, Certificate
from records import api as records_api

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = ROOT / "interop" / "verify.mjs"
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
CLR_CONTEXT_FILE = ROOT / "certificates" / "contexts" / "clr-v2p0-context-2.0.1.json"
PASSED = {
    "verified": True,
    "proofVerified": True,
    "statusChecked": True,
    "revoked": False,
    "expired": False,
    "errors": [],
}


@pytest.fixture
def verify(tmp_path: Path) -> Callable[..., dict[str, Any]]:
    """Run the independent verifier on a record, with our DID document and status list."""
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules").is_dir():
        pytest.fail("The independent verifier is not installed: run `make setup`.")

    def run(content: bytes, status_list_id: int) -> dict[str, Any]:
        (tmp_path / "record.json").write_bytes(content)
        (tmp_path / "did.json").write_text(json.dumps(certificates_api.did_document()))
        (tmp_path / "status.json").write_bytes(
            certificates_api.read_status_list(status_list_id=status_list_id)
        )
        completed = subprocess.run(
            [
                node,
                str(VERIFIER),
                "--credential",
                str(tmp_path / "record.json"),
                "--did-document",
                str(tmp_path / "did.json"),
                "--status-list",
                str(tmp_path / "status.json"),
                "--context",
                f"{CLR_CONTEXT}={CLR_CONTEXT_FILE}",
                "--embedded",
                "--max-clock-skew",
                "0",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert completed.returncode in (0, 1), completed.stdout + completed.stderr
        result: dict[str, Any] = json.loads(completed.stdout)
        assert (completed.returncode == 0) == result["verified"]
        return result

    return run


def test_a_record_and_every_credential_in_it_are_accepted(
    verify: Any,
    staff: dict[str, User],
    certificate: Certificate,
    attendance: AttendanceCredential,
) -> None:
    assert certificate.status_list_id == attendance.status_list_id
    content = records_api.issue_learner_record(user=staff["learner"])

    result = verify(content, certificate.status_list_id)

    assert result == {
        **PASSED,
        # The record itself names no status entry: it is made afresh on each request.
        "statusChecked": False,
        "revoked": None,
        "embedded": [
            {"id": f"urn:uuid:{certificate.pk}", **PASSED},
            {"id": f"urn:uuid:{attendance.pk}", **PASSED},
        ],
    }


def test_a_changed_record_is_rejected(
    verify: Any, staff: dict[str, User], certificate: Certificate
) -> None:
    record = json.loads(records_api.issue_learner_record(user=staff["learner"]))
    record["credentialSubject"]["identifier"][0]["salt"] = "0" * 32

    result = verify(json.dumps(record).encode(), certificate.status_list_id)

    assert (result["verified"], result["proofVerified"]) == (False, False)
    # The embedded credential was not touched: it still verifies on its own.
    assert [item["verified"] for item in result["embedded"]] == [True]


def test_a_credential_revoked_after_the_record_was_made_is_reported(
    verify: Any,
    staff: dict[str, User],
    certificate: Certificate,
    attendance: AttendanceCredential,
) -> None:
    content = records_api.issue_learner_record(user=staff["learner"])
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud."
    )

    result = verify(content, certificate.status_list_id)

    assert (result["verified"], result["proofVerified"]) == (False, True)
    assert [(item["id"], item["verified"], item["revoked"]) for item in result["embedded"]] == [
        (f"urn:uuid:{certificate.pk}", False, True),
        (f"urn:uuid:{attendance.pk}", True, False),
    ]
    assert result["errors"] == [f"embedded credential urn:uuid:{certificate.pk} is not verified"]
