"""Every issued certificate carries a signed Open Badges 3.0 credential anyone can check."""

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates import credentials, signing
from certificates.models import Certificate, IssuerKey, StatusList
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


def _served(certificate: Certificate) -> Any:
    return APIClient().get(f"/api/v1/credentials/{certificate.pk}")


def _verify_json(document: dict[str, Any]) -> dict[str, Any]:
    response = APIClient().post(
        "/api/v1/verify/credential", {"credential": document}, format="json"
    )
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def _results(body: dict[str, Any]) -> dict[str, str]:
    return {check["name"]: check["result"] for check in body["checks"]}


def test_the_credential_is_served_byte_for_byte_as_issued(certificate: Certificate) -> None:
    first, second = _served(certificate), _served(certificate)

    assert first.status_code == 200
    assert first.content == second.content == bytes(certificate.credential)
    assert first["Content-Type"] == "application/vc"
    assert first["Access-Control-Allow-Origin"] == "*"


def test_the_credential_describes_the_certificate(
    staff: dict[str, User], certificate: Certificate
) -> None:
    document = json.loads(_served(certificate).content)
    learner = staff["learner"]
    subject = document["credentialSubject"]
    identifier = subject["identifier"][0]

    assert document["@context"] == [credentials.CREDENTIALS_V2, credentials.OPEN_BADGES_V3]
    assert document["id"] == f"urn:uuid:{certificate.pk}"
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    assert document["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert identifier["identityHash"] == credentials.identity_hash(
        learner.email.lower(), salt=identifier["salt"]
    )
    assert "name" not in subject  # the learner has not agreed to show it
    assert subject["achievement"]["name"] == certificate.course_title
    assert [a["targetCode"] for a in subject["achievement"]["alignment"]] == [
        c["code"] for c in certificate.competencies
    ]
    assert document["credentialStatus"]["statusListIndex"] == str(certificate.status_index)
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_the_learner_name_appears_only_with_consent(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    learner = staff["learner"]
    learner.is_name_in_credentials = True
    learner.save()

    issued = certificates_api.issue_certificate(enrollment_id=complete(learner).pk)

    assert json.loads(bytes(issued.credential))["credentialSubject"]["name"] == learner.full_name


def test_the_did_document_lists_the_signing_key(certificate: Certificate) -> None:
    response = APIClient().get("/.well-known/did.json")
    document = response.json()
    key = signing.active_signing_key()
    method = f"did:web:127.0.0.1%3A8000#{key.public_key_multibase}"

    assert response["Access-Control-Allow-Origin"] == "*"
    assert document["id"] == "did:web:127.0.0.1%3A8000"
    assert document["assertionMethod"] == [method]
    assert document["verificationMethod"] == [
        {
            "id": method,
            "type": "Multikey",
            "controller": "did:web:127.0.0.1%3A8000",
            "publicKeyMultibase": key.public_key_multibase,
        }
    ]


def test_an_issued_credential_passes_every_check(certificate: Certificate) -> None:
    body = _verify_json(json.loads(_served(certificate).content))

    assert body["status"] == "valid"
    assert body["id"] == str(certificate.pk)
    assert _results(body) == {
        "credential_structure": "passed",
        "credential_proof": "passed",
        "issuer_key": "passed",
        "credential_status": "passed",
        "validity_window": "passed",
    }


def test_revocation_flips_the_status_bit_and_re_signs_the_list(
    staff: dict[str, User], certificate: Certificate
) -> None:
    status_list = StatusList.objects.get(pk=certificate.status_list_id)
    before = APIClient().get(f"/api/v1/credentials/status/{status_list.pk}")

    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud"
    )
    after = APIClient().get(f"/api/v1/credentials/status/{status_list.pk}")
    listed = json.loads(after.content)
    bits = signing.decode_status_list(listed["credentialSubject"]["encodedList"])
    body = _verify_json(json.loads(_served(certificate).content))

    assert (
        json.loads(before.content)["credentialSubject"]["encodedList"]
        != (listed["credentialSubject"]["encodedList"])
    )
    assert len(bits) * 8 == StatusList.SIZE == 131_072
    assert signing.get_bit(bits, certificate.status_index or 0) is True
    assert sum(bin(byte).count("1") for byte in bits) == 1
    assert after["Cache-Control"] == "public, max-age=60"
    proof = credentials.verify_proof(
        listed, public_key_for=lambda method: signing.active_signing_key().public_key
    )
    assert proof.is_valid
    assert body["status"] == "revoked"
    assert _results(body)["credential_status"] == "failed"


