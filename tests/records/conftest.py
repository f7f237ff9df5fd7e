"""Records fixtures: the certificates fixtures, a learner with an issued certificate and an
event attendance credential, and a record of theirs."""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from accounts.models import Organization, User
from certificates import api as certificates_api
from certificates.models import AttendanceCredential, Certificate
from enrollment.models import Enrollment
from tests.certificates.conftest import (
    _fresh_outline_cache,
    _media,
    complete,
    course,
    framework,
    institution,
    publish,
    staff,
)

__all__ = [
    "_fresh_outline_cache",
    "_media",
    "complete",
    "course",
    "framework",
    "institution",
    "publish",
    "staff",
]


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    """The learner's issued certificate of the test course."""
    return certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)


@pytest.fixture
def attendance(staff: dict[str, User], institution: Organization) -> AttendanceCredential:
    """The learner's attendance credential of an event of the institution."""
    return certificates_api.issue_attendance_credential(
        source="event:1",
        user_id=staff["learner"].pk,
        organization_id=institution.pk,
        title="Smart factory open day",
        description="A day in the learning factory.",
        attended_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
        achievement_url="https://academy.example.org/events/open-day",
    )


@pytest.fixture
def sign_in() -> Callable[[User], Any]:
    from rest_framework.test import APIClient

    def run(user: User) -> APIClient:
        client = APIClient()
        client.force_login(user)
        return client

    return run
