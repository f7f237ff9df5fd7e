"""The learner's record as a signed CLR 2.0: its exact shape, its signature, what is left out."""

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from certificates import api as certificates_api
from certificates import credentials, signing
from certificates.issuing import new_certificate_record
from certificates.models import AttendanceCredential, Certificate
from enrollment.models import Enrollment
from records import api as records_api

pytestmark = pytest.mark.django_db

CLR_CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]


def _record(user: User) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(records_api.issue_learner_record(user=user))
    return record


def test_the_record_embeds_each_credential_as_signed_with_exact_shape(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    record = _record(staff["learner"])

    course_credential = json.loads(bytes(certificate.credential))
    event_credential = json.loads(bytes(attendance.credential))
    subject = record["credentialSubject"]
    identifier = subject["identifier"][0]
    did = signing.issuer_did()
    assert record["@context"] == CLR_CONTEXTS
    assert record["id"].startswith("urn:uuid:")
    assert record["type"] == ["VerifiableCredential", "ClrCredential"]
    assert record["issuer"] == {
        "id": did,
        "type": ["Profile"],
        "name": "ICIM Academy",
        "url": settings.PUBLIC_BASE_URL,
    }
    assert record["name"] == "Learner record at ICIM Academy"
    assert "partial" not in record
    assert {k: v for k, v in record["proof"].items() if k != "proofValue"} == {
        "type": "DataIntegrityProof",
        "created": record["validFrom"],
        "verificationMethod": signing.verification_method(signing.active_signing_key()),
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
    }
    assert subject == {
        "type": ["ClrSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": "sha256$"
                + hashlib.sha256(("learner@example.org" + identifier["salt"]).encode()).hexdigest(),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": identifier["salt"],
            }
        ],
        "achievement": [
            course_credential["credentialSubject"]["achievement"],
            event_credential["credentialSubject"]["achievement"],
        ],
        # Byte for byte as issued: each keeps its own proof.
        "verifiableCredential": [course_credential, event_credential],
    }
    assert len(identifier["salt"]) == 32
    assert subject["achievement"][0]["id"] == f"{settings.PUBLIC_BASE_URL}/courses/plc-basics"


def test_the_learners_name_appears_only_with_their_consent(
    staff: dict[str, User], certificate: Certificate
) -> None:
    learner = staff["learner"]
    learner.is_name_in_credentials = True
    learner.full_name = "Mei Lin"
    learner.save(update_fields=["is_name_in_credentials", "full_name"])

    record = _record(learner)

    assert record["name"] == "Learner record of Mei Lin at ICIM Academy"
    assert record["credentialSubject"]["identifier"][1] == {
        "type": "IdentityObject",
        "identityHash": "Mei Lin",
        "identityType": "name",
        "hashed": False,
    }


def test_the_record_is_in_the_learners_language(
    staff: dict[str, User], certificate: Certificate
) -> None:
    learner = staff["learner"]
    learner.preferred_language = "de"
    learner.save(update_fields=["preferred_language"])

    record = _record(learner)

    assert record["name"] == "Lernnachweis bei der ICIM Academy"


