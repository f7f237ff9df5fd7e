"""seats.api against the real database: pools, CSV assignment, release, consent, reports."""

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEvent, Organization, User
from courses.models import Course
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool, SeatReport
from tests import learning
from tests.factories import UserFactory

# The e-mails are sent by tasks queued on commit: run them here.
pytestmark = pytest.mark.usefixtures("tasks_in_process")


def _upload(capture: Callable[..., Any], admin: User, pool: SeatPool, text: str) -> dict[str, Any]:
    with capture(execute=True):
        return seats_api.assign_seats_from_csv(
            user=admin, organization_slug="acme", pool_id=pool.pk, content=text.encode()
        )


def _rows(report: dict[str, Any]) -> list[tuple[int, str, str]]:
    return [(row["line"], row["email"], row["result"]) for row in report["rows"]]


def test_a_pool_is_for_an_employer_and_a_purchase_names_its_order(
    course: dict[str, Any], institution: Organization, employer: Organization
) -> None:
    plc = Course.objects.get(slug="plc-basics")
    with pytest.raises(ValidationError) as not_employer:
        seats_api.grant_seat_pool(
            organization=institution, course=plc, seat_count=5, source="granted", created_by=None
        )
    with pytest.raises(ValidationError) as no_order:
        seats_api.grant_seat_pool(
            organization=employer, course=plc, seat_count=5, source="purchased", created_by=None
        )

    assert not_employer.value.message_dict == {
        "organization": ["Seats are held by employer organisations only."]
    }
    assert no_order.value.message_dict == {
        "order_reference": ["A purchase needs its order reference."]
    }
    assert SeatPool.objects.count() == 0
    pool = seats_api.grant_seat_pool(
        organization=employer, course=plc, seat_count=5, source="granted", created_by=None
    )
    event = AuditEvent.objects.get(action="seats_granted")
    assert (event.target_id, event.details["seats"]) == (str(pool.pk), 5)


