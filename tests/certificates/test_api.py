"""Tests of certificates.api: issue once, frozen data, immutable PDF, revocation, verification."""

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from courses.models import Course, CourseVersion
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db


def test_completing_the_course_queues_exactly_one_issuing_task(
    course: dict[str, Any],
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from certificates.tasks import issue_certificate_task

    queued: list[int] = []
    monkeypatch.setattr(issue_certificate_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = complete(staff["learner"])

    assert queued == [enrollment.pk]


def test_issuing_twice_gives_one_certificate_with_the_same_pdf(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    enrollment = complete(staff["learner"])

    first = certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    second = certificates_api.issue_certificate(enrollment_id=enrollment.pk)

    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    pdf = certificates_api.read_pdf(certificate=second)
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == second.pdf_sha256
    assert certificates_api.read_pdf(certificate=first) == pdf


def test_a_certificate_freezes_what_it_shows(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    learner = staff["learner"]
    learner.full_name, learner.native_name = "Zhang Wei", "张伟"
    learner.save()
    enrollment = complete(learner)
    CourseVersion.objects.update(certificate_validity_months=24)

    certificate = certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    learner.full_name = "Someone Else"
    learner.save()
    certificate.refresh_from_db()

    assert (certificate.learner_name, certificate.learner_native_name) == ("Zhang Wei", "张伟")
    assert (certificate.course_title, certificate.course_code, certificate.grade) == (
        "PLC Basics",
        "PLC-101",
        100,
    )
    assert certificate.institutions == [{"slug": "rhine", "name": "Rhine TU", "country": "DE"}]
    assert certificate.competencies == [{"code": "AUT.PLC", "name": "PLC programming"}]
    assert certificate.expires_at is not None
    assert 729 <= (certificate.expires_at - certificate.completed_at).days <= 731


@pytest.mark.parametrize(
    ("completed_at", "months", "expires_at"),
    [
        (datetime(2025, 1, 31, 9, 30, tzinfo=UTC), 1, datetime(2025, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2024, 1, 31, 9, 30, tzinfo=UTC), 1, datetime(2024, 2, 29, 9, 30, tzinfo=UTC)),
        (datetime(2024, 2, 29, 9, 30, tzinfo=UTC), 12, datetime(2025, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2025, 8, 31, 9, 30, tzinfo=UTC), 6, datetime(2026, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2025, 11, 30, 9, 30, tzinfo=UTC), 3, datetime(2026, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2025, 5, 15, 9, 30, tzinfo=UTC), 24, datetime(2027, 5, 15, 9, 30, tzinfo=UTC)),
    ],
)
def test_a_certificate_expires_the_same_day_months_later_or_on_a_shorter_months_last_day(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    completed_at: datetime,
    months: int,
    expires_at: datetime,
) -> None:
    enrollment = complete(staff["learner"])
    Enrollment.objects.filter(pk=enrollment.pk).update(completed_at=completed_at)
    CourseVersion.objects.update(certificate_validity_months=months)

    certificate = certificates_api.issue_certificate(enrollment_id=enrollment.pk)

    assert certificate.expires_at == expires_at


def test_a_storage_failure_leaves_the_certificate_pending_without_a_file(
    staff: dict[str, User], complete: Callable[..., Enrollment], monkeypatch: pytest.MonkeyPatch
) -> None:
    enrollment = complete(staff["learner"])

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    pending = Certificate.objects.get()
    assert (pending.state, pending.pdf_sha256, bool(pending.pdf)) == ("pending", "", False)
    with pytest.raises(Certificate.DoesNotExist):
        certificates_api.verify_certificate(certificate_id=str(pending.pk))

    monkeypatch.undo()
    issued = certificates_api.issue_certificate(enrollment_id=enrollment.pk)

    assert (issued.pk, issued.state) == (pending.pk, "issued")


def test_the_sweep_issues_what_a_lost_task_did_not(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    enrollment = complete(staff["learner"])

    assert certificates_api.sweep_missing_certificates() == [enrollment.pk]
    assert certificates_api.sweep_missing_certificates() == []
    assert Certificate.objects.get().state == "issued"


def test_verification_says_valid_then_revoked_with_the_reason(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)

    valid = certificates_api.verify_certificate(certificate_id=str(certificate.pk))
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="  Exam  misconduct "
    )
    revoked = certificates_api.verify_certificate(certificate_id=str(certificate.pk))

    assert valid["status"] == "valid"
    assert all(check["passed"] for check in valid["checks"])
    assert (revoked["status"], revoked["revocation_reason"]) == ("revoked", "Exam misconduct")
    assert [c["name"] for c in revoked["checks"] if not c["passed"]] == ["not_revoked"]


@pytest.mark.parametrize(
    ("who", "error"),
    [
        ("reviewer", PermissionDenied),
        ("outsider", Certificate.DoesNotExist),
        ("learner", Certificate.DoesNotExist),
    ],
)
def test_only_approvers_of_the_institution_revoke(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    who: str,
    error: type[Exception],
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)

    with pytest.raises(error):
        certificates_api.revoke_certificate(
            user=staff[who], certificate_id=certificate.pk, reason="No"
        )

    certificate.refresh_from_db()
    assert certificate.revoked_at is None


def test_revoking_twice_is_refused(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="First"
    )

    with pytest.raises(ValidationError) as error:
        certificates_api.revoke_certificate(
            user=staff["approver"], certificate_id=certificate.pk, reason="Second"
        )

    assert error.value.code == "already_revoked"
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "First"


def test_private_certificates_confirm_only_existence_and_status(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    certificates_api.set_privacy(
        user=staff["learner"], certificate_id=certificate.pk, is_private=True
    )

    by_id = certificates_api.verify_certificate(certificate_id=str(certificate.pk))
    by_file = certificates_api.verify_pdf(
        content=certificates_api.read_pdf(certificate=certificate)
    )

    assert (by_id["status"], by_id["is_private"]) == ("valid", True)
    assert "learner_name" not in by_id
    file_check = next(c for c in by_file["checks"] if c["name"] == "file_matches")
    # The file confirms what it shows itself, never more: nothing from the register.
    assert (by_file["status"], by_file["is_private"], "learner_name" in by_file) == (
        "valid",
        True,
        False,
    )
    assert file_check == {
        "name": "file_matches",
        "label": "The file is byte for byte the one issued",
        "result": "passed",
        "passed": True,
        "explanation": "",
    }


def test_an_altered_pdf_is_invalid_and_a_non_pdf_refused(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    pdf = certificates_api.read_pdf(certificate=certificate)

    middle = len(pdf) // 2
    altered = certificates_api.verify_pdf(
        content=pdf[:middle] + bytes([pdf[middle] ^ 1]) + pdf[middle + 1 :]
    )

    results = {check["name"]: check["result"] for check in altered["checks"]}
    assert (altered["status"], altered["id"]) == ("invalid", None)
    assert (results["file_matches"], results["pdf_seal"]) == ("failed", "failed")
    with pytest.raises(ValidationError):
        certificates_api.verify_pdf(content=b"GIF89a not a pdf")


def test_expired_certificates_say_so(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    result = certificates_api.verify_certificate(certificate_id=str(certificate.pk))

    assert result["status"] == "expired"
    assert [c["name"] for c in result["checks"] if not c["passed"]] == ["not_expired"]


def test_reissuing_after_a_name_correction_supersedes_the_old_certificate(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    learner = staff["learner"]
    old = certificates_api.issue_certificate(enrollment_id=complete(learner).pk)
    learner.full_name = "Corrected Name"
    learner.save()

    new = certificates_api.reissue_certificate(user=staff["approver"], certificate_id=old.pk)
    new = certificates_api.issue_certificate(enrollment_id=new.enrollment_id)

    old.refresh_from_db()
    assert (old.superseded_by_id, new.learner_name, new.state) == (
        new.pk,
        "Corrected Name",
        "issued",
    )
    assert certificates_api.verify_certificate(certificate_id=str(old.pk))["status"] == (
        "superseded"
    )
    assert Certificate.objects.count() == 2


@pytest.mark.parametrize("certificate_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_and_malformed_ids_are_not_found(certificate_id: str) -> None:
    with pytest.raises(Certificate.DoesNotExist):
        certificates_api.verify_certificate(certificate_id=certificate_id)


def test_linkedin_link_carries_the_certification(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)

    url = certificates_api.linkedin_url(certificate=certificate)

    assert url.startswith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
    assert "name=PLC+Basics" in url
    assert "organizationName=Rhine+TU" in url
    assert f"certId={certificate.pk}" in url


@pytest.mark.usefixtures("tasks_in_process")
def test_the_learner_is_told_of_a_revocation_and_why(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    from certificates.tasks import notify_revocation_task

    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    queued: list[str] = []
    monkeypatch.setattr(notify_revocation_task, "delay", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_api.revoke_certificate(
            user=staff["approver"], certificate_id=certificate.pk, reason="Cheating"
        )
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes out after commit
        certificates_api.notify_revocation(certificate_id=queued[0])

    assert queued == [str(certificate.pk)]
    message = mail.outbox[-1]
    assert message.to == [staff["learner"].email]
    assert message.subject == "Your certificate for PLC Basics was revoked"
    assert "Reason: Cheating" in message.body


@pytest.mark.usefixtures("tasks_in_process")
def test_learners_are_reminded_once_before_their_certificate_expires(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    certificate = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=90)
    )
    assert certificates_api.remind_expiring_certificates() == []

    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(days=20)
    )
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go out after commit
        first = certificates_api.remind_expiring_certificates()
        second = certificates_api.remind_expiring_certificates()

    assert (first, second) == ([str(certificate.pk)], [])
    assert mail.outbox[-1].subject == "Your certificate for PLC Basics expires soon"
    assert mail.outbox[-1].to == [staff["learner"].email]


def test_approvers_issue_certificates_for_recognised_prior_learning(
    staff: dict[str, User],
    course: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from certificates.tasks import issue_certificate_task

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    learner = staff["learner"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        recorded = certificates_api.issue_for_prior_learning(
            user=staff["approver"],
            course_slug="plc-basics",
            learner_email=learner.email.upper(),
            note="Ten years as a PLC technician; portfolio reviewed",
        )
    issued = certificates_api.issue_certificate(enrollment_id=recorded.enrollment_id)
    again = certificates_api.issue_for_prior_learning(
        user=staff["approver"],
        course_slug="plc-basics",
        learner_email=learner.email,
        note="Twice",
    )
    document = json.loads(bytes(issued.credential))

    completion = [c for c in callbacks if c.__qualname__.startswith("record_prior_learning")]
    assert len(completion) == 1  # enrollment_completed, which queues the renderer
    assert (recorded.state, issued.pk, issued.state) == ("pending", recorded.pk, "issued")
    assert (issued.basis, issued.issued_by, issued.grade) == (
        "prior_learning",
        staff["approver"],
        None,
    )
    assert again.pk == issued.pk
    assert Certificate.objects.filter(user=learner).count() == 1
    assert (
        "Prior learning recognised"
        in (document["credentialSubject"]["achievement"]["criteria"]["narrative"])
    )
    assert certificates_api.verify_certificate(certificate_id=str(issued.pk))["basis"] == (
        "prior_learning"
    )


@pytest.mark.parametrize(
    ("who", "email", "note", "error"),
    [
        ("author", "learner", "Portfolio", PermissionDenied),
        ("outsider", "learner", "Portfolio", Course.DoesNotExist),
        ("approver", "nobody@example.org", "Portfolio", ValidationError),
        ("approver", "learner", "   ", ValidationError),
    ],
)
def test_prior_learning_is_refused_without_right_reason_or_learner(
    staff: dict[str, User], course: dict[str, Any], who: str, email: str, note: str, error: type
) -> None:
    user = staff[who]
    address = staff["learner"].email if email == "learner" else email

    with pytest.raises(error):
        certificates_api.issue_for_prior_learning(
            user=user, course_slug="plc-basics", learner_email=address, note=note
        )

    assert Certificate.objects.count() == 0
    assert not Enrollment.objects.filter(status="completed").exists()
