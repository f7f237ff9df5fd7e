"""GET /api/v1/me/learner-record (always the caller's own) and POST
/api/v1/verify/learner-record (public)."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential, Certificate
from records import api as records_api

pytestmark = pytest.mark.django_db

RECORD = "/api/v1/me/learner-record"
VERIFY = "/api/v1/verify/learner-record"


def test_signed_out_nobody_gets_a_record() -> None:
    response = APIClient().get(RECORD)

    assert response.status_code == 401


def test_the_learner_gets_their_signed_record(
    sign_in: Callable[[User], APIClient], staff: dict[str, User], certificate: Certificate
) -> None:
    response = sign_in(staff["learner"]).get(RECORD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert response["Cache-Control"] == "private, no-store"
    assert not response.has_header("Content-Disposition")
    record = json.loads(response.content)
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    assert [c["id"] for c in record["credentialSubject"]["verifiableCredential"]] == [
        f"urn:uuid:{certificate.pk}"
    ]
    assert records_api.verify_learner_record(document=record)["status"] == "valid"


def test_download_answers_as_a_file(
    sign_in: Callable[[User], APIClient], staff: dict[str, User], certificate: Certificate
) -> None:
    response = sign_in(staff["learner"]).get(RECORD, {"download": "1"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="learner-record.json"'


def test_without_any_credential_the_answer_says_so(
    sign_in: Callable[[User], APIClient], staff: dict[str, User]
) -> None:
    response = sign_in(staff["learner"]).get(RECORD)

    assert response.status_code == 404
    assert response.json() == {
        "detail": (
            "You hold no certificate or credential yet: a learner record needs at least one."
        ),
        "code": "not_found",
    }


@pytest.mark.parametrize("role", ["approver", "admin", "verifier"])
def test_no_parameter_lets_staff_get_another_learners_record(
    sign_in: Callable[[User], APIClient],
    staff: dict[str, User],
    certificate: Certificate,
    role: str,
) -> None:
    learner = staff["learner"]
    client = sign_in(staff[role])

    for parameter in ("user", "user_id", "learner", "email", "id", "for"):
        value = learner.email if parameter == "email" else str(learner.pk)
        refused = client.get(RECORD, {parameter: value, "download": "1"})

        assert refused.status_code == 400
        assert refused.json()["fields"] == {parameter: ["Unknown field."]}
        assert str(certificate.pk) not in refused.content.decode()
    # Their own record, without parameters: they hold no credential.
    assert client.get(RECORD).status_code == 404


def test_anyone_may_verify_a_record(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    record = json.loads(records_api.issue_learner_record(user=staff["learner"]))
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud."
    )

    response = APIClient().post(VERIFY, {"credential": record}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["status"]) == (record["id"], "credentials_not_valid")
    assert [(c["id"], c["name"], c["status"]) for c in body["credentials"]] == [
        (f"urn:uuid:{certificate.pk}", "PLC Basics", "revoked"),
        (f"urn:uuid:{attendance.pk}", "Smart factory open day", "valid"),
    ]
    assert [c["name"] for c in body["checks"]] == [
        "clr_structure",
        "credential_proof",
        "issuer_key",
        "validity_window",
    ]


@pytest.mark.parametrize(
    ("body", "status_code"),
    [
        ({"credential": "not an object"}, 400),
        ({"credential": [1, 2]}, 400),
        ({}, 400),
        ({"credential": {}, "extra": 1}, 400),
        ({"credential": {}}, 200),
        ({"credential": {"@context": "x", "credentialSubject": 5}}, 200),
    ],
)
def test_bad_input_is_refused_or_found_invalid(body: Any, status_code: int) -> None:
    response = APIClient().post(VERIFY, body, format="json")

    assert response.status_code == status_code
    if status_code == 200:
        assert response.json()["status"] == "invalid"


def test_a_record_embedding_too_many_credentials_is_refused(
    staff: dict[str, User], certificate: Certificate
) -> None:
    record = json.loads(records_api.issue_learner_record(user=staff["learner"]))
    embedded = record["credentialSubject"]["verifiableCredential"]
    record["credentialSubject"]["verifiableCredential"] = embedded * (records_api.MAX_EMBEDDED + 1)

    response = APIClient().post(VERIFY, {"credential": record}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"] == "The record embeds more than 200 credentials."
