"""Names and Role Provisioning Services 2.0: the members of the instructor's LMS context, each
with their progress in the linked course (for that context's instructors only)."""

from dataclasses import dataclass
from typing import Any

import requests
from django.db.models import Count, Q
from lti_tool.models import LtiRegistration
from pylti1p3.exception import LtiException
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.service_connector import ServiceConnector

from courses import api as courses_api
from courses.models import CourseVersion
from enrollment.models import Enrollment
from lti.models import LtiAccount
from lti.protocol import LaunchRefused, TimeoutSession

__all__ = ["NRPS_CLAIM", "RosterMember", "context_roster"]

NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"


@dataclass(frozen=True)
class RosterMember:
    name: str
    email: str
    roles: tuple[str, ...]
    status: str
    has_launched: bool
    enrollment_status: str
    percent: int
    grade: str


def context_roster(
    *, registration: LtiRegistration, claims: dict[str, Any], version: CourseVersion
) -> list[RosterMember]:
    """The context's members (NRPS, every page) with their progress in `version`'s course: a
    member who never launched has none. Two queries here whatever the number of members.

    Raises LaunchRefused("roster_unavailable") when the launch carries no NRPS claim or the
    platform refuses or cannot be reached."""
    service_data = claims.get(NRPS_CLAIM)
    if not isinstance(service_data, dict) or not service_data.get("context_memberships_url"):
        raise LaunchRefused("roster_unavailable", "no names and roles service in the launch")
    service = NamesRolesProvisioningService(
        ServiceConnector(registration.to_registration(), requests_session=TimeoutSession()),
        {"context_memberships_url": service_data["context_memberships_url"]},
    )
    try:
        members = service.get_members()
    except (LtiException, requests.RequestException) as error:
        raise LaunchRefused("roster_unavailable", str(error)) from error
    subjects = [str(member.get("user_id", "")) for member in members]
    users = dict(
        LtiAccount.objects.filter(issuer=registration.issuer, subject__in=subjects).values_list(
            "subject", "user_id"
        )
    )
    lesson_keys = list(courses_api.get_outline(version_id=version.pk).lessons)
    enrollments = {
        row["user_id"]: row
        for row in Enrollment.objects.filter(
            course_id=version.course_id, user_id__in=users.values()
        )
        .annotate(
            completed=Count(
                "lessons",
                filter=Q(lessons__completed_at__isnull=False, lessons__lesson_key__in=lesson_keys),
            )
        )
        .values("user_id", "status", "final_grade", "completed")
    }
    total = len(lesson_keys) or 1
    roster = []
    for member, subject in zip(members, subjects, strict=True):
        row = enrollments.get(users.get(subject, -1))
        roster.append(
            RosterMember(
                name=str(member.get("name") or subject),
                email=str(member.get("email") or ""),
                roles=tuple(str(role).rsplit("#", 1)[-1] for role in member.get("roles", [])),
                status=str(member.get("status") or "Active"),
                has_launched=subject in users,
                enrollment_status=row["status"] if row else "",
                percent=round(100 * row["completed"] / total) if row else 0,
                grade="" if not row or row["final_grade"] is None else str(row["final_grade"]),
            )
        )
    return roster
