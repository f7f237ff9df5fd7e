"""Our credentials, checked by an independent verifier nobody here wrote (Digital Bazaar's
`@digitalbazaar/vc` with the eddsa-rdfc-2022 cryptosuite and Bitstring Status List, offline)."""

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from certificates import api as certificates_api
from certificates import credentials, registry, signing
from certificates.models import Certificate
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = ROOT / "interop" / "verify.mjs"


@pytest.fixture
def verify(tmp_path: Path) -> Callable[..., dict[str, Any]]:
    """Run the independent verifier on a credential, with our DID document and status list."""
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules").is_dir():
        pytest.fail("The independent verifier is not installed: run `make setup`.")

    def run(content: bytes, status_list_id: int) -> dict[str, Any]:
        (tmp_path / "credential.json").write_bytes(content)
        (tmp_path / "did.json").write_text(json.dumps(certificates_api.did_document()))
        (tmp_path / "status.json").write_bytes(
            certificates_api.read_status_list(status_list_id=status_list_id)
        )
        completed = subprocess.run(
            [
                node,
                str(VERIFIER),
                "--credential",
                str(tmp_path / "credential.json"),
                "--did-document",
                str(tmp_path / "did.json"),
                "--status-list",
                str(tmp_path / "status.json"),
                "--max-clock-skew",
                "0",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert completed.returncode in (0, 1), completed.stderr
        result: dict[str, Any] = json.loads(completed.stdout)
        assert (completed.returncode == 0) == result["verified"]
        return result

    return run


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


def test_an_issued_credential_is_accepted(verify: Any, certificate: Certificate) -> None:
    result = verify(bytes(certificate.credential), certificate.status_list_id)

    assert result == {
        "verified": True,
        "proofVerified": True,
        "statusChecked": True,
        "revoked": False,
        "expired": False,
        "errors": [],
    }


def test_a_changed_field_is_rejected(verify: Any, certificate: Certificate) -> None:
    document = json.loads(bytes(certificate.credential))
    document["credentialSubject"]["achievement"]["name"] = "Advanced Robotics"

    result = verify(json.dumps(document).encode(), certificate.status_list_id)

    assert (result["verified"], result["proofVerified"]) == (False, False)


def test_a_foreign_key_is_rejected(verify: Any, certificate: Certificate) -> None:
    document = json.loads(bytes(certificate.credential))
    document.pop("proof")
    forged = credentials.sign(
        document,
        key=credentials.SigningKey.generate(),
        verification_method=signing.verification_method(signing.active_signing_key()),
        created=document["validFrom"],
    )

    result = verify(credentials.serialize(forged), certificate.status_list_id)

    assert (result["verified"], result["proofVerified"]) == (False, False)


def test_an_expired_credential_is_rejected(verify: Any, certificate: Certificate) -> None:
    issued_at = (timezone.now() - timedelta(days=400)).replace(microsecond=0)
    certificate.expires_at = issued_at + timedelta(days=365)
    document = registry.build_credential(
        certificate=certificate, course_slug="plc-basics", summary="", issued_at=issued_at
    )
    content = registry.sign_credential(document, issued_at=issued_at)

    result = verify(content, certificate.status_list_id)

    assert (result["verified"], result["expired"], result["proofVerified"]) == (
        False,
        True,
        True,
    )


def test_a_revoked_credential_is_reported_revoked(
    verify: Any, staff: dict[str, User], certificate: Certificate
) -> None:
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Identity fraud"
    )

    result = verify(bytes(certificate.credential), certificate.status_list_id)

    assert (result["verified"], result["statusChecked"], result["revoked"]) == (
        False,
        True,
        True,
    )


def test_a_superseded_credential_is_reported_revoked_by_an_outside_verifier(
    verify: Any, staff: dict[str, User], certificate: Certificate
) -> None:
    replacement = certificates_api.reissue_certificate(
        user=staff["approver"], certificate_id=certificate.pk
    )
    replacement = certificates_api.issue_certificate(enrollment_id=replacement.enrollment_id)

    old = verify(bytes(certificate.credential), certificate.status_list_id)
    new = verify(bytes(replacement.credential), replacement.status_list_id)

    assert (old["verified"], old["statusChecked"], old["revoked"]) == (False, True, True)
    assert (new["verified"], new["revoked"]) == (True, False)
