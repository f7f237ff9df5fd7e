"""Names and Role Provisioning Services 2.0: the instructor's class list with progress."""

import uuid
from typing import Any

import pytest
from django.test import Client
from lti_tool.models import LtiRegistration

from courses.models import CourseVersion
from enrollment.models import Enrollment
from lti import api as lti_api
from tests import learning
from tests.lti.conftest import launch
from tests.lti.platform import CLAIM, INSTRUCTOR, LEARNER, Platform

pytestmark = pytest.mark.django_db


def _member(subject: str, name: str, role: str) -> dict[str, Any]:
    return {
        "user_id": subject,
        "name": name,
        "email": f"{subject}@lms.example",
        "roles": [role],
        "status": "Active",
    }


@pytest.fixture
def members(platform: Platform) -> None:
    platform.members = [
        _member("sub-1", "Ada Lovelace", LEARNER),
        _member("sub-2", "Grace Hopper", LEARNER),
        _member("teacher-1", "Alan Turing", INSTRUCTOR),
    ]


def _as_instructor(platform: Platform) -> None:
    platform.next_claims = {
        "sub": "teacher-1",
        "name": "Alan Turing",
        CLAIM + "roles": [INSTRUCTOR],
    }


@pytest.mark.usefixtures("members")
def test_the_instructor_sees_each_members_progress_in_the_linked_course(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    launch(client, platform)
    enrollment = Enrollment.objects.get()
    learning.record_event(
        user=enrollment.user,
        enrollment_id=enrollment.pk,
        event_id=uuid.uuid4(),
        kind="lesson_completed",
        lesson_key=uuid.UUID(course["text"]),
        payload={},
    )
    _as_instructor(platform)

    response = launch(Client(), platform)

    assert response.status_code == 200
    lessons = CourseVersion.objects.get(state="published").modules.all()
    total = sum(module.lessons.count() for module in lessons)
    roster = {member.name: member for member in response.context["roster"]}
    assert roster["Ada Lovelace"].percent == round(100 / total)
    assert roster["Ada Lovelace"].enrollment_status == "active"
    assert roster["Ada Lovelace"].roles == ("Learner",)
    assert roster["Grace Hopper"].has_launched is False
    assert roster["Grace Hopper"].enrollment_status == ""
    assert roster["Alan Turing"].roles == ("Instructor",)
    assert b"Grace Hopper" in response.content
    # Instructors are not enrolled by a launch.
    assert Enrollment.objects.count() == 1


@pytest.mark.usefixtures("members")
def test_a_learner_sees_no_class_list(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    response = launch(client, platform)

    assert "roster" not in response.context
    assert b"Grace Hopper" not in response.content
    assert b"lti-roster" not in response.content


@pytest.mark.usefixtures("members")
def test_the_class_list_reads_a_constant_number_of_queries(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    django_assert_num_queries: Any,
) -> None:
    claims = {
        "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
            "context_memberships_url": f"{platform.base_url}/memberships"
        }
    }
    launch(client, platform)
    version = CourseVersion.objects.get(state="published")
    lti_api.context_roster(registration=registration, claims=claims, version=version)
    platform.members = platform.members * 20

    with django_assert_num_queries(3):  # the tool's key, accounts, enrollments with progress
        roster = lti_api.context_roster(registration=registration, claims=claims, version=version)

    assert len(roster) == 60
    assert [member.enrollment_status for member in roster[:3]] == ["active", "", ""]


@pytest.mark.usefixtures("members")
def test_a_refused_class_list_is_reported_on_the_page(
    client: Client, platform: Platform, registration: LtiRegistration, course: dict[str, Any]
) -> None:
    _as_instructor(platform)
    platform.token_refused = True

    response = launch(client, platform)

    assert response.status_code == 200
    assert "roster" not in response.context
    assert b"class list could not be read" in response.content
