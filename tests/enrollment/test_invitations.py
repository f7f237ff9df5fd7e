"""Invitations from bulk enrolment: the same for addresses with and without an account, nothing
enrolled until the invited learner accepts, nothing from the file in any e-mail."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, Invitation
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

PHISHING = "Win a prize at http://evil.example"
TOKEN_IN_LINK = re.compile(r"/invitations/([A-Za-z0-9_.:-]+)")


def _client(user: User | None = None, language: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _send(
    capture: Callable[..., Any], user: User, content: str, language: str = "en"
) -> dict[str, Any]:
    """Upload a CSV as `user`, running what it queues on commit (the e-mails)."""
    with capture(execute=True):
        response = _client(user, language).post(
            "/api/v1/enrollments/bulk",
            {"course": "plc-basics", "file": SimpleUploadedFile("l.csv", content.encode())},
            format="multipart",
        )
    assert response.status_code == 200, response.content
    return dict(response.json())


def _token(message: Any) -> str:
    match = TOKEN_IN_LINK.search(message.body)
    assert match is not None
    return match.group(1)


@pytest.fixture
def invite(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> Callable[..., dict[str, Any]]:
    """Invite addresses to the published test course as its admin: invite("a@x.org", ...)."""

    def run(*emails: str, language: str = "en") -> dict[str, Any]:
        lines = "".join(f"{email},Some Name\n" for email in emails)
        return _send(django_capture_on_commit_callbacks, staff["admin"], "email,name\n" + lines)

    return run


def _rows(report: dict[str, Any]) -> list[tuple[int, str]]:
    return [(row["line"], row["result"]) for row in report["rows"]]


def test_the_report_and_the_e_mails_are_the_same_for_existing_and_unknown_addresses(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    # given two addresses with accounts (one already enrolled) and two without
    enrolled = UserFactory(email="enrolled@example.org")
    enrollment_api.enroll(user=enrolled, course_slug="plc-basics")
    UserFactory(email="known@example.org")

    # when staff send a file of each
    existing = invite("known@example.org", "enrolled@example.org")
    sent_for_existing = len(mailoutbox)
    unknown = invite("new-one@example.org", "new-two@example.org")

    # then the reports and the number of e-mails are identical
    assert _rows(existing) == _rows(unknown) == [(2, "invited"), (3, "invited")]
    assert existing["summary"] == unknown["summary"] == {"invited": 2}
    assert sent_for_existing == len(mailoutbox) - sent_for_existing == 2
    # and nobody was enrolled, nor any account made
    assert Enrollment.objects.count() == 1
    assert not User.objects.filter(email__startswith="new-").exists()


def test_an_existing_account_is_enrolled_only_when_it_accepts(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    learner = UserFactory(email="Known@Example.org")
    invite("known@example.org")
    token = _token(mailoutbox[0])
    assert not Enrollment.objects.filter(user=learner).exists()

    accepted = _client(learner).post(f"/api/v1/invitations/{token}/accept")
    again = _client(learner).post(f"/api/v1/invitations/{token}/accept")

    assert accepted.status_code == again.status_code == 200
    assert accepted.json()["course"] == "plc-basics"
    assert accepted.json()["status"] == "active"
    assert again.json()["id"] == accepted.json()["id"]
    assert Enrollment.objects.filter(user=learner).count() == 1
    invitation = Invitation.objects.get()
    assert (invitation.accepted_by, enrollment_api.invitation_state(invitation)) == (
        learner,
        "accepted",
    )


def test_an_unknown_address_registers_then_accepts(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    # given an invitation to an address without an account
    invite("newcomer@example.org")
    token = _token(mailoutbox[0])

    # when the page is opened anonymously, then the learner registers and accepts
    page = _client().get(f"/api/v1/invitations/{token}")
    newcomer = UserFactory(email="newcomer@example.org")
    accepted = _client(newcomer).post(f"/api/v1/invitations/{token}/accept")

    # then the page showed public facts and the address to sign up with, and they are enrolled
    assert page.status_code == 200
    assert page.json() == {
        "course": "plc-basics",
        "course_title": "PLC Basics",
        "institutions": [{"slug": "rhine", "name": "Rhine TU"}],
        "email": "newcomer@example.org",
        "state": "open",
        "expires_at": page.json()["expires_at"],
        "is_for_you": None,
    }
    assert accepted.status_code == 200
    assert Enrollment.objects.filter(user=newcomer, course__slug="plc-basics").exists()


def test_accepting_as_another_account_is_refused_and_changes_nothing(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any], staff: dict[str, User]
) -> None:
    UserFactory(email="invited@example.org")
    invite("invited@example.org")
    token = _token(mailoutbox[0])
    other = staff["learner"]

    page = _client(other).get(f"/api/v1/invitations/{token}")
    response = _client(other).post(f"/api/v1/invitations/{token}/accept")

    assert page.json()["is_for_you"] is False
    assert response.status_code == 400
    assert response.json()["code"] == "wrong_account"
    assert not Enrollment.objects.exists()
    invitation = Invitation.objects.get()
    assert (invitation.accepted_at, invitation.accepted_by) == (None, None)
    assert not AuditEvent.objects.filter(action="invitation_accepted").exists()


def test_an_account_that_has_not_confirmed_the_invited_address_cannot_accept(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    # given an account registered with the invited address but never confirmed
    pending = UserFactory(email="invited@example.org", email_confirmed_at=None)
    invite("invited@example.org")
    token = _token(mailoutbox[0])

    # when it accepts (through the door, should any client reach it)
    with pytest.raises(ValidationError) as refusal:
        enrollment_api.accept_invitation(user=pending, token=token)

    # then it is refused as not the invited account, and nothing changed
    assert refusal.value.code == "wrong_account"
    assert not Enrollment.objects.exists()
    assert Invitation.objects.get().accepted_at is None


def test_no_text_from_the_file_reaches_any_e_mail(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    mailoutbox: list[Any],
) -> None:
    UserFactory(email="known@example.org", preferred_language="de")
    content = (
        "email,name,note\n"
        f"known@example.org,{PHISHING},{PHISHING}\n"
        f'new@example.org,"{PHISHING}\nsecond line",{PHISHING}\n'
    )

    report = _send(django_capture_on_commit_callbacks, staff["admin"], content)

    assert _rows(report) == [(2, "invited"), (3, "invited")]
    assert report["rows"][0]["name"] == PHISHING  # shown back to staff, normalised
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        text = message.subject + message.body
        assert "evil.example" not in text
        assert "prize" not in text.lower()
        assert "Rhine TU" in message.body
    assert not Invitation.objects.filter(email="new@example.org", name__contains="\n").exists()


def test_the_e_mail_is_in_the_account_language_or_the_inviter_s(
    course: dict[str, Any],
    staff: dict[str, User],
    django_capture_on_commit_callbacks: Callable[..., Any],
    mailoutbox: list[Any],
) -> None:
    UserFactory(email="li@example.org", preferred_language="zh-hans")

    report = _send(
        django_capture_on_commit_callbacks,
        staff["admin"],
        "email\nli@example.org\nanna@example.org\n",
        language="de",
    )

    assert _rows(report) == [(2, "invited"), (3, "invited")]
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        "li@example.org": "“PLC Basics”课程邀请 — ICIM Academy",
        "anna@example.org": "Einladung zu „PLC Basics (de)“ auf ICIM Academy",
    }


def test_sending_the_same_file_twice_sends_nothing_new(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    first = invite("a@example.org", "b@example.org")
    second = invite("a@example.org", "b@example.org")

    assert _rows(first) == [(2, "invited"), (3, "invited")]
    assert _rows(second) == [(2, "already_invited"), (3, "already_invited")]
    assert len(mailoutbox) == 2
    assert Invitation.objects.count() == 2
    assert AuditEvent.objects.filter(action="invitation_sent").count() == 2


def test_a_withdrawn_invitation_cannot_be_accepted(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any], staff: dict[str, User]
) -> None:
    learner = UserFactory(email="learner2@example.org")
    invite("learner2@example.org")
    token = _token(mailoutbox[0])
    invitation = Invitation.objects.get()
    url = f"/api/v1/courses/plc-basics/invitations/{invitation.pk}/withdraw"

    listed = _client(staff["reviewer"]).get("/api/v1/courses/plc-basics/invitations")
    withdrawn = _client(staff["reviewer"]).post(url)
    again = _client(staff["reviewer"]).post(url)
    accepted = _client(learner).post(f"/api/v1/invitations/{token}/accept")

    assert [(row["email"], row["state"]) for row in listed.json()["results"]] == [
        ("learner2@example.org", "open")
    ]
    assert listed.json()["count"] == 1
    assert withdrawn.status_code == again.status_code == 200
    assert withdrawn.json()["state"] == "withdrawn"
    assert accepted.status_code == 400
    assert accepted.json()["code"] == "invitation_withdrawn"
    assert not Enrollment.objects.filter(user=learner).exists()
    assert (
        _client(staff["reviewer"]).get("/api/v1/courses/plc-basics/invitations").json()["results"]
        == []
    )
    assert AuditEvent.objects.filter(action="invitation_withdrawn").count() == 1
    # and inviting the address again sends a new invitation
    assert _rows(invite("learner2@example.org")) == [(2, "invited")]


def test_an_accepted_invitation_cannot_be_withdrawn(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any], staff: dict[str, User]
) -> None:
    learner = UserFactory(email="learner2@example.org")
    invite("learner2@example.org")
    _client(learner).post(f"/api/v1/invitations/{_token(mailoutbox[0])}/accept")
    invitation = Invitation.objects.get()

    response = _client(staff["admin"]).post(
        f"/api/v1/courses/plc-basics/invitations/{invitation.pk}/withdraw"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invitation_used"
    assert Enrollment.objects.filter(user=learner, status="active").exists()


def test_an_expired_invitation_is_refused_and_sending_again_renews_it(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any], settings: Any
) -> None:
    learner = UserFactory(email="late@example.org")
    invite("late@example.org")
    old_token = _token(mailoutbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    page = _client(learner).get(f"/api/v1/invitations/{old_token}")
    refused = _client(learner).post(f"/api/v1/invitations/{old_token}/accept")
    renewed = invite("late@example.org")
    new_token = _token(mailoutbox[1])
    old_link = _client(learner).post(f"/api/v1/invitations/{old_token}/accept")
    accepted = _client(learner).post(f"/api/v1/invitations/{new_token}/accept")

    assert page.json()["state"] == "expired"
    assert refused.status_code == 400
    assert refused.json()["code"] == "invitation_expired"
    assert _rows(renewed) == [(2, "invited")]
    assert new_token != old_token
    assert old_link.status_code == 404
    assert accepted.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == timedelta(
        days=settings.INVITATION_LIFETIME_DAYS
    )


@pytest.mark.parametrize(
    "token", ["nonsense", "0" * 32, "0" * 32 + ".forged-signature", "x" * 5000]
)
def test_unknown_and_forged_tokens_are_not_found(
    course: dict[str, Any], staff: dict[str, User], token: str
) -> None:
    assert _client().get(f"/api/v1/invitations/{token}").status_code == 404
    assert _client(staff["learner"]).post(f"/api/v1/invitations/{token}/accept").status_code == 404


def test_accepting_needs_a_signed_in_account(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any]
) -> None:
    invite("someone@example.org")

    response = _client().post(f"/api/v1/invitations/{_token(mailoutbox[0])}/accept")

    assert response.status_code == 401
    assert Invitation.objects.get().accepted_at is None


def test_invitations_are_audited(
    invite: Callable[..., dict[str, Any]], mailoutbox: list[Any], staff: dict[str, User]
) -> None:
    learner = UserFactory(email="audited@example.org")
    invite("audited@example.org")
    _client(learner).post(f"/api/v1/invitations/{_token(mailoutbox[0])}/accept")
    invitation = Invitation.objects.get()

    events = list(
        AuditEvent.objects.filter(target_type="invitation")
        .order_by("id")
        .values_list("action", "actor_email", "target_id")
    )

    assert events == [
        ("invitation_sent", staff["admin"].email, str(invitation.pk)),
        ("invitation_accepted", "audited@example.org", str(invitation.pk)),
    ]


def test_the_staff_list_is_paginated(
    invite: Callable[..., dict[str, Any]], staff: dict[str, User]
) -> None:
    invite(*[f"p{number}@example.org" for number in range(25)])

    first = _client(staff["author"]).get("/api/v1/courses/plc-basics/invitations")
    second = _client(staff["author"]).get("/api/v1/courses/plc-basics/invitations?page=2")

    assert first.json()["count"] == 25
    assert len(first.json()["results"]) == 20
    assert len(second.json()["results"]) == 5


def test_an_unpublished_course_takes_no_invitations(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    from courses.models import Course

    Course.objects.filter(slug="plc-basics").update(published_version=None)

    response = _client(staff["admin"]).post(
        "/api/v1/enrollments/bulk",
        {"course": "plc-basics", "file": SimpleUploadedFile("l.csv", b"email\na@example.org\n")},
        format="multipart",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "not_published"
    assert not Invitation.objects.exists()