@pytest.mark.parametrize(
    ("change", "failed", "explains"),
    [
        (lambda d: d.update(name="Another course"), "credential_proof", "changed after signing"),
        (
            lambda d: d["credentialSubject"].update(extra=1),
            "credential_structure",
            "do not define",
        ),
        (
            lambda d: d["@context"].append("https://evil.example/ctx"),
            "credential_structure",
            "never fetched",
        ),
        (lambda d: d["proof"].update(type="JsonWebSignature2020"), "credential_proof", "type"),
        (lambda d: d.pop("proof"), "credential_structure", "proof"),
        (
            lambda d: d["proof"].update(verificationMethod="did:web:evil.example#z6Mk"),
            "issuer_key",
            "DID document",
        ),
    ],
)
def test_altered_credentials_fail_a_named_check(
    certificate: Certificate, change: Any, failed: str, explains: str
) -> None:
    document = copy.deepcopy(json.loads(_served(certificate).content))
    change(document)

    body = _verify_json(document)
    failing = {c["name"]: c["explanation"] for c in body["checks"] if c["result"] == "failed"}

    assert body["status"] == "invalid"
    assert failed in failing
    assert explains in failing[failed]


def test_a_credential_signed_by_a_foreign_key_is_refused(certificate: Certificate) -> None:
    document = json.loads(_served(certificate).content)
    document.pop("proof")
    forged = credentials.sign(
        document,
        key=credentials.SigningKey.generate(),
        verification_method=signing.verification_method(signing.active_signing_key()),
        created="2026-01-01T00:00:00Z",
    )

    body = _verify_json(forged)

    assert (body["status"], _results(body)["credential_proof"]) == ("invalid", "failed")


def test_rotating_the_key_keeps_old_credentials_verifiable(
    settings: Any, certificate: Certificate, tmp_path: Any
) -> None:
    old = signing.active_signing_key().public_key_multibase
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(tmp_path / "rotated.pem")
    signing.write_new_key_file(tmp_path / "rotated.pem")

    document = APIClient().get("/.well-known/did.json").json()
    body = _verify_json(json.loads(_served(certificate).content))

    listed = [method["publicKeyMultibase"] for method in document["verificationMethod"]]
    assert listed == [old, signing.active_signing_key().public_key_multibase]
    assert IssuerKey.objects.count() == 2
    assert body["status"] == "valid"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b"\xff\xfe", b'"a string"'],
)
def test_uploads_that_are_neither_pdf_nor_credential_get_a_clear_400(content: bytes) -> None:
    response = APIClient().post(
        "/api/v1/verify", {"file": SimpleUploadedFile("x.json", content)}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_credential"


def test_unknown_and_malformed_credential_ids_are_404() -> None:
    for path in [
        "/api/v1/credentials/7f1d8f2e-3a59-4a84-a3a5-2d7c0c1e1f11",
        "/api/v1/credentials/status/999",
    ]:
        response = APIClient().get(path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_the_key_command_rotates_and_keeps_the_old_key_listed(settings: Any, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    settings.CREDENTIAL_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    signing.write_new_key_file(tmp_path / "key.pem")
    first = signing.active_signing_key().public_key_multibase
    output = StringIO()

    call_command("credential_key", "--rotate", stdout=output)
    second = signing.active_signing_key().public_key_multibase

    assert first != second
    assert f"new credentials are signed with {second}" in output.getvalue()
    keys = IssuerKey.objects.order_by("pk")
    assert [(k.public_key_multibase, k.retired_at is None) for k in keys] == [
        (first, False),
        (second, True),
    ]


def test_the_issued_pdf_is_sealed_and_carries_the_served_credential(
    certificate: Certificate, tmp_path: Any
) -> None:
    import subprocess

    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(certificates_api.read_pdf(certificate=certificate))

    signature = subprocess.run(
        ["/usr/bin/pdfsig", str(pdf)], capture_output=True, text=True, check=False
    )
    subprocess.run(
        [
            "/usr/bin/pdfdetach",
            "-savefile",
            "credential.json",
            "-o",
            str(tmp_path / "c.json"),
            str(pdf),
        ],
        check=True,
    )
    upload = (
        APIClient()
        .post(
            "/api/v1/verify",
            {"file": SimpleUploadedFile("c.pdf", pdf.read_bytes())},
            format="multipart",
        )
        .json()
    )

    assert "Signature is Valid." in signature.stdout
    assert (tmp_path / "c.json").read_bytes() == _served(certificate).content
    assert upload["status"] == "valid"
    assert _results(upload) == {
        "issued_by_platform": "passed",
        "not_revoked": "passed",
        "current": "passed",
        "not_expired": "passed",
        "file_matches": "passed",
        "pdf_seal": "passed",
        "credential_structure": "passed",
        "credential_proof": "passed",
        "issuer_key": "passed",
        "credential_status": "passed",
        "validity_window": "passed",
    }


def test_a_credential_not_yet_valid_is_reported_so(certificate: Certificate) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from certificates import registry

    starts = (timezone.now() + timedelta(days=30)).replace(microsecond=0)
    document = registry.build_credential(
        certificate=certificate, course_slug="plc-basics", summary="", issued_at=starts
    )
    content = registry.sign_credential(document, issued_at=starts)

    body = _verify_json(json.loads(content))

    assert body["status"] == "not_yet_valid"
    assert (_results(body)["credential_proof"], _results(body)["validity_window"]) == (
        "passed",
        "failed",
    )
    window = next(check for check in body["checks"] if check["name"] == "validity_window")
    assert window["explanation"] == f"It is not valid before {starts.date().isoformat()}."
