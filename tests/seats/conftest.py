"""Seats fixtures: the published course, an employer with an administrator, a pool of seats."""

from typing import Any

import pytest

from accounts.models import Organization, User
from courses.models import Course
from seats import api as seats_api
from seats.models import SeatPool
from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

__all__ = ["_fresh_outline_cache", "course", "framework", "institution", "publish", "staff"]


@pytest.fixture
def employer(db: None) -> Organization:
    return OrganizationFactory(slug="acme", name="ACME Factory", kind="employer", country="DE")


@pytest.fixture
def hr_admin(employer: Organization) -> User:
    admin = UserFactory(email="hr@acme.example", full_name="Hanna Richter")
    MembershipFactory(user=admin, organization=employer, role="admin")
    return admin


@pytest.fixture
def pool(course: dict[str, Any], employer: Organization, staff: dict[str, User]) -> SeatPool:
    return seats_api.grant_seat_pool(
        organization=employer,
        course=Course.objects.get(slug="plc-basics"),
        seat_count=2,
        source="purchased",
        order_reference="PO-4711",
        created_by=None,
    )
