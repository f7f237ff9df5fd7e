"""Giving seats to staff from a CSV file, and taking them back."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from programs import api as programs_api
from programs.models import ProgramCourse
from seats.access import get_pool_for_admin
from seats.csv_upload import read_csv
from seats.models import SeatAssignment, SeatPool
from seats.pools import used_seats_filter

__all__ = [
    "ALREADY_ASSIGNED",
    "ASSIGNED",
    "INVALID_EMAIL",
    "NO_SEATS_LEFT",
    "assign_seats_from_csv",
    "course_title",
    "enroll_in_pool",
    "pool_courses",
    "release_seat",
    "target_title",
]

# The result of one row of an upload.
ASSIGNED = "assigned"
ALREADY_ASSIGNED = "already_assigned"
NO_SEATS_LEFT = "no_seats_left"
INVALID_EMAIL = "invalid_email"

POOL_NOT_STARTED = gettext_lazy("This pool's seats can be used from %(date)s.")
POOL_ENDED = gettext_lazy("This pool's seats could be used until %(date)s.")


def course_title(course: Course, language: str) -> str:
    """The course's published title in `language` (its primary language otherwise)."""
    version = course.published_version
    if version is None:
        return str(course.slug)
    texts = courses_api.pick(version.translations, language, version.primary_language)
    return str(texts.get("title", course.slug))


def target_title(pool: SeatPool, language: str) -> str:
    """The title of the pool's course or program in `language`."""
    if pool.program is not None:
        return programs_api.program_texts(pool.program, language)["title"] or pool.program.slug
    assert pool.course is not None  # noqa: S101 - the pool's check constraint
    return course_title(pool.course, language)


def pool_courses(pool: SeatPool) -> list[Course]:
    """The courses a seat of the pool enrols in: its course, or every course of its program
    that is available now (published), in the program's order."""
    if pool.program_id is None:
        assert pool.course is not None  # noqa: S101 - the pool's check constraint
        return [pool.course]
    entries = (
        ProgramCourse.objects.filter(
            program_id=pool.program_id, course__published_version__isnull=False
        )
        .select_related("course")
        .order_by("position")
    )
    return [entry.course for entry in entries]


def enroll_in_pool(*, learner: User, pool: SeatPool) -> None:
    """Enrol the seat's learner in the pool's course, or in each available course of its
    program (free; see enroll_for_seat)."""
    for course in pool_courses(pool):
        enroll_for_seat(learner=learner, course=course)


def _check_pool_dates(pool: SeatPool) -> None:
    today = timezone.localdate()
    if pool.valid_from and today < pool.valid_from:
        raise ValidationError(POOL_NOT_STARTED % {"date": pool.valid_from}, code="not_started")
    if pool.valid_until and today > pool.valid_until:
        raise ValidationError(POOL_ENDED % {"date": pool.valid_until}, code="ended")


