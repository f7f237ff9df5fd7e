"""The institution staff's certificate register: who sees what, filters, and its query count."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/institution/certificates/"


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


@pytest.mark.parametrize(
    ("who", "expected", "count"),
    [
        ("anonymous", 401, None),
        ("learner", 403, None),  # staff of no institution
        ("outsider", 200, 0),  # staff of another institution: none of theirs
        ("author", 200, 1),
        ("reviewer", 200, 1),
        ("approver", 200, 1),
        ("admin", 200, 1),
    ],
)
def test_staff_of_an_owning_institution_see_its_certificates(
    staff: dict[str, User],
    certificate: Certificate,
    who: str,
    expected: int,
    count: int | None,
) -> None:
    response = _client(None if who == "anonymous" else staff[who]).get(URL)

    assert response.status_code == expected
    if count is not None:
        assert response.json()["count"] == count


def test_a_register_entry_shows_the_certificate_as_issued(
    staff: dict[str, User], certificate: Certificate
) -> None:
    response = _client(staff["approver"]).get(URL)

    assert response.json()["results"] == [
        {
            "id": str(certificate.pk),
            "state": "issued",
            "status": "valid",
            "basis": "completion",
            "course": "plc-basics",
            "version": 1,
            "course_title": "PLC Basics",
            "course_code": "PLC-101",
            "institutions": [{"slug": "rhine", "name": "Rhine TU", "country": "DE"}],
            "language": "en",
            "learner_name": staff["learner"].full_name,
            "learner_native_name": "",
            "learner_email": "learner@example.org",
            "grade": "100.00",
            "issued_on": certificate.completed_at.date().isoformat(),
            "issued_at": response.json()["results"][0]["issued_at"],
            "expires_at": None,
            "is_private": False,
            "revoked_at": None,
            "revocation_reason": "",
            "superseded_by": None,
            "verification_url": f"http://127.0.0.1:8000/verify/{certificate.pk}",
        }
    ]


@pytest.fixture
def register(staff: dict[str, User], complete: Callable[..., Enrollment]) -> dict[str, Certificate]:
    """Four certificates of the test course: valid, revoked, expired and superseded."""
    people = {
        name: UserFactory(full_name=name, email=f"{name.lower()}@example.org")
        for name in ("Valid", "Revoked", "Expired", "Superseded")
    }
    made = {
        name: certificates_api.issue_certificate(enrollment_id=complete(person).pk)
        for name, person in people.items()
    }
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=made["Revoked"].pk, reason="Fraud"
    )
    Certificate.objects.filter(pk=made["Expired"].pk).update(
        expires_at=timezone.now() - timedelta(days=1),
        completed_at=timezone.now() - timedelta(days=400),
    )
    people["Superseded"].full_name = "Superseded Corrected"
    people["Superseded"].save()
    certificates_api.reissue_certificate(
        user=staff["approver"], certificate_id=made["Superseded"].pk
    )
    return made


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"status": "valid"}, ["Superseded Corrected", "Valid"]),
        ({"status": "revoked"}, ["Revoked"]),
        ({"status": "expired"}, ["Expired"]),
        ({"status": "superseded"}, ["Superseded"]),
        ({"search": "REVOKED@example"}, ["Revoked"]),
        ({"search": "corrected"}, ["Superseded Corrected", "Superseded"]),
        ({"course": "plc-basics", "search": "valid"}, ["Valid"]),
        ({"course": "elsewhere-course"}, []),
        ({"institution": "elsewhere"}, []),
        ({"institution": "rhine", "status": "expired"}, ["Expired"]),
    ],
)
def test_the_register_filters(
    staff: dict[str, User],
    register: dict[str, Certificate],
    params: dict[str, str],
    names: list[str],
) -> None:
    response = _client(staff["author"]).get(URL, params)

    assert response.status_code == 200
    assert [item["learner_name"] for item in response.json()["results"]] == names


def test_the_register_filters_by_issue_date(
    staff: dict[str, User], register: dict[str, Certificate]
) -> None:
    today = timezone.now().date()
    client = _client(staff["author"])

    old = client.get(URL, {"issued_until": (today - timedelta(days=300)).isoformat()})
    recent = client.get(URL, {"issued_from": today.isoformat(), "issued_until": today.isoformat()})

    assert [item["learner_name"] for item in old.json()["results"]] == ["Expired"]
    assert recent.json()["count"] == 4


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "forged"}, "status"),
        ({"issued_from": "yesterday"}, "issued_from"),
        ({"issued_from": "2026-05-02", "issued_until": "2026-05-01"}, "issued_until"),
        ({"search": "x" * 201}, "search"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_filters_are_a_400_naming_the_parameter(
    staff: dict[str, User], params: dict[str, str], field: str
) -> None:
    response = _client(staff["author"]).get(URL, params)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


def test_the_register_runs_a_fixed_number_of_queries(
    staff: dict[str, User], register: dict[str, Certificate], django_assert_num_queries: Any
) -> None:
    client = _client(staff["admin"])

    # session, user, memberships, page (with learner, course and version; shorter than a page,
    # so it is its own count)
    with django_assert_num_queries(4):
        response = client.get(URL)

    assert response.json()["count"] == 5
