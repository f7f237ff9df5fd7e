"""Reads that views and other apps need: a holder's certificates, where an enrollment's
certificate stands, institution staff's register of certificates, and credentials as issued."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates.access import INSTITUTION_STAFF_ROLES, may_see_details
from certificates.models import AttendanceCredential, Certificate
from courses import api as courses_api
from enrollment import api as enrollment_api

State = Certificate.State

STATUSES = ("valid", "revoked", "expired", "superseded")
CERTIFICATE_NOT_EARNED = "not_earned"
NOT_INSTITUTION_STAFF = gettext_lazy(
    "This is for staff of an institution (authors, reviewers, approvers, administrators)."
)


class CertificateState(TypedDict):
    """Where the certificate of an enrollment stands (`get_certificate_state_for_user`)."""

    state: str
    certificate: uuid.UUID | None


def certificate_status(*, certificate: Certificate, now: datetime) -> str:
    """The status verification reports (one of STATUSES): revoked wins, then superseded, then
    expired."""
    if certificate.revoked_at is not None:
        return "revoked"
    if certificate.superseded_at is not None:
        return "superseded"
    if certificate.expires_at is not None and certificate.expires_at <= now:
        return "expired"
    return "valid"


def status_condition(status: str, now: datetime) -> Q:
    """The database condition matching `certificate_status`: revoked wins, then superseded,
    then expired."""
    current = Q(revoked_at__isnull=True, superseded_at__isnull=True)
    conditions = {
        "revoked": Q(revoked_at__isnull=False),
        "superseded": Q(revoked_at__isnull=True, superseded_at__isnull=False),
        "expired": current & Q(expires_at__lte=now),
        "valid": current & (Q(expires_at__isnull=True) | Q(expires_at__gt=now)),
    }
    return conditions[status]


# --- learners -----------------------------------------------------------------------------------


def list_certificates_for_user(*, user: User) -> QuerySet[Certificate]:
    """The user's certificates, newest first (superseded ones included, marked as such), with
    the course joined."""
    return Certificate.objects.filter(user=user).select_related("course")


def get_certificate_for_user(*, user: User, certificate_id: uuid.UUID) -> Certificate:
    """One of the user's certificates; raises Certificate.DoesNotExist otherwise."""
    return Certificate.objects.get(pk=certificate_id, user=user)


def get_certificate_state_for_user(*, user: User, enrollment_id: int) -> CertificateState:
    """Where the certificate of one of my enrollments stands: `not_earned` (not completed yet),
    `pending` (completed; being issued in the background, with or without its record yet),
    or the current certificate's state (`issued`, `revoked`) with its id.

    Raises Enrollment.DoesNotExist for an unknown enrollment and for another learner's alike.
    """
    enrollment = enrollment_api.get_enrollment_for_user(user=user, enrollment_id=enrollment_id)
    certificate = (
        Certificate.objects.filter(enrollment_id=enrollment.pk, superseded_at__isnull=True)
        .only("pk", "state")
        .first()
    )
    if certificate is not None:
        return {"state": certificate.state, "certificate": certificate.pk}
    if enrollment.status == enrollment.Status.COMPLETED:
        return {"state": State.PENDING.value, "certificate": None}
    return {"state": CERTIFICATE_NOT_EARNED, "certificate": None}


# --- institution staff --------------------------------------------------------------------------


def list_certificates_for_staff(
    *,
    user: User,
    course_slug: str | None = None,
    institution_slug: str | None = None,
    status: str | None = None,
    issued_from: date | None = None,
    issued_until: date | None = None,
    search: str | None = None,
) -> QuerySet[Certificate]:
    """Certificates of the courses owned by institutions where the user is staff (author,
    reviewer, approver or administrator), newest first, with learner, course and version joined.

    Filters: a course slug, an owning institution's slug, a status (`valid`, `revoked`,
    `expired`, `superseded`, as verification reports it), the issue date (the date printed on
    the certificate) from/until, inclusive, and a search in the learner's name (as printed, or
    as in the account) and e-mail address. A course or institution the user does not staff
    simply matches nothing. Raises PermissionDenied when the user is staff of no institution.
    """
    staff_of = accounts_api.organization_ids_for_user(user=user, roles=INSTITUTION_STAFF_ROLES)
    if not staff_of:
        raise PermissionDenied(NOT_INSTITUTION_STAFF)
    courses = courses_api.courses_owned_by(organization_ids=staff_of)
    if institution_slug is not None:
        courses = courses.filter(institutions__slug=institution_slug)
    certificates = Certificate.objects.filter(course_id__in=courses.values("pk"))
    if course_slug is not None:
        certificates = certificates.filter(course__slug=course_slug)
    if status is not None:
        certificates = certificates.filter(status_condition(status, timezone.now()))
    if issued_from is not None:
        certificates = certificates.filter(completed_at__date__gte=issued_from)
    if issued_until is not None:
        certificates = certificates.filter(completed_at__date__lte=issued_until)
    if search:
        certificates = certificates.filter(
            Q(learner_name__icontains=search)
            | Q(learner_native_name__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
        )
    return certificates.select_related("user", "course", "version").order_by("-created_at", "pk")


# --- credentials as issued ----------------------------------------------------------------------


def read_credential(*, certificate_id: str, viewer: User | None = None) -> bytes:
    """The signed credential of an issued certificate, byte for byte as issued. A private
    certificate's credential only for those who may see its details (`may_see_details`): to
    anyone else, and to `viewer` None, it does not exist.

    Raises Certificate.DoesNotExist for unknown, malformed, pending, pre-credential and hidden
    ids alike.
    """
    try:
        key = uuid.UUID(str(certificate_id))
    except ValueError as error:
        raise Certificate.DoesNotExist from error
    try:
        certificate = Certificate.objects.only(
            "credential", "is_private", "user_id", "institutions"
        ).get(pk=key, state=State.ISSUED)
    except Certificate.DoesNotExist:
        # Attendance credentials (certificates.attendance) are public like their verification.
        attendance = AttendanceCredential.objects.filter(pk=key).values_list(
            "credential", flat=True
        )
        if not attendance:
            raise
        return bytes(attendance[0])
    content = bytes(certificate.credential)
    if not content:
        raise Certificate.DoesNotExist
    if certificate.is_private and not may_see_details(certificate=certificate, viewer=viewer):
        raise Certificate.DoesNotExist
    return content


@dataclass(frozen=True)
class HeldCredentials:
    """The signed credentials a learner holds now (`list_held_credentials_for_user`)."""

    # Each byte for byte as issued: certificates first, newest first, then attendances.
    credentials: list[bytes]
    # Certificates earned but still being issued (no signed credential yet).
    pending: int


def list_held_credentials_for_user(*, user: User) -> HeldCredentials:
    """The signed Open Badges credentials `user` holds now: issued certificates neither revoked
    nor replaced by a corrected one (an expired one stays: it was earned, and says when it
    expired), and attendance credentials not revoked. Two queries."""
    rows = list(
        Certificate.objects.filter(user=user, revoked_at__isnull=True, superseded_at__isnull=True)
        .order_by("-completed_at", "pk")
        .values_list("state", "credential")
    )
    attendances = (
        AttendanceCredential.objects.filter(user=user, revoked_at__isnull=True)
        .order_by("-issued_at", "pk")
        .values_list("credential", flat=True)
    )
    issued = [bytes(content) for state, content in rows if state == State.ISSUED and content]
    return HeldCredentials(
        credentials=[*issued, *(bytes(content) for content in attendances)],
        pending=len(rows) - len(issued),
    )