@transaction.atomic
def assign_seats_from_csv(
    *,
    user: User,
    organization_slug: str,
    pool_id: int,
    content: bytes,
    language: str = "en",
    ip_address: str | None = None,
) -> dict[str, Any]:
    """Give one seat of the pool to each valid address of the CSV, in file order, until the
    seats run out; returns one result per row (`assigned`, `already_assigned`,
    `no_seats_left`, `invalid_email`) and counts per result.

    One transaction for the upload, holding the pool's row lock (select_for_update), so two
    uploads at once never give more seats than `seat_count`; rows that did not fit are
    reported and nothing else is undone (the file may be sent again once seats are added).
    An address with an account is enrolled in the course (or each available course of the
    program) at once (free: nothing is charged)
    and told by e-mail in their language; an address without one is e-mailed an invitation
    to register (in `language`). Both answer `assigned`: the report never tells who has an
    account. Audited once per upload (SEATS_ASSIGNED). Raises SeatPool.DoesNotExist for a
    pool the user does not administer and ValidationError for an unusable file or a pool
    outside its validity dates.
    """
    pool = get_pool_for_admin(
        user=user, organization_slug=organization_slug, pool_id=pool_id, for_update=True
    )
    rows = read_csv(content)
    _check_pool_dates(pool)
    used = pool.assignments.filter(used_seats_filter()).count()
    emails = [row.email for row in rows if row.is_valid_email]
    holding = set(
        pool.assignments.filter(released_at__isnull=True, email__in=emails).values_list(
            "email", flat=True
        )
    )
    accounts = {
        account.email.lower(): account
        for account in User.objects.annotate(address=Lower("email"))
        .filter(address__in=emails, is_active=True)
        .exclude(
            pk__in=pool.assignments.filter(released_at__isnull=True, learner__isnull=False).values(
                "learner_id"
            )
        )
    }
    report: list[dict[str, Any]] = []
    assigned: list[SeatAssignment] = []
    for row in rows:
        entry: dict[str, Any] = {
            "line": row.line,
            "email": row.email,
            "full_name": row.full_name,
        }
        if not row.is_valid_email:
            result = INVALID_EMAIL
        elif row.email in holding:
            result = ALREADY_ASSIGNED
        elif used >= pool.seat_count:
            result = NO_SEATS_LEFT
        else:
            assigned.append(
                SeatAssignment.objects.create(
                    pool=pool,
                    learner=accounts.get(row.email),
                    email=row.email,
                    full_name=row.full_name,
                    assigned_by=user,
                )
            )
            holding.add(row.email)
            used += 1
            result = ASSIGNED
        entry["result"] = result
        report.append(entry)
    for assignment in assigned:
        _welcome(assignment, pool=pool, language=language)
    counts = dict.fromkeys((ASSIGNED, ALREADY_ASSIGNED, NO_SEATS_LEFT, INVALID_EMAIL), 0)
    for entry in report:
        counts[str(entry["result"])] += 1
    if assigned:
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.SEATS_ASSIGNED,
            actor=user,
            target_type="seat_pool",
            target_id=str(pool.pk),
            ip_address=ip_address,
            details={"assigned": [assignment.email for assignment in assigned]},
        )
    return {
        "pool": pool.pk,
        "seat_count": pool.seat_count,
        "used_seats": used,
        "rows": report,
        "summary": counts,
    }


def _welcome(assignment: SeatAssignment, *, pool: SeatPool, language: str) -> None:
    """Enrol a learner with an account and tell them; invite an address without one."""
    learner = assignment.learner
    employer = str(pool.organization.name)
    is_program = pool.program_id is not None
    if learner is None:
        with translation.override(language):
            title = target_title(pool, language)
            subject = _("%(employer)s gives you a seat on “%(course)s”") % {
                "employer": employer,
                "course": title,
            }
            if is_program:
                body = _(
                    "Hello,\n\n%(employer)s has given you a seat on the program “%(program)s” "
                    "on ICIM Academy, free of charge for you.\n\nTo take it, create an account "
                    "with this e-mail address (%(email)s):\n\n%(link)s\n\nThen open “My "
                    "learning” to decide whether %(employer)s may see your progress and "
                    "certificates: you are then enrolled in the program's courses. If you did "
                    "not expect this message, ignore it."
                ) % {
                    "employer": employer,
                    "program": title,
                    "email": assignment.email,
                    "link": f"{settings.PUBLIC_BASE_URL}/register",
                }
            else:
                body = _(
                    "Hello,\n\n%(employer)s has given you a seat on the course “%(course)s” on "
                    "ICIM Academy, free of charge for you.\n\nTo take it, create an account with "
                    "this e-mail address (%(email)s):\n\n%(link)s\n\nThen open “My learning” "
                    "to decide whether %(employer)s may see your progress and certificates. If "
                    "you did not expect this message, ignore it."
                ) % {
                    "employer": employer,
                    "course": title,
                    "email": assignment.email,
                    "link": f"{settings.PUBLIC_BASE_URL}/register",
                }
        accounts_api.queue_email(recipient=assignment.email, subject=subject, body=body)
        return
    enroll_in_pool(learner=learner, pool=pool)
    with translation.override(learner.preferred_language):
        title = target_title(pool, learner.preferred_language)
        subject = _("%(employer)s gives you a seat on “%(course)s”") % {
            "employer": employer,
            "course": title,
        }
        if is_program:
            assert pool.program is not None  # noqa: S101 - is_program
            body = _(
                "Hello %(name)s,\n\n%(employer)s has given you a seat on the program "
                "“%(program)s” on ICIM Academy, free of charge for you. You are enrolled in its "
                "courses:\n\n%(link)s\n\n%(employer)s sees your progress and certificates only "
                "if you allow it. Decide in “My learning”:\n\n%(dashboard)s"
            ) % {
                "name": learner.full_name,
                "employer": employer,
                "program": title,
                "link": f"{settings.PUBLIC_BASE_URL}/programs/{pool.program.slug}",
                "dashboard": f"{settings.PUBLIC_BASE_URL}/learning",
            }
        else:
            assert pool.course is not None  # noqa: S101 - the pool's check constraint
            body = _(
                "Hello %(name)s,\n\n%(employer)s has given you a seat on the course “%(course)s” "
                "on ICIM Academy, free of charge for you. You are enrolled:\n\n%(link)s\n\n"
                "%(employer)s sees your progress and certificates only if you allow it. Decide "
                "in “My learning”:\n\n%(dashboard)s"
            ) % {
                "name": learner.full_name,
                "employer": employer,
                "course": title,
                "link": f"{settings.PUBLIC_BASE_URL}/courses/{pool.course.slug}",
                "dashboard": f"{settings.PUBLIC_BASE_URL}/learning",
            }
    accounts_api.queue_email(recipient=learner.email, subject=subject, body=body)