def test_the_signature_verifies_and_every_embedded_credential_with_it(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    record = _record(staff["learner"])

    result = records_api.verify_learner_record(document=record)

    assert result["id"] == record["id"]
    assert result["status"] == "valid"
    assert [(c["name"], c["result"]) for c in result["checks"]] == [
        ("clr_structure", "passed"),
        ("credential_proof", "passed"),
        ("issuer_key", "passed"),
        ("validity_window", "passed"),
    ]
    assert [(c["id"], c["name"], c["status"]) for c in result["credentials"]] == [
        (f"urn:uuid:{certificate.pk}", certificate.course_title, "valid"),
        (f"urn:uuid:{attendance.pk}", "Smart factory open day", "valid"),
    ]
    assert all(
        check["result"] == "passed"
        for credential in result["credentials"]
        for check in credential["checks"]
    )


def test_a_changed_embedded_credential_breaks_the_records_signature(
    staff: dict[str, User], certificate: Certificate
) -> None:
    record = _record(staff["learner"])
    record["credentialSubject"]["verifiableCredential"][0]["name"] = "Advanced Robotics"

    result = records_api.verify_learner_record(document=record)

    assert result["status"] == "invalid"
    assert result["credentials"] == []
    proof = next(c for c in result["checks"] if c["name"] == "credential_proof")
    assert proof["result"] == "failed"
    assert proof["explanation"] == (
        "The signature does not match: the credential was changed after signing."
    )


def test_a_record_signed_with_another_key_is_invalid(
    staff: dict[str, User], certificate: Certificate
) -> None:
    record = _record(staff["learner"])
    record.pop("proof")
    forged = credentials.sign(
        record,
        key=credentials.SigningKey.generate(),
        verification_method=signing.verification_method(signing.active_signing_key()),
        created=record["validFrom"],
    )

    result = records_api.verify_learner_record(document=forged)

    assert result["status"] == "invalid"
    assert [(c["name"], c["result"]) for c in result["checks"]][:2] == [
        ("clr_structure", "passed"),
        ("credential_proof", "failed"),
    ]


def test_an_open_badges_credential_is_not_a_record(certificate: Certificate) -> None:
    result = records_api.verify_learner_record(document=json.loads(bytes(certificate.credential)))

    assert result["status"] == "invalid"
    assert result["checks"] == [
        {
            "name": "clr_structure",
            "label": "A well-formed CLR 2.0 learner record",
            "result": "failed",
            "passed": False,
            "explanation": (
                "The contexts must be VC 2.0, CLR 2.0.1 and Open Badges 3.0.3, in this order."
            ),
        }
    ]


def test_a_revoked_certificate_is_left_out_of_new_records(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud."
    )

    record = _record(staff["learner"])

    embedded = record["credentialSubject"]["verifiableCredential"]
    assert [item["id"] for item in embedded] == [f"urn:uuid:{attendance.pk}"]
    assert [item["name"] for item in record["credentialSubject"]["achievement"]] == [
        "Smart factory open day"
    ]


def test_a_record_made_before_a_revocation_reports_the_revoked_credential(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    record = _record(staff["learner"])
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Exam fraud."
    )

    result = records_api.verify_learner_record(document=record)

    assert result["status"] == "credentials_not_valid"
    assert [(c["id"], c["status"]) for c in result["credentials"]] == [
        (f"urn:uuid:{certificate.pk}", "revoked"),
        (f"urn:uuid:{attendance.pk}", "valid"),
    ]
    status_check = next(
        c for c in result["credentials"][0]["checks"] if c["name"] == "credential_status"
    )
    assert (status_check["result"], status_check["explanation"]) == (
        "failed",
        "The issuer has revoked it.",
    )


def test_a_learner_without_credentials_has_no_record(staff: dict[str, User]) -> None:
    with pytest.raises(records_api.NoCredentialsHeld):
        records_api.issue_learner_record(user=staff["learner"])


def test_a_certificate_still_being_issued_makes_the_record_partial(
    staff: dict[str, User], attendance: AttendanceCredential, complete: Any
) -> None:
    enrollment: Enrollment = complete(staff["learner"])
    new_certificate_record(enrollment).save()  # recorded, its PDF and credential not yet made

    record = _record(staff["learner"])

    assert record["partial"] is True
    assert [item["id"] for item in record["credentialSubject"]["verifiableCredential"]] == [
        f"urn:uuid:{attendance.pk}"
    ]
    assert records_api.verify_learner_record(document=record)["status"] == "valid"


def test_making_a_record_takes_four_queries(
    staff: dict[str, User], certificate: Certificate, attendance: AttendanceCredential
) -> None:
    learner = User.objects.get(pk=staff["learner"].pk)

    with CaptureQueriesContext(connection) as queries:
        records_api.issue_learner_record(user=learner)

    # certificates held, attendances held, program completions, the signing key's register entry
    assert len(queries) == 4, [query["sql"] for query in queries]


# --- programs (pure assembly) -------------------------------------------------------------------


def _credential(achievement_id: str, name: str, kind: str) -> dict[str, Any]:
    return {
        "@context": CLR_CONTEXTS[::2],
        "id": f"urn:uuid:{name}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": kind,
                "name": name,
            },
        },
    }


def test_a_program_is_the_parent_of_its_courses_in_the_record() -> None:
    base = "https://academy.example.org"
    program = _credential(f"{base}/programs/smart-factory", "program", "ext:Program")
    course = _credential(f"{base}/courses/plc-basics", "course", "Course")
    other = _credential(f"{base}/courses/robotics", "other", "Course")

    document = records_api.build_learner_record(
        learner=records_api.Learner(email="Learner@Example.org ", name=None),
        # The program credential also among the others (stored beside attendances): once.
        credentials=[program, course, other],
        programs=[
            records_api.ProgramCredential(
                credential=program,
                course_achievement_ids=(
                    f"{base}/courses/plc-basics",
                    f"{base}/courses/not-yet-taken",
                ),
            )
        ],
        issuer={"id": "did:web:academy.example.org", "type": ["Profile"], "name": "ICIM"},
        record_id="urn:uuid:00000000-0000-4000-8000-000000000001",
        issued_at=datetime(2026, 12, 7, 20, 0, tzinfo=UTC),
        salt="00" * 16,
        name="Learner record at ICIM Academy",
        description="All of it.",
        partial=False,
    )

    subject = document["credentialSubject"]
    assert subject["verifiableCredential"] == [program, course, other]
    assert [a["id"] for a in subject["achievement"]] == [
        f"{base}/programs/smart-factory",
        f"{base}/courses/plc-basics",
        f"{base}/courses/robotics",
    ]
    # Only courses in the record are linked; both directions are stated.
    assert subject["association"] == [
        {
            "type": "Association",
            "associationType": "isParentOf",
            "sourceId": f"{base}/programs/smart-factory",
            "targetId": f"{base}/courses/plc-basics",
        },
        {
            "type": "Association",
            "associationType": "isChildOf",
            "sourceId": f"{base}/courses/plc-basics",
            "targetId": f"{base}/programs/smart-factory",
        },
    ]
    assert subject["identifier"][0]["identityHash"] == (
        "sha256$" + hashlib.sha256(("learner@example.org" + "00" * 16).encode()).hexdigest()
    )
    assert document["validFrom"] == "2026-12-07T20:00:00Z"
    # It canonicalizes (every term is defined by the shipped contexts).
    assert credentials.undefined_terms(document) == []
    assert credentials.canonical_nquads(document)
