"""What a validated launch does: the LMS user's own account (by issuer and subject), their
enrolment in the linked course, where their grade goes, and a one-time ticket into the SPA."""

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from lti_tool.models import LtiRegistration

from accounts.models import User
from courses import api as courses_api
from courses.models import Course, CourseVersion
from enrollment import api as enrollment_api
from lti.models import GradeLink, LaunchTicket, LtiAccount, PlatformRegistration
from lti.protocol import LaunchRefused
from lti.statements import record_launch_statement

__all__ = [
    "CLAIM",
    "COURSE_PARAMETER",
    "LESSON_PARAMETER",
    "TICKET_SECONDS",
    "LaunchResult",
    "account_for_subject",
    "is_instructor",
    "linked_course",
    "open_resource_launch",
    "spend_ticket",
]

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
# Custom parameters a deep link puts on the resource link; the platform signs them back.
COURSE_PARAMETER = "icim_course"
LESSON_PARAMETER = "icim_lesson"
TICKET_SECONDS = 120
_INSTRUCTOR_ROLES = ("#Instructor", "#Administrator", "#ContentDeveloper", "#TeachingAssistant")


@dataclass(frozen=True)
class LaunchResult:
    user_id: int
    course_slug: str
    is_instructor: bool
    ticket: str
    next_path: str
    # A line item that may lack the learner's current score (new, or a course completed before
    # this LMS linked it): the caller queues it.
    unsent_grade_link_id: int | None = None


def is_instructor(claims: dict[str, Any]) -> bool:
    """Whether the launch's context roles make the user teach there (LTI 1.3 A.2.3); system and
    institution roles do not."""
    roles = claims.get(CLAIM + "roles") or []
    return any(
        "membership" in role and role.endswith(_INSTRUCTOR_ROLES)
        for role in roles
        if isinstance(role, str)
    ) or any(role in {"Instructor", "Administrator"} for role in roles)


def linked_course(claims: dict[str, Any]) -> tuple[CourseVersion, str]:
    """The published version of the course the resource link names, and the lesson key ("" for
    the whole course). Raises LaunchRefused("course_unavailable") for a missing, unknown,
    deleted or unpublished course or an unknown lesson."""
    custom = claims.get(CLAIM + "custom") or {}
    slug = str(custom.get(COURSE_PARAMETER, "")) if isinstance(custom, dict) else ""
    lesson = str(custom.get(LESSON_PARAMETER, "")) if isinstance(custom, dict) else ""
    if not slug:
        raise LaunchRefused("course_unavailable", "no course on the resource link")
    try:
        version = courses_api.get_published_version(slug=slug)
    except CourseVersion.DoesNotExist as error:
        raise LaunchRefused("course_unavailable", f"course {slug!r} not published") from error
    if lesson and lesson not in courses_api.get_outline(version_id=version.pk).lessons:
        raise LaunchRefused("course_unavailable", f"lesson {lesson!r} not in {slug!r}")
    return version, lesson


def account_for_subject(*, issuer: str, claims: dict[str, Any]) -> User:
    """The platform account of the LMS user (issuer, sub), created at their first launch with
    an address of its own (never the one the LMS sends: any LMS could claim any address). Safe
    under concurrent first launches (the unique constraint decides)."""
    subject = str(claims["sub"])
    account = LtiAccount.objects.select_related("user").filter(issuer=issuer, subject=subject)
    existing = account.first()
    if existing is not None:
        return existing.user
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()[:32]
    name = (
        str(claims.get("name") or "").strip()
        or " ".join(
            str(claims.get(part) or "").strip() for part in ("given_name", "family_name")
        ).strip()
    )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                f"lti-{digest}@lti.invalid", password=None, full_name=name[:200]
            )
            LtiAccount.objects.create(issuer=issuer, subject=subject, user=user)
    except IntegrityError:
        return account.get().user
    return user