def enroll_for_seat(*, learner: User, course: Course) -> None:
    """Enrol the seat's learner (idempotent). A course that refuses them just now (enrolment
    closed, a prerequisite missing) leaves the seat held: they enrol themselves when they can."""
    try:
        with transaction.atomic():
            enrollment_api.enroll(
                user=learner, course_slug=course.slug, language=learner.preferred_language
            )
    except (ValidationError, Course.DoesNotExist):
        pass


def _has_started(assignment: SeatAssignment, pool: SeatPool) -> bool:
    """Whether the learner started the pool's course (or any course of its program)."""
    if assignment.learner_id is None:
        return False
    if pool.program_id is not None:
        courses = Q(
            course_id__in=ProgramCourse.objects.filter(program_id=pool.program_id).values(
                "course_id"
            )
        )
    else:
        courses = Q(course_id=pool.course_id)
    return Enrollment.objects.filter(
        Q(status=Enrollment.Status.COMPLETED)
        | Q(lessons__opened_at__isnull=False)
        | Q(lessons__completed_at__isnull=False),
        courses,
        user_id=assignment.learner_id,
    ).exists()


@transaction.atomic
def release_seat(
    *,
    user: User,
    organization_slug: str,
    pool_id: int,
    assignment_id: int,
    ip_address: str | None = None,
) -> SeatAssignment:
    """Take a seat back: the employer no longer sees this person (whatever their consent).

    The seat returns to the pool only if the learner has not started the course (or any
    course of the program: no lesson
    opened or completed, not completed); a started seat stays used (`is_consumed`). The
    learner keeps their enrolment. Idempotent. Locks the pool. Raises
    SeatPool.DoesNotExist / SeatAssignment.DoesNotExist for pools or seats not the user's.
    """
    pool = get_pool_for_admin(
        user=user, organization_slug=organization_slug, pool_id=pool_id, for_update=True
    )
    assignment = pool.assignments.select_for_update().get(pk=assignment_id)
    if assignment.released_at is not None:
        return assignment
    assignment.is_consumed = _has_started(assignment, pool)
    assignment.released_at = timezone.now()
    assignment.released_by = user
    assignment.save(update_fields=["is_consumed", "released_at", "released_by"])
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.SEATS_ASSIGNED,
        actor=user,
        target_type="seat_pool",
        target_id=str(pool.pk),
        ip_address=ip_address,
        details={"released": assignment.email, "is_consumed": assignment.is_consumed},
    )
    return assignment
