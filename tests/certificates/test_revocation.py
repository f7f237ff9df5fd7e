"""Revoking, reinstating and re-issuing: a revoked certificate is not re-issued, a reissue keeps
privacy and basis, a superseded credential is withdrawn for outside verifiers, and no one decides
on their own certificate."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates import signing
from certificates.models import Certificate, StatusList
from enrollment.models import Enrollment
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["author", "reviewer", "approver", "admin"]


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


def _bit(certificate: Certificate) -> bool:
    bits = StatusList.objects.values_list("bits", flat=True).get(pk=certificate.status_list_id)
    assert certificate.status_index is not None
    return signing.get_bit(bytes(bits), certificate.status_index)


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_revoked_certificate_is_not_reissued(
    staff: dict[str, User], certificate: Certificate
) -> None:
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Plagiarism"
    )

    response = _client(staff["approver"]).post(f"/api/v1/certificates/{certificate.pk}/reissue")

    assert (response.status_code, response.json()["code"]) == (400, "revoked")
    assert Certificate.objects.count() == 1
    verification = certificates_api.verify_certificate(certificate_id=str(certificate.pk))
    assert verification["status"] == "revoked"


def test_a_reissue_keeps_privacy_and_basis(
    staff: dict[str, User],
    institution: Any,
    course: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certificates.tasks import issue_certificate_task

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    recorded = certificates_api.issue_for_prior_learning(
        user=staff["approver"],
        course_slug="plc-basics",
        learner_email=staff["learner"].email,
        note="Ten years as a PLC technician",
    )
    old = certificates_api.issue_certificate(enrollment_id=recorded.enrollment_id)
    certificates_api.set_privacy(user=staff["learner"], certificate_id=old.pk, is_private=True)
    second_approver = _other_approver(institution)

    new = certificates_api.reissue_certificate(user=second_approver, certificate_id=old.pk)

    assert (new.is_private, new.basis, new.issued_by, new.recognition_note) == (
        True,
        "prior_learning",
        staff["approver"],
        "Ten years as a PLC technician",
    )
    issued = certificates_api.issue_certificate(enrollment_id=new.enrollment_id)
    narrative = json.loads(bytes(issued.credential))["credentialSubject"]["achievement"][
        "criteria"
    ]["narrative"]
    assert "the course itself was not taken" in narrative
    assert AuditEvent.objects.filter(
        action="certificate_reissued", target_id=str(old.pk), actor=second_approver
    ).exists()


def test_a_superseded_credential_is_withdrawn_in_the_status_list(
    staff: dict[str, User], certificate: Certificate
) -> None:
    before = bytes(StatusList.objects.get(pk=certificate.status_list_id).credential)

    new = certificates_api.reissue_certificate(
        user=staff["approver"], certificate_id=certificate.pk
    )
    certificates_api.issue_certificate(enrollment_id=new.enrollment_id)

    assert _bit(certificate) is True
    assert bytes(StatusList.objects.get(pk=certificate.status_list_id).credential) != before
    answer = certificates_api.verify_credential(content=bytes(certificate.credential))
    checks = {check["name"]: check for check in answer["checks"]}
    assert (answer["status"], checks["credential_status"]["explanation"]) == (
        "superseded",
        "The issuer replaced it with a corrected one.",
    )
    assert answer["superseded_by"] == str(new.pk)
    by_file = certificates_api.verify_pdf(
        content=certificates_api.read_pdf(certificate=certificate)
    )
    file_checks = {check["name"]: check for check in by_file["checks"]}
    assert (by_file["status"], file_checks["credential_status"]["explanation"]) == (
        "superseded",
        "The issuer replaced it with a corrected one.",
    )


def test_reinstating_is_an_audited_action_of_an_approver_with_a_reason(
    staff: dict[str, User], certificate: Certificate
) -> None:
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Wrong learner"
    )
    client = _client(staff["approver"])

    without_reason = client.post(
        f"/api/v1/certificates/{certificate.pk}/reinstate", {"reason": " "}, format="json"
    )
    by_author = _client(staff["author"]).post(
        f"/api/v1/certificates/{certificate.pk}/reinstate", {"reason": "Oops"}, format="json"
    )
    assert (without_reason.status_code, by_author.status_code) == (400, 403)
    assert _bit(certificate) is True

    response = client.post(
        f"/api/v1/certificates/{certificate.pk}/reinstate",
        {"reason": "Revoked the wrong learner's certificate"},
        format="json",
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["revocation_reason"]) == ("valid", None)
    assert _bit(certificate) is False
    event = AuditEvent.objects.get(action="certificate_reinstated")
    assert (event.actor, event.target_id, event.details["reason"]) == (
        staff["approver"],
        str(certificate.pk),
        "Revoked the wrong learner's certificate",
    )
    assert event.details["undoes"]["revocation_reason"] == "Wrong learner"
    again = client.post(
        f"/api/v1/certificates/{certificate.pk}/reinstate", {"reason": "Twice"}, format="json"
    )
    assert (again.status_code, again.json()["code"]) == (400, "not_revoked")


@pytest.mark.parametrize("role", ROLES)
def test_no_one_decides_on_their_own_certificate(
    staff: dict[str, User],
    institution: Any,
    complete: Callable[..., Enrollment],
    role: str,
) -> None:
    """Every role, even holding the approver role too, is refused on their own certificate."""
    member = staff[role]
    if role != "approver":
        MembershipFactory(user=member, organization=institution, role="approver")
    own = certificates_api.issue_certificate(enrollment_id=complete(member).pk)

    for attempt in (
        lambda: certificates_api.revoke_certificate(
            user=member, certificate_id=own.pk, reason="Tidying up"
        ),
        lambda: certificates_api.reissue_certificate(user=member, certificate_id=own.pk),
    ):
        with pytest.raises(PermissionDenied, match="their own certificate"):
            attempt()
    certificates_api.revoke_certificate(
        user=_other_approver(institution), certificate_id=own.pk, reason="Mistake"
    )
    with pytest.raises(PermissionDenied, match="their own certificate"):
        certificates_api.reinstate_certificate(
            user=member, certificate_id=own.pk, reason="It was fine"
        )

    own.refresh_from_db()
    assert (own.revocation_reason, own.superseded_at) == ("Mistake", None)
    assert Certificate.objects.count() == 1


def _other_approver(institution: Any) -> User:
    approver = UserFactory()
    MembershipFactory(user=approver, organization=institution, role="approver")
    return approver


@pytest.mark.parametrize("role", ROLES)
def test_no_one_certifies_themselves_through_prior_learning(
    staff: dict[str, User], institution: Any, course: dict[str, Any], role: str
) -> None:
    member = staff[role]
    if role != "approver":
        MembershipFactory(user=member, organization=institution, role="approver")

    response = _client(member).post(
        "/api/v1/certificates/prior-learning",
        {"course": "plc-basics", "learner_email": member.email, "note": "I know PLCs"},
        format="json",
    )

    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert "their own certificate" in response.json()["detail"]
    assert not Certificate.objects.exists()
    assert not Enrollment.objects.filter(user=member).exists()


def test_reinstating_needs_a_revoked_certificate(
    staff: dict[str, User], certificate: Certificate
) -> None:
    with pytest.raises(ValidationError):
        certificates_api.reinstate_certificate(
            user=staff["approver"], certificate_id=certificate.pk, reason="Nothing to undo"
        )
    assert not AuditEvent.objects.filter(action="certificate_reinstated").exists()


PRIOR_LEARNING_WORDING = {
    "en": ("Certificate of Recognition", "on the evidence of prior learning", "was not taken"),
    "de": ("Anerkennungszertifikat", "anerkannter Vorkenntnisse", "nicht belegt"),
    "zh-hans": ("学习成果认定证书", "经先前学习认定", "未实际修读该课程"),
    "ar": ("شهادة اعتراف", "بالتعلم السابق المعادل", "لم يُدرَس المقرر نفسه"),
}


@pytest.mark.parametrize("language", list(PRIOR_LEARNING_WORDING))
def test_a_prior_learning_certificate_says_so_on_the_pdf_and_in_the_credential(
    staff: dict[str, User],
    course: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
    language: str,
) -> None:
    from certificates.rendering import LABELS
    from certificates.tasks import issue_certificate_task
    from tests.certificates.test_rendering import compact, extract_text

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    learner = staff["learner"]
    learner.preferred_language = language
    learner.save()
    recorded = certificates_api.issue_for_prior_learning(
        user=staff["approver"],
        course_slug="plc-basics",
        learner_email=learner.email,
        note="Portfolio reviewed",
    )

    issued = certificates_api.issue_certificate(enrollment_id=recorded.enrollment_id)

    title, statement, narrative_part = PRIOR_LEARNING_WORDING[language]
    # Upper case: the title is set in capitals.
    text = compact(extract_text(certificates_api.read_pdf(certificate=issued), tmp_path)).upper()
    assert compact(title).upper() in text
    assert compact(statement).upper() in text
    assert compact(LABELS[language]["completed"]).upper() not in text
    assert compact(LABELS[language]["title"]).upper() not in text
    narrative = json.loads(bytes(issued.credential))["credentialSubject"]["achievement"][
        "criteria"
    ]["narrative"]
    assert narrative_part in narrative
