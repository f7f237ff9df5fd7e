"""Publishing, revoking, recognising prior learning and rotating the signing key are audited."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates import signing
from courses.models import CourseVersion
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db


def _events(action: str) -> list[tuple[Any, ...]]:
    return list(
        AuditEvent.objects.filter(action=action)
        .order_by("id")
        .values_list("actor", "target_type", "target_id", "ip_address", "details")
    )


def test_publishing_a_course_version_is_recorded(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    # The `course` fixture walked the package through review and published it as the approver.
    version = CourseVersion.objects.get(state="published")

    assert _events("course_published") == [
        (
            staff["approver"].pk,
            "course",
            "plc-basics",
            None,
            {
                "version": version.number,
                "code": "PLC-101",
                "comment": "",
                "translation_completeness": {"en": 100, "de": 100},
            },
        )
    ]
    # Submitting and approving are workflow steps, not audited actions.
    assert AuditEvent.objects.count() == 1


def test_a_revocation_is_recorded_once_with_the_approvers_address(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    client = APIClient()
    client.force_authenticate(staff["approver"])
    path = f"/api/v1/certificates/{certificate.pk}/revoke"

    revoked = client.post(path, {"reason": "Exam misconduct"}, REMOTE_ADDR="192.0.2.44")
    again = client.post(path, {"reason": "Again"}, REMOTE_ADDR="192.0.2.44")

    assert (revoked.status_code, again.status_code) == (200, 400)
    assert _events("certificate_revoked") == [
        (
            staff["approver"].pk,
            "certificate",
            str(certificate.pk),
            "192.0.2.44",
            {"reason": "Exam misconduct", "course": "PLC-101"},
        )
    ]


def test_a_refused_revocation_leaves_no_record(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)

    with pytest.raises(ValidationError):
        certificates_api.revoke_certificate(
            user=staff["approver"], certificate_id=certificate.pk, reason="   "
        )

    assert _events("certificate_revoked") == []


def test_recognised_prior_learning_is_recorded_once(
    staff: dict[str, User], course: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from certificates.tasks import issue_certificate_task

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    learner = staff["learner"]

    certificate = certificates_api.issue_for_prior_learning(
        user=staff["approver"],
        course_slug="plc-basics",
        learner_email=learner.email,
        note="Ten years as a PLC technician",
        ip_address="198.51.100.20",
    )
    certificates_api.issue_for_prior_learning(  # idempotent: the same certificate, no new record
        user=staff["approver"], course_slug="plc-basics", learner_email=learner.email, note="Again"
    )

    assert _events("prior_learning_recognised") == [
        (
            staff["approver"].pk,
            "certificate",
            str(certificate.pk),
            "198.51.100.20",
            {
                "course": "plc-basics",
                "learner": learner.email,
                "note": "Ten years as a PLC technician",
            },
        )
    ]


def test_rotating_the_signing_key_is_recorded(settings: Any, tmp_path: Any) -> None:
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(tmp_path / "key.pem")
    signing.write_new_key_file(tmp_path / "key.pem")

    call_command("credential_key", "--rotate", stdout=StringIO())
    new_key = signing.active_signing_key().public_key_multibase

    assert _events("signing_key_rotated") == [
        (None, "issuer_key", new_key, None, {"via": "manage.py credential_key"})
    ]