@transaction.atomic
def open_resource_launch(
    *, registration: LtiRegistration, claims: dict[str, Any], language: str
) -> LaunchResult:
    """Open a validated resource link launch: the account, the enrolment (learners), the line
    item to report the course grade to, and a ticket to the course or lesson.

    Raises LaunchRefused("course_unavailable") before anything is written when the course is
    not published (or the enrolment is refused)."""
    version, lesson = linked_course(claims)
    course = Course.objects.get(pk=version.course_id)
    teaches = is_instructor(claims)
    user = account_for_subject(issuer=registration.issuer, claims=claims)
    if teaches:
        return _with_ticket(user, course.slug, True, f"/courses/{course.slug}")
    try:
        enrollment = enrollment_api.enroll(user=user, course_slug=course.slug, language=language)
    except (Course.DoesNotExist, ValidationError) as error:
        raise LaunchRefused("course_unavailable", str(error)) from error
    quiz_key = lesson if lesson and _is_quiz(version, lesson) else None
    link, is_new_link = _record_grade_link(
        registration=registration, user=user, course=course, lesson_key=quiz_key, claims=claims
    )
    organization_id = (
        PlatformRegistration.objects.filter(registration=registration)
        .values_list("organization_id", flat=True)
        .first()
    )
    if organization_id is not None:
        record_launch_statement(
            organization_id=organization_id,
            enrollment=enrollment,
            issuer=registration.issuer,
            claims=claims,
        )
    path = f"/learn/{enrollment.pk}/{lesson}" if lesson else f"/learn/{enrollment.pk}"
    result = _with_ticket(user, course.slug, False, path)
    has_grade = enrollment.final_grade is not None
    # A new line item may lack a score made before it existed (a quiz taken, a course completed
    # before this LMS linked it): send_grade sends it, or nothing when there is none.
    if link is not None and (
        is_new_link or (has_grade and link.last_score != enrollment.final_grade)
    ):
        return replace(result, unsent_grade_link_id=link.pk)
    return result


def _is_quiz(version: CourseVersion, lesson_key: str) -> bool:
    lesson = courses_api.get_outline(version_id=version.pk).lessons.get(lesson_key)
    return lesson is not None and lesson.quiz is not None


def _record_grade_link(
    *,
    registration: LtiRegistration,
    user: User,
    course: Course,
    lesson_key: str | None,
    claims: dict[str, Any],
) -> tuple[GradeLink | None, bool]:
    """The line item the launch reports to (a quiz lesson's gets that quiz's score, any other
    the course grade), and whether it is new; None without a line item or the score scope."""
    endpoint = claims.get(AGS_CLAIM) or {}
    lineitem = endpoint.get("lineitem") if isinstance(endpoint, dict) else None
    scopes = endpoint.get("scope", []) if isinstance(endpoint, dict) else []
    if not lineitem or SCORE_SCOPE not in scopes:
        return None, False
    link, created = GradeLink.objects.update_or_create(
        user=user,
        lineitem_url=lineitem,
        defaults={
            "registration": registration,
            "subject": str(claims["sub"]),
            "course": course,
            "lesson_key": lesson_key,
            "scopes": scopes,
        },
    )
    return link, created


def _with_ticket(user: User, slug: str, teaches: bool, path: str) -> LaunchResult:
    secret = secrets.token_urlsafe(32)
    LaunchTicket.objects.create(
        user=user,
        secret_digest=hashlib.sha256(secret.encode()).hexdigest(),
        next_path=path,
        expires_at=timezone.now() + timedelta(seconds=TICKET_SECONDS),
    )
    return LaunchResult(
        user_id=user.pk, course_slug=slug, is_instructor=teaches, ticket=secret, next_path=path
    )


def spend_ticket(*, secret: str) -> LaunchTicket:
    """The ticket with this secret, marked used: each is accepted once, before it expires.
    Raises LaunchRefused("invalid_ticket") otherwise."""
    digest = hashlib.sha256(secret.encode()).hexdigest()
    now = timezone.now()
    spent = LaunchTicket.objects.filter(
        secret_digest=digest, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if spent != 1:
        raise LaunchRefused("invalid_ticket", "unknown, expired or used ticket")
    return LaunchTicket.objects.select_related("user").get(secret_digest=digest)
