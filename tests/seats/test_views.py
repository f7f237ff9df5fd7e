"""The seats API over HTTP: who may call what, what the employer sees, query counts."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import Organization, User
from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def people(hr_admin: User, staff: dict[str, User]) -> dict[str, User | None]:
    other_admin = UserFactory(email="hr@other.example")
    MembershipFactory(
        user=other_admin,
        role="admin",
        organization=OrganizationFactory(slug="other-co", kind="employer", country="FR"),
    )
    return {
        "anonymous": None,
        "other_org_admin": other_admin,
        "learner": staff["learner"],
        "institution_admin": staff["admin"],
        "employer_admin": hr_admin,
    }


EXPECTED = {
    "anonymous": 401,
    "other_org_admin": 404,
    "learner": 404,
    "institution_admin": 404,
    "employer_admin": 200,
}


@pytest.mark.parametrize("identity", list(EXPECTED))
def test_only_the_employers_administrators_reach_its_seats(
    identity: str, people: dict[str, User | None], pool: SeatPool
) -> None:
    client = _client(people[identity])
    base = "/api/v1/organizations/acme/seats"
    answers = [
        client.get(f"{base}/pools").status_code,
        client.get(f"{base}/pools/{pool.pk}/learners").status_code,
        client.get(f"{base}/reports/2026-11").status_code,
        client.post(
            f"{base}/pools/{pool.pk}/learners",
            {"file": SimpleUploadedFile("s.csv", b"email\nzed@acme.example\n")},
            format="multipart",
        ).status_code,
    ]
    assert answers == [EXPECTED[identity]] * 4
    assert SeatAssignment.objects.count() == (1 if identity == "employer_admin" else 0)


def test_a_stranger_cannot_release_or_answer_for_someone_elses_seat(
    people: dict[str, User | None], pool: SeatPool, hr_admin: User
) -> None:
    learner = UserFactory(email="ada@acme.example")
    seats_api.assign_seats_from_csv(
        user=hr_admin,
        organization_slug="acme",
        pool_id=pool.pk,
        content=b"email\nada@acme.example\n",
    )
    seat = SeatAssignment.objects.get()
    other = people["other_org_admin"]

    release = _client(other).delete(
        f"/api/v1/organizations/acme/seats/pools/{pool.pk}/learners/{seat.pk}"
    )
    consent = _client(other).put(
        f"/api/v1/me/seats/{seat.pk}/consent", {"consent": "granted"}, format="json"
    )
    unknown = _client(other).put(
        "/api/v1/me/seats/999999/consent", {"consent": "granted"}, format="json"
    )

    assert (release.status_code, consent.status_code) == (404, 404)
    assert consent.content == unknown.content
    seat.refresh_from_db()
    assert (seat.released_at, seat.consent) == (None, "pending")
    mine = _client(learner).get("/api/v1/me/seats").json()
    assert [(s["organization"], s["course"], s["consent"]) for s in mine["results"]] == [
        ("acme", "plc-basics", "pending")
    ]


def test_no_progress_leaves_without_consent(
    pool: SeatPool, hr_admin: User, course: dict[str, Any]
) -> None:
    # given two learners with seats, both enrolled; Ada consents, Bob declines
    ada = UserFactory(email="ada@acme.example")
    bob = UserFactory(email="bob@acme.example")
    seats_api.assign_seats_from_csv(
        user=hr_admin,
        organization_slug="acme",
        pool_id=pool.pk,
        content=b"email,full_name\nada@acme.example,Ada\nbob@acme.example,Bob\n",
    )
    for user, answer in ((ada, "granted"), (bob, "refused")):
        seat = SeatAssignment.objects.get(learner=user)
        response = _client(user).put(
            f"/api/v1/me/seats/{seat.pk}/consent", {"consent": answer}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["consent"] == answer

    # when the employer reads the learners
    rows = (
        _client(hr_admin).get(f"/api/v1/organizations/acme/seats/pools/{pool.pk}/learners").json()
    )

    # then Ada's progress shows, Bob's does not
    by_email = {row["email"]: row for row in rows["results"]}
    assert by_email["ada@acme.example"]["progress"] == {
        "status": "active",
        "progress_percent": 0,
        "completed_at": None,
        "certificate_id": None,
        "certificate_url": None,
        "is_certificate_revoked": False,
    }
    assert by_email["bob@acme.example"]["consent"] == "refused"
    assert by_email["bob@acme.example"]["progress"] is None
    # and Ada withdrawing hides hers again
    seat = SeatAssignment.objects.get(learner=ada)
    _client(ada).put(f"/api/v1/me/seats/{seat.pk}/consent", {"consent": "refused"}, format="json")
    rows = (
        _client(hr_admin).get(f"/api/v1/organizations/acme/seats/pools/{pool.pk}/learners").json()
    )
    assert [(r["email"], r["consent"], r["progress"]) for r in rows["results"]] == [
        ("bob@acme.example", "refused", None),
        ("ada@acme.example", "withdrawn", None),
    ]


def test_the_learners_page_costs_the_same_queries_for_1_or_5_consenting_learners(
    pool: SeatPool,
    hr_admin: User,
    course: dict[str, Any],
) -> None:
    pool.seat_count = 10
    pool.save()

    def add(count: int) -> None:
        emails = [f"learner{SeatAssignment.objects.count() + n}@acme.example" for n in range(count)]
        users = [UserFactory(email=email) for email in emails]
        seats_api.assign_seats_from_csv(
            user=hr_admin,
            organization_slug="acme",
            pool_id=pool.pk,
            content=("email\n" + "\n".join(emails) + "\n").encode(),
        )
        for user in users:
            seat = SeatAssignment.objects.get(learner=user)
            seats_api.decide_consent(user=user, assignment_id=seat.pk, consent="granted")

    client = _client(hr_admin)
    url = f"/api/v1/organizations/acme/seats/pools/{pool.pk}/learners"
    add(1)
    client.get(url)  # warms the outline cache
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(url).json()["results"]) == 5
    assert len(one) == len(five)


def test_the_report_downloads_as_csv(pool: SeatPool, hr_admin: User) -> None:
    response = _client(hr_admin).get("/api/v1/organizations/acme/seats/reports/2026-11")
    bad = _client(hr_admin).get("/api/v1/organizations/acme/seats/reports/november")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="seats-acme-2026-11.csv"'
    assert bad.status_code == 400


def test_pools_show_used_and_free_seats(
    pool: SeatPool, hr_admin: User, employer: Organization
) -> None:
    seats_api.assign_seats_from_csv(
        user=hr_admin,
        organization_slug="acme",
        pool_id=pool.pk,
        content=b"email\nzed@acme.example\n",
    )
    body = _client(hr_admin).get("/api/v1/organizations/acme/seats/pools").json()
    assert [
        (p["id"], p["seat_count"], p["used_seats"], p["free_seats"], p["source"])
        for p in body["results"]
    ] == [(pool.pk, 2, 1, 1, "purchased")]
