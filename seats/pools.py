"""Seat pools: granting or recording a purchase (platform staff), listing with used and free."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Organization, User
from courses.models import Course
from programs.models import Program
from seats.access import get_employer_for_admin
from seats.models import SeatPool

__all__ = ["check_seat_pool", "grant_seat_pool", "list_pools_for_admin", "used_seats_filter"]

NOT_AN_EMPLOYER = gettext_lazy("Seats are held by employer organisations only.")
COURSE_NOT_PUBLISHED = gettext_lazy("Seats can be given on published courses only.")
PROGRAM_NOT_PUBLISHED = gettext_lazy("Seats can be given on published programs only.")
ONE_TARGET = gettext_lazy("A pool is on one course or one program: choose exactly one.")
ORDER_REFERENCE_REQUIRED = gettext_lazy("A purchase needs its order reference.")
DATES_OUT_OF_ORDER = gettext_lazy("The pool cannot end before it starts.")


def used_seats_filter(prefix: str = "") -> Q:
    """The assignments that take a seat: active ones, and released ones the learner started."""
    return Q(**{f"{prefix}released_at__isnull": True}) | Q(**{f"{prefix}is_consumed": True})


def check_seat_pool(
    *,
    organization: Organization,
    course: Course | None = None,
    program: Program | None = None,
    source: str,
    order_reference: str,
    valid_from: date | None,
    valid_until: date | None,
) -> None:
    """Raises ValidationError (per field) unless these make a pool: an employer, exactly one
    target (a published course or a published program), an order reference for a purchase,
    dates in order."""
    if organization.kind != Organization.Kind.EMPLOYER:
        raise ValidationError({"organization": NOT_AN_EMPLOYER}, code="not_employer")
    if (course is None) == (program is None):
        raise ValidationError({"course": ONE_TARGET}, code="one_target")
    if course is not None and course.published_version_id is None:
        raise ValidationError({"course": COURSE_NOT_PUBLISHED}, code="not_published")
    if program is not None and program.state != Program.State.PUBLISHED:
        raise ValidationError({"program": PROGRAM_NOT_PUBLISHED}, code="not_published")
    if source == SeatPool.Source.PURCHASED and not order_reference.strip():
        raise ValidationError({"order_reference": ORDER_REFERENCE_REQUIRED}, code="no_order")
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": DATES_OUT_OF_ORDER}, code="dates")


@transaction.atomic
def grant_seat_pool(
    *,
    organization: Organization,
    seat_count: int,
    source: str,
    created_by: User | None,
    course: Course | None = None,
    program: Program | None = None,
    order_reference: str = "",
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> SeatPool:
    """Give an employer `seat_count` seats on a published course or program (granted, or
    purchased with an order reference; no payment is taken here); audited as SEATS_GRANTED.

    Raises ValidationError when the organisation is not an employer, not exactly one target
    is given, the course or program is not published, a purchase has no order reference or
    the dates are out of order. The caller (Django admin, a seed) has checked that
    `created_by` is platform staff.
    """
    check_seat_pool(
        organization=organization,
        course=course,
        program=program,
        source=source,
        order_reference=order_reference,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    pool = SeatPool.objects.create(
        organization=organization,
        course=course,
        program=program,
        seat_count=seat_count,
        source=source,
        order_reference=order_reference.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        created_by=created_by,
    )
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.SEATS_GRANTED,
        actor=created_by,
        target_type="seat_pool",
        target_id=str(pool.pk),
        details={
            "organization": organization.slug,
            "course": course.slug if course is not None else None,
            "program": program.slug if program is not None else None,
            "seats": seat_count,
            "source": source,
            "order_reference": pool.order_reference,
        },
    )
    return pool


def list_pools_for_admin(*, user: User, organization_slug: str) -> QuerySet[SeatPool]:
    """The employer's pools, newest first, with `used_seats` annotated and the course's
    published version (or the program) joined: one query whatever their number. Raises
    Organization.DoesNotExist unless `user` administers the employer."""
    organization = get_employer_for_admin(user=user, slug=organization_slug)
    return (
        SeatPool.objects.filter(organization=organization)
        .select_related("course__published_version", "program")
        .annotate(used_seats=Count("assignments", filter=used_seats_filter("assignments__")))
        .order_by("-created_at", "-id")
    )
