"""Attendance from a CSV or a check-in code, and its credential, issued once in the background
and verified like a certificate, by us and by an independent verifier (events.attendance)."""

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential
from events import api as events_api
from events.models import Event, Registration

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_a_csv_records_registered_attendees_and_reports_each_row(
    people: dict[str, User],
    make_event: Callable[..., Event],
    django_capture_on_commit_callbacks: Any,
) -> None:
    event = make_event(capacity=1)
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    events_api.register_for_event(user=people["other"], slug=event.slug)  # waitlisted

    with django_capture_on_commit_callbacks() as callbacks:
        report = events_api.record_attendance_csv(
            user=people["author"],
            slug=event.slug,
            content=_csv("email", "Learner@Example.org", "other@example.org", "nobody@example.org"),
        )

    assert report == [
        {"row": 2, "email": "Learner@Example.org", "result": "recorded", "error": ""},
        {
            "row": 3,
            "email": "other@example.org",
            "result": "error",
            "error": "Not registered for this event.",
        },
        {
            "row": 4,
            "email": "nobody@example.org",
            "result": "error",
            "error": "Not registered for this event.",
        },
    ]
    # For the one attendee, after commit: the credential queued, and `event_attended` sent.
    assert len(callbacks) == 2
    attended = Registration.objects.filter(attended_at__isnull=False)
    assert list(attended.values_list("user_id", flat=True)) == [people["learner"].pk]


def test_an_upload_that_records_attendance_is_audited_once_with_its_counts(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    events_api.register_for_event(user=people["other"], slug=event.slug)
    events_api.record_attendance_csv(
        user=people["author"], slug=event.slug, content=_csv("learner@example.org")
    )

    events_api.record_attendance_csv(
        user=people["reviewer"],
        slug=event.slug,
        content=_csv("email", "learner@example.org", "other@example.org", "nobody@example.org"),
        ip_address="2001:db8::7",
    )
    # Nobody new: an upload that changes nothing is not audited.
    events_api.record_attendance_csv(
        user=people["reviewer"], slug=event.slug, content=_csv("other@example.org")
    )

    rows = list(
        AuditEvent.objects.filter(action="event_attendance_recorded")
        .order_by("pk")
        .values("actor", "target_type", "target_id", "ip_address", "details")
    )
    assert rows == [
        {
            "actor": people["author"].pk,
            "target_type": "event",
            "target_id": event.slug,
            "ip_address": None,
            "details": {
                "method": "csv",
                "attendees": [people["learner"].pk],
                "already_recorded": 0,
                "errors": 0,
            },
        },
        {
            "actor": people["reviewer"].pk,
            "target_type": "event",
            "target_id": event.slug,
            "ip_address": "2001:db8::7",
            "details": {
                "method": "csv",
                "attendees": [people["other"].pk],
                "already_recorded": 1,
                "errors": 1,
            },
        },
    ]


def test_a_first_check_in_is_audited_with_the_attendee_as_actor(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))

    with pytest.raises(ValidationError):
        events_api.check_in(user=people["learner"], slug=event.slug, code="WRONG1")
    for _attempt in range(2):
        events_api.check_in(
            user=people["learner"],
            slug=event.slug,
            code=event.check_in_code,
            ip_address="192.0.2.1",
        )

    rows = list(
        AuditEvent.objects.filter(action="event_attendance_recorded").values(
            "actor", "target_type", "target_id", "ip_address", "details"
        )
    )
    assert rows == [
        {
            "actor": people["learner"].pk,
            "target_type": "event",
            "target_id": event.slug,
            "ip_address": "192.0.2.1",
            "details": {"method": "check_in", "attendees": [people["learner"].pk]},
        }
    ]


def test_another_organisations_staff_cannot_record(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)

    with pytest.raises(Event.DoesNotExist):
        events_api.record_attendance_csv(
            user=people["foreign"], slug=event.slug, content=_csv("learner@example.org")
        )
    assert Registration.objects.filter(attended_at__isnull=False).count() == 0


def test_check_in_needs_the_code_and_the_event_window(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)

    with pytest.raises(ValidationError) as early:
        events_api.check_in(user=people["learner"], slug=event.slug, code=event.check_in_code)
    assert early.value.code == "outside_window"
    with pytest.raises(ValidationError) as wrong:
        events_api.check_in(user=people["learner"], slug=event.slug, code="WRONG1")
    assert wrong.value.message_dict == {"code": ["This check-in code is not the event's."]}

    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    registration = events_api.check_in(
        user=people["learner"], slug=event.slug, code=event.check_in_code.lower()
    )
    assert registration.attended_at is not None