def test_an_upload_assigns_in_file_order_until_the_seats_run_out(
    pool: SeatPool,
    hr_admin: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a pool of two seats and one learner with an account (address in another case)
    learner = UserFactory(email="Ada@Acme.example", preferred_language="de")

    # when the admin uploads five lines: the learner, a bad address, a new address, the
    # learner again, and one more new address
    report = _upload(
        django_capture_on_commit_callbacks,
        hr_admin,
        pool,
        "email,full_name\nada@acme.example,Ada L\nnot-an-address,X\n"
        "bob@acme.example,Bob B\nADA@acme.example,\ncyd@acme.example,Cyd\n",
    )

    # then two seats are given, the rest explained per row
    assert _rows(report) == [
        (2, "ada@acme.example", "assigned"),
        (3, "not-an-address", "invalid_email"),
        (4, "bob@acme.example", "assigned"),
        (5, "ada@acme.example", "already_assigned"),
        (6, "cyd@acme.example", "no_seats_left"),
    ]
    assert report["summary"] == {
        "assigned": 2,
        "already_assigned": 1,
        "no_seats_left": 1,
        "invalid_email": 1,
    }
    assert (report["seat_count"], report["used_seats"]) == (2, 2)
    # the learner with an account is enrolled and told in German; the new address is invited
    assert Enrollment.objects.get(user=learner).status == "active"
    assignments = {a.email: a.learner_id for a in SeatAssignment.objects.all()}
    assert assignments == {"ada@acme.example": learner.pk, "bob@acme.example": None}
    assert {m.to[0] for m in mailoutbox} == {"Ada@Acme.example", "bob@acme.example"}
    assert "/register" in next(m.body for m in mailoutbox if m.to[0] == "bob@acme.example")
    event = AuditEvent.objects.get(action="seats_assigned")
    assert event.details == {"assigned": ["ada@acme.example", "bob@acme.example"]}


def test_sending_the_same_file_again_gives_nothing_new(
    pool: SeatPool, hr_admin: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    _upload(django_capture_on_commit_callbacks, hr_admin, pool, "email\nbob@acme.example\n")
    again = _upload(django_capture_on_commit_callbacks, hr_admin, pool, "email\nbob@acme.example\n")

    assert _rows(again) == [(2, "bob@acme.example", "already_assigned")]
    assert SeatAssignment.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"name\nbob\n", "no_header"),
        (b"\xff\xfe", "not_text"),
        (b"email\n" + b"a@b.example\n" * 1001, "too_many_rows"),
        (b"email\n" + b"x" * (256 * 1024), "too_large"),
    ],
)
def test_an_unusable_file_is_refused_whole(
    pool: SeatPool, hr_admin: User, content: bytes, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        seats_api.assign_seats_from_csv(
            user=hr_admin, organization_slug="acme", pool_id=pool.pk, content=content
        )
    assert refused.value.code == code
    assert SeatAssignment.objects.count() == 0


def test_an_ended_pool_gives_no_seats(pool: SeatPool, hr_admin: User) -> None:
    pool.valid_until = timezone.localdate() - timedelta(days=1)
    pool.save()
    with pytest.raises(ValidationError) as refused:
        seats_api.assign_seats_from_csv(
            user=hr_admin,
            organization_slug="acme",
            pool_id=pool.pk,
            content=b"email\na@b.example\n",
        )
    assert refused.value.code == "ended"
    assert SeatAssignment.objects.count() == 0


def test_a_seat_not_started_returns_to_the_pool_a_started_one_stays_used(
    pool: SeatPool,
    hr_admin: User,
    course: dict[str, Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given two learners with seats, one of whom completed a lesson
    starter = UserFactory(email="starter@acme.example")
    UserFactory(email="idle@acme.example")
    _upload(
        django_capture_on_commit_callbacks,
        hr_admin,
        pool,
        "email\nstarter@acme.example\nidle@acme.example\n",
    )
    enrollment = Enrollment.objects.get(user=starter)
    learning.record_event(
        user=starter,
        enrollment_id=enrollment.pk,
        event_id=uuid.uuid4(),
        kind="lesson_completed",
        lesson_key=uuid.UUID(course["text"]),
        payload={},
    )

    # when the admin takes both seats back
    for assignment in SeatAssignment.objects.all():
        seats_api.release_seat(
            user=hr_admin, organization_slug="acme", pool_id=pool.pk, assignment_id=assignment.pk
        )

    # then one seat is free again and the started one stays used; both keep their enrolment
    pools = seats_api.list_pools_for_admin(user=hr_admin, organization_slug="acme")
    assert [(p.seat_count, p.used_seats) for p in pools] == [(2, 1)]
    released = dict(SeatAssignment.objects.values_list("email", "is_consumed"))
    assert released == {"starter@acme.example": True, "idle@acme.example": False}
    assert Enrollment.objects.filter(status="active").count() == 2


def test_consent_is_recorded_with_its_time_and_can_be_withdrawn(
    pool: SeatPool, hr_admin: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    learner = UserFactory(email="ada@acme.example")
    _upload(django_capture_on_commit_callbacks, hr_admin, pool, "email\nada@acme.example\n")
    seat = seats_api.list_seats_for_learner(user=learner).get()
    assert seat.consent == "pending"

    granted = seats_api.decide_consent(user=learner, assignment_id=seat.pk, consent="granted")
    granted_at = granted.consent_granted_at
    again = seats_api.decide_consent(user=learner, assignment_id=seat.pk, consent="granted")
    withdrawn = seats_api.decide_consent(user=learner, assignment_id=seat.pk, consent="refused")

    assert (granted.consent, again.consent, withdrawn.consent) == (
        "granted",
        "granted",
        "withdrawn",
    )
    assert granted_at is not None
    assert withdrawn.consent_changed_at is not None
    assert withdrawn.consent_changed_at >= granted_at
    changes = AuditEvent.objects.filter(action="seat_consent_changed").order_by("pk")
    assert [(e.details["from"], e.details["to"]) for e in changes] == [
        ("pending", "granted"),
        ("granted", "withdrawn"),
    ]


def test_a_seat_given_to_an_address_becomes_the_learners_when_they_answer(
    pool: SeatPool, hr_admin: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    # given a seat for an address without an account
    _upload(django_capture_on_commit_callbacks, hr_admin, pool, "email\nnew@acme.example\n")
    # when someone registers with that address (and someone else with another)
    newcomer = UserFactory(email="New@acme.example")
    stranger = UserFactory(email="stranger@acme.example")
    seat = seats_api.list_seats_for_learner(user=newcomer).get()
    assert seats_api.list_seats_for_learner(user=stranger).count() == 0
    with pytest.raises(SeatAssignment.DoesNotExist):
        seats_api.decide_consent(user=stranger, assignment_id=seat.pk, consent="granted")

    seats_api.decide_consent(user=newcomer, assignment_id=seat.pk, consent="refused")

    # then the seat is theirs, declined, and they are enrolled
    seat.refresh_from_db()
    assert (seat.learner_id, seat.consent) == (newcomer.pk, "refused")
    assert Enrollment.objects.get(user=newcomer).status == "active"


def test_the_employer_sees_progress_only_of_consenting_learners(
    pool: SeatPool,
    hr_admin: User,
    course: dict[str, Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    pool.seat_count = 3
    pool.save()
    ada = UserFactory(email="ada@acme.example")
    bob = UserFactory(email="bob@acme.example")
    _upload(
        django_capture_on_commit_callbacks,
        hr_admin,
        pool,
        "email\nada@acme.example\nbob@acme.example\n",
    )
    for user in (ada, bob):
        learning.record_event(
            user=user,
            enrollment_id=Enrollment.objects.get(user=user).pk,
            event_id=uuid.uuid4(),
            kind="lesson_completed",
            lesson_key=uuid.UUID(course["text"]),
            payload={},
        )
    seat = seats_api.list_seats_for_learner(user=ada).get()
    seats_api.decide_consent(user=ada, assignment_id=seat.pk, consent="granted")

    page = list(
        seats_api.list_pool_learners(user=hr_admin, organization_slug="acme", pool_id=pool.pk)
    )
    visible = seats_api.visible_learner_ids(page)
    progress = seats_api.progress_for(course_id=pool.course_id, learner_ids=visible)  # type: ignore[arg-type]

    assert visible == {ada.pk}
    assert set(progress) == {ada.pk}
    assert (progress[ada.pk].status, progress[ada.pk].progress_percent) == ("active", 33)
    assert progress[ada.pk].certificate_id is None


def test_the_monthly_report_counts_consenting_learners_only_and_is_sent_once(
    pool: SeatPool,
    hr_admin: User,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    ada = UserFactory(email="ada@acme.example", full_name="Ada Lovelace")
    bob = UserFactory(email="bob@acme.example")
    _upload(
        django_capture_on_commit_callbacks,
        hr_admin,
        pool,
        "email,full_name\nada@acme.example,Ada L\nbob@acme.example,Bob\n",
    )
    mailoutbox.clear()
    now = timezone.now()
    for user in (ada, bob):
        Enrollment.objects.filter(user=user).update(status="completed", completed_at=now)
    seat = seats_api.list_seats_for_learner(user=ada).get()
    seats_api.decide_consent(user=ada, assignment_id=seat.pk, consent="granted")
    month = timezone.localdate().replace(day=1)

    report = seats_api.report_csv_for_admin(
        user=hr_admin, organization_slug="acme", month=f"{month:%Y-%m}", language="en"
    )

    lines = report.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("section,pool,course,title,seats,used_seats,assigned_in_month")
    assert lines[1].split(",")[:10] == [
        "pool",
        str(pool.pk),
        "plc-basics",
        lines[1].split(",")[3],
        "2",
        "2",
        "2",
        "1",
        "1",
        "0",
    ]
    assert lines[2].split(",")[10:12] == ["ada@acme.example", "Ada L"]
    assert len(lines) == 3  # bob completed too, but has not consented
    assert report.filename == f"seats-acme-{month:%Y-%m}.csv"

    # the beat task sends last month's report once per organisation
    next_month = (month + timedelta(days=32)).replace(day=1)
    assert seats_api.send_monthly_seat_reports(today=next_month) == 1
    assert seats_api.send_monthly_seat_reports(today=next_month) == 0
    assert [m.to for m in mailoutbox] == [["hr@acme.example"]]
    assert mailoutbox[0].attachments[0][0] == f"seats-acme-{month:%Y-%m}.csv"
    assert "ada@acme.example" in mailoutbox[0].attachments[0][1]
    assert "bob@acme.example" not in mailoutbox[0].attachments[0][1]
    assert SeatReport.objects.get().month == month


def test_a_bad_month_is_refused(employer: Organization, hr_admin: User) -> None:
    with pytest.raises(ValidationError) as refused:
        seats_api.report_csv_for_admin(
            user=hr_admin, organization_slug="acme", month="2026-13", language="en"
        )
    assert refused.value.code == "bad_month"
    assert seats_api.parse_month("2026-02") == date(2026, 2, 1)


def test_enrolment_goes_through_enrollment_api(
    pool: SeatPool, hr_admin: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    learner = UserFactory(email="ada@acme.example")
    enrollment_api.enroll(user=learner, course_slug="plc-basics")  # enrolled before: idempotent
    _upload(django_capture_on_commit_callbacks, hr_admin, pool, "email\nada@acme.example\n")
    assert Enrollment.objects.filter(user=learner).count() == 1
