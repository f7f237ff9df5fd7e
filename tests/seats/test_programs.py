"""Seat pools on a program: the target constraint, enrolment in the program's courses, what the
employer sees of a consenting learner's program progress and credential."""

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import Organization, User
from certificates.models import Certificate
from courses.models import Course
from enrollment.models import Enrollment
from programs.models import Program, ProgramCompletion
from seats import api as seats_api
from seats.admin import SeatPoolForm
from seats.models import SeatAssignment, SeatPool
from tests.factories import UserFactory
from tests.programs.conftest import courses, earn, make_program

__all__ = ["courses", "earn", "make_program"]

pytestmark = pytest.mark.usefixtures("tasks_in_process")


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def program(make_program: Callable[..., Program]) -> Program:
    return make_program()


@pytest.fixture
def program_pool(program: Program, employer: Organization) -> SeatPool:
    return seats_api.grant_seat_pool(
        organization=employer, program=program, seat_count=6, source="granted", created_by=None
    )


def _upload(capture: Callable[..., Any], admin: User, pool: SeatPool, text: str) -> dict[str, Any]:
    with capture(execute=True):
        return seats_api.assign_seats_from_csv(
            user=admin, organization_slug="acme", pool_id=pool.pk, content=text.encode()
        )


def test_a_pool_has_exactly_one_target(program: Program, employer: Organization) -> None:
    course = Course.objects.get(slug="plc-basics")
    for targets in ({"course": course, "program": program}, {}):
        with pytest.raises(ValidationError) as refused:
            seats_api.grant_seat_pool(
                organization=employer, seat_count=1, source="granted", created_by=None, **targets
            )
        assert refused.value.message_dict == {
            "course": ["A pool is on one course or one program: choose exactly one."]
        }
    # and the database refuses both or neither too
    for targets in ({"course": course, "program": program}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            SeatPool.objects.create(
                organization=employer, seat_count=1, source="granted", **targets
            )
    assert SeatPool.objects.count() == 0


def test_only_a_published_program_gets_a_pool(
    make_program: Callable[..., Program], employer: Organization
) -> None:
    draft = make_program(publish=False)
    with pytest.raises(ValidationError) as refused:
        seats_api.grant_seat_pool(
            organization=employer, program=draft, seat_count=1, source="granted", created_by=None
        )
    assert refused.value.message_dict == {
        "program": ["Seats can be given on published programs only."]
    }


def test_a_program_seat_enrols_in_every_course_of_the_program(
    program_pool: SeatPool,
    hr_admin: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    ada = UserFactory(email="ada@acme.example", full_name="Ada Lovelace")
    mail.outbox.clear()

    report = _upload(
        django_capture_on_commit_callbacks, hr_admin, program_pool, "email\nada@acme.example\n"
    )

    assert report["summary"]["assigned"] == 1
    assert sorted(Enrollment.objects.filter(user=ada).values_list("course__slug", "status")) == [
        ("digital-twins", "active"),
        ("opc-ua-basics", "active"),
        ("plc-basics", "active"),
    ]
    [message] = mail.outbox
    assert message.subject == "ACME Factory gives you a seat on “Smart Factory Engineer”"
    assert "the program “Smart Factory Engineer”" in message.body
    assert f"/programs/{program_pool.program.slug}\n" in message.body  # type: ignore[union-attr]


def test_an_address_without_account_is_invited_and_enrolled_when_answering(
    program_pool: SeatPool,
    hr_admin: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    mail.outbox.clear()
    _upload(django_capture_on_commit_callbacks, hr_admin, program_pool, "email\nnew@acme.example\n")
    [invitation] = mail.outbox
    assert "the program “Smart Factory Engineer”" in invitation.body
    assert "/register" in invitation.body

    newcomer = UserFactory(email="new@acme.example")
    seat = seats_api.list_seats_for_learner(user=newcomer).get()
    seats_api.decide_consent(user=newcomer, assignment_id=seat.pk, consent="refused")

    assert Enrollment.objects.filter(user=newcomer, status="active").count() == 3


def test_a_started_program_seat_stays_used_when_released(
    program_pool: SeatPool,
    hr_admin: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    ada = UserFactory(email="ada@acme.example")
    _upload(django_capture_on_commit_callbacks, hr_admin, program_pool, "email\nada@acme.example\n")
    Enrollment.objects.filter(user=ada, course__slug="opc-ua-basics").update(
        status="completed", completed_at=timezone.now()
    )
    seat = seats_api.list_seats_for_learner(user=ada).get()

    released = seats_api.release_seat(
        user=hr_admin, organization_slug="acme", pool_id=program_pool.pk, assignment_id=seat.pk
    )

    assert released.is_consumed is True


def _client(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _assign_and_answer(admin: User, pool: SeatPool, answers: dict[User, str]) -> None:
    seats_api.assign_seats_from_csv(
        user=admin,
        organization_slug="acme",
        pool_id=pool.pk,
        content=("email\n" + "\n".join(user.email for user in answers) + "\n").encode(),
    )
    for user, answer in answers.items():
        seat = seats_api.list_seats_for_learner(user=user).get()
        seats_api.decide_consent(user=user, assignment_id=seat.pk, consent=answer)


def test_program_progress_shows_only_with_consent(
    program_pool: SeatPool, hr_admin: User, earn: Callable[[User, str], Certificate]
) -> None:
    ada = UserFactory(email="ada@acme.example")
    bob = UserFactory(email="bob@acme.example")
    _assign_and_answer(hr_admin, program_pool, {ada: "granted", bob: "refused"})
    for learner in (ada, bob):
        earn(learner, "plc-basics")

    body = (
        _client(hr_admin)
        .get(f"/api/v1/organizations/acme/seats/pools/{program_pool.pk}/learners")
        .json()
    )

    by_email = {row["email"]: row for row in body["results"]}
    assert by_email["ada@acme.example"]["progress"] is None
    assert by_email["ada@acme.example"]["program_progress"] == {
        "done_count": 1,
        "required_count": 3,
        "is_complete": False,
        "next_course": "opc-ua-basics",
        "completed_at": None,
        "credential_id": None,
        "credential_url": None,
    }
    assert (
        by_email["bob@acme.example"]["progress"],
        by_email["bob@acme.example"]["program_progress"],
    ) == (None, None)


def test_a_completed_program_shows_its_credential_to_the_employer_and_in_the_report(
    program_pool: SeatPool, hr_admin: User, earn: Callable[[User, str], Certificate]
) -> None:
    ada = UserFactory(email="ada@acme.example", full_name="Ada Lovelace")
    bob = UserFactory(email="bob@acme.example")
    _assign_and_answer(hr_admin, program_pool, {ada: "granted", bob: "refused"})
    for learner in (ada, bob):
        for slug in ("plc-basics", "opc-ua-basics", "digital-twins"):
            earn(learner, slug)
    completion = ProgramCompletion.objects.get(user=ada, program=program_pool.program)

    body = (
        _client(hr_admin)
        .get(f"/api/v1/organizations/acme/seats/pools/{program_pool.pk}/learners")
        .json()
    )

    by_email = {row["email"]: row for row in body["results"]}
    url = f"{settings.PUBLIC_BASE_URL}/verify/{completion.credential_id}"
    assert by_email["ada@acme.example"]["program_progress"] == {
        "done_count": 3,
        "required_count": 3,
        "is_complete": True,
        "next_course": None,
        "completed_at": completion.completed_at.isoformat().replace("+00:00", "Z"),
        "credential_id": str(completion.credential_id),
        "credential_url": url,
    }
    assert by_email["bob@acme.example"]["program_progress"] is None
    # the month's report counts Ada's program and credential, not Bob's
    month = timezone.localdate().replace(day=1)
    report = seats_api.seat_report_csv(
        organization=program_pool.organization, month=month, language="en"
    )
    slug = program_pool.program.slug  # type: ignore[union-attr]
    rows = list(csv.reader(io.StringIO(report.text.lstrip("\ufeff"))))
    assert rows[0][-1] == "program"
    assert rows[1] == [
        "pool", str(program_pool.pk), "", "Smart Factory Engineer", "6", "2", "2", "1", "1",
        "1", "", "", "", "", slug,
    ]  # fmt: skip
    assert rows[2] == [
        "learner", str(program_pool.pk), "", "Smart Factory Engineer", "", "", "", "", "", "",
        "ada@acme.example", "", completion.completed_at.isoformat(), url,
        slug,
    ]  # fmt: skip
    assert len(rows) == 3


def test_pools_and_my_seats_name_the_program(program_pool: SeatPool, hr_admin: User) -> None:
    ada = UserFactory(email="ada@acme.example")
    _assign_and_answer(hr_admin, program_pool, {ada: "granted"})

    [pool] = _client(hr_admin).get("/api/v1/organizations/acme/seats/pools").json()["results"]
    [seat] = _client(ada).get("/api/v1/me/seats").json()["results"]

    target = {
        "kind": "program",
        "slug": program_pool.program.slug,  # type: ignore[union-attr]
        "title": "Smart Factory Engineer",
    }
    assert (pool["course"], pool["course_title"], pool["target"]) == (None, None, target)
    assert (pool["used_seats"], pool["free_seats"]) == (1, 5)
    assert (seat["course"], seat["course_title"], seat["target"]) == (None, None, target)


def test_the_program_learners_page_costs_the_same_queries_for_1_or_5_learners(
    program_pool: SeatPool, hr_admin: User, earn: Callable[[User, str], Certificate]
) -> None:
    def add(count: int) -> None:
        start = SeatAssignment.objects.count()
        users = [UserFactory(email=f"learner{start + n}@acme.example") for n in range(count)]
        _assign_and_answer(hr_admin, program_pool, dict.fromkeys(users, "granted"))
        earn(users[0], "plc-basics")

    client = _client(hr_admin)
    url = f"/api/v1/organizations/acme/seats/pools/{program_pool.pk}/learners"
    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(url).json()["results"]) == 5
    assert len(one) == len(five)


def test_the_admin_form_refuses_a_draft_program(
    make_program: Callable[..., Program], employer: Organization
) -> None:
    draft = make_program(publish=False)
    form = SeatPoolForm(
        data={
            "organization": employer.pk,
            "program": draft.pk,
            "seat_count": 2,
            "source": "granted",
        }
    )

    assert form.is_valid() is False
    assert form.errors == {"program": ["Seats can be given on published programs only."]}