def test_check_in_of_someone_not_registered_is_refused(
    people: dict[str, User], make_event: Callable[..., Event]
) -> None:
    event = make_event()
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))

    with pytest.raises(ValidationError) as error:
        events_api.check_in(user=people["other"], slug=event.slug, code=event.check_in_code)

    assert (error.value.code, Registration.objects.count()) == ("not_registered", 0)


@pytest.fixture
def attended(
    people: dict[str, User],
    make_event: Callable[..., Event],
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
) -> Registration:
    """A learner (German UI) who attended; the credential issued by the queued task."""
    people["learner"].preferred_language = "de"
    people["learner"].save(update_fields=["preferred_language"])
    event = make_event()
    events_api.register_for_event(user=people["learner"], slug=event.slug)
    with django_capture_on_commit_callbacks(execute=True):
        events_api.record_attendance_csv(
            user=people["author"], slug=event.slug, content=_csv("learner@example.org")
        )
    return Registration.objects.select_related("credential").get(user=people["learner"])


def test_the_credential_is_issued_once_in_the_attendees_language(attended: Registration) -> None:
    credential = attended.credential
    assert credential is not None
    again = events_api.issue_credential_for_registration(registration_id=attended.pk)

    document = json.loads(bytes(credential.credential))
    assert again == str(credential.pk)
    assert AttendanceCredential.objects.count() == 1
    assert document["credentialSubject"]["achievement"]["achievementType"] == "ext:Event"
    assert document["credentialSubject"]["achievement"]["name"] == "OPC UA in der Praxis"
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_the_credential_verifies_by_id_and_as_json_and_revokes_through_the_status_list(
    people: dict[str, User], attended: Registration
) -> None:
    credential = attended.credential
    assert credential is not None
    by_id = certificates_api.verify_certificate(certificate_id=str(credential.pk))
    as_json = certificates_api.verify_credential(content=bytes(credential.credential))
    assert (by_id["status"], by_id["basis"], by_id["course_title"]) == (
        "valid",
        "event_attendance",
        "OPC UA in der Praxis",
    )
    assert as_json["status"] == "valid"
    assert {c["name"]: c["result"] for c in as_json["checks"]}["credential_proof"] == "passed"

    certificates_api.revoke_attendance_credential(
        credential_id=credential.pk, reason="Did not attend", actor=people["admin"]
    )

    revoked = certificates_api.verify_credential(content=bytes(credential.credential))
    assert revoked["status"] == "revoked"
    assert certificates_api.verify_certificate(certificate_id=str(credential.pk))["status"] == (
        "revoked"
    )


def _independent_verifier(tmp_path: Path, content: bytes, status_list_id: int) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not (ROOT / "interop" / "node_modules").is_dir():
        pytest.fail("The independent verifier is not installed: run `make setup`.")
    (tmp_path / "credential.json").write_bytes(content)
    (tmp_path / "did.json").write_text(json.dumps(certificates_api.did_document()))
    (tmp_path / "status.json").write_bytes(
        certificates_api.read_status_list(status_list_id=status_list_id)
    )
    completed = subprocess.run(
        [
            node,
            str(ROOT / "interop" / "verify.mjs"),
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
    return result


def test_the_independent_verifier_accepts_the_credential_and_sees_its_revocation(
    tmp_path: Path, people: dict[str, User], attended: Registration
) -> None:
    credential = attended.credential
    assert credential is not None

    accepted = _independent_verifier(
        tmp_path, bytes(credential.credential), credential.status_list_id
    )
    certificates_api.revoke_attendance_credential(
        credential_id=credential.pk, reason="Did not attend", actor=people["admin"]
    )
    revoked = _independent_verifier(
        tmp_path, bytes(credential.credential), credential.status_list_id
    )

    assert accepted == {
        "verified": True,
        "proofVerified": True,
        "statusChecked": True,
        "revoked": False,
        "expired": False,
        "errors": [],
    }
    assert (revoked["verified"], revoked["statusChecked"], revoked["revoked"]) == (
        False,
        True,
        True,
    )
