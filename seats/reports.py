"""The monthly seat report: per pool, the seats used and, for consenting learners only, the
completions and certificates of the month; as CSV for download and e-mailed to the admins."""

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Membership, Organization, User
from certificates import api as certificates_api
from certificates.models import Certificate
from enrollment.models import Enrollment
from programs.models import ProgramCompletion
from seats.access import get_employer_for_admin
from seats.assigning import target_title
from seats.models import SeatAssignment, SeatPool, SeatReport

__all__ = [
    "ReportFile",
    "parse_month",
    "report_csv_for_admin",
    "seat_report_csv",
    "send_monthly_seat_reports",
]

logger = logging.getLogger(__name__)

BAD_MONTH = gettext_lazy("Give the month as YYYY-MM.")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADER = [
    "section",
    "pool",
    "course",
    "title",
    "seats",
    "used_seats",
    "assigned_in_month",
    "consent_granted",
    "completions_in_month",
    "certificates_in_month",
    "learner_email",
    "learner_name",
    "completed_at",
    "certificate_url",
    "program",
]


@dataclass(frozen=True)
class ReportFile:
    """A CSV download or attachment: its file name and its text."""

    filename: str
    text: str


def parse_month(value: str) -> date:
    """`YYYY-MM` as the first day of that month; ValidationError (`bad_month`) otherwise."""
    try:
        parsed = datetime.strptime(value, "%Y-%m").date()  # noqa: DTZ007 - a date, no time
    except ValueError as error:
        raise ValidationError(BAD_MONTH, code="bad_month") from error
    if parsed.year < 2000:
        raise ValidationError(BAD_MONTH, code="bad_month")
    return parsed


def _bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(month, time.min))
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start, timezone.make_aware(datetime.combine(following, time.min))


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _course_month(
    course_id: int, learner_ids: list[int], start: datetime, end: datetime
) -> tuple[dict[int, str], dict[int, str]]:
    """The course completions (time) and certificates (verification URL) of the month."""
    completed_at = {
        enrollment.user_id: enrollment.completed_at.isoformat()
        for enrollment in Enrollment.objects.filter(
            course_id=course_id,
            user_id__in=learner_ids,
            completed_at__gte=start,
            completed_at__lt=end,
        )
        if enrollment.completed_at is not None
    }
    certificates = {
        certificate.user_id: certificates_api.verification_url(certificate_id=str(certificate.pk))
        for certificate in Certificate.objects.filter(
            course_id=course_id,
            user_id__in=learner_ids,
            superseded_at__isnull=True,
            issued_at__gte=start,
            issued_at__lt=end,
        )
    }
    return completed_at, certificates


def _program_month(
    program_id: int, learner_ids: list[int], start: datetime, end: datetime
) -> tuple[dict[int, str], dict[int, str]]:
    """The programs completed (time) and program credentials earned (verification URL) in
    the month; a revoked credential is not counted."""
    completions = list(
        ProgramCompletion.objects.filter(
            program_id=program_id,
            user_id__in=learner_ids,
            completed_at__gte=start,
            completed_at__lt=end,
        ).select_related("credential")
    )
    completed_at = {
        completion.user_id: completion.completed_at.isoformat() for completion in completions
    }
    credentials = {
        completion.user_id: certificates_api.verification_url(
            certificate_id=str(completion.credential.pk)
        )
        for completion in completions
        if completion.credential.revoked_at is None
    }
    return completed_at, credentials


def seat_report_csv(*, organization: Organization, month: date, language: str) -> ReportFile:
    """The organisation's report for `month` (the first of the month): one `pool` line per
    pool, then one `learner` line per consenting learner who completed or received a
    certificate that month (for a program pool: who completed the program, and its program
    credential; the `program` column names it and `course` is empty). Learners who have not
    granted consent are counted in `used_seats` only. A fixed number of queries per pool."""
    start, end = _bounds(month)
    pools = (
        SeatPool.objects.filter(organization=organization, created_at__lt=end)
        .select_related("course__published_version", "program")
        .annotate(
            used=Count(
                "assignments",
                filter=Q(assignments__assigned_at__lt=end)
                & (
                    Q(assignments__released_at__isnull=True)
                    | Q(assignments__released_at__gte=end)
                    | Q(assignments__is_consumed=True)
                ),
            ),
            assigned_in_month=Count(
                "assignments",
                filter=Q(assignments__assigned_at__gte=start, assignments__assigned_at__lt=end),
            ),
        )
        .order_by("created_at", "pk")
    )
    lines: list[list[Any]] = []
    for pool in pools:
        consenting: dict[int, SeatAssignment] = {
            assignment.learner_id: assignment  # type: ignore[misc]
            for assignment in SeatAssignment.objects.filter(
                pool=pool,
                released_at__isnull=True,
                consent=SeatAssignment.Consent.GRANTED,
                learner__isnull=False,
            )
        }
        if pool.program_id is not None:
            completed_at, credential_urls = _program_month(
                pool.program_id, list(consenting), start, end
            )
        else:
            assert pool.course_id is not None  # noqa: S101 - the pool's check constraint
            completed_at, credential_urls = _course_month(
                pool.course_id, list(consenting), start, end
            )
        title = target_title(pool, language)
        course_slug = pool.course.slug if pool.course is not None else ""
        program_slug = pool.program.slug if pool.program is not None else ""
        lines.append(
            [
                "pool",
                pool.pk,
                course_slug,
                title,
                pool.seat_count,
                pool.used,
                pool.assigned_in_month,
                len(consenting),
                len(completed_at),
                len(credential_urls),
                "",
                "",
                "",
                "",
                program_slug,
            ]
        )
        learners = set(completed_at) | set(credential_urls)
        for learner_id in sorted(learners, key=lambda pk: consenting[pk].email):
            lines.append(
                [
                    "learner",
                    pool.pk,
                    course_slug,
                    title,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    consenting[learner_id].email,
                    consenting[learner_id].full_name,
                    completed_at.get(learner_id, ""),
                    credential_urls.get(learner_id, ""),
                    program_slug,
                ]
            )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows([_cell(value) for value in line] for line in lines)
    return ReportFile(
        filename=f"seats-{organization.slug}-{month:%Y-%m}.csv", text="\ufeff" + buffer.getvalue()
    )


def report_csv_for_admin(
    *, user: User, organization_slug: str, month: str, language: str
) -> ReportFile:
    """`seat_report_csv` for an administrator of the employer, any month (`YYYY-MM`). Raises
    Organization.DoesNotExist unless `user` administers it, ValidationError for a bad month."""
    organization = get_employer_for_admin(user=user, slug=organization_slug)
    return seat_report_csv(organization=organization, month=parse_month(month), language=language)


def send_monthly_seat_reports(*, today: date | None = None) -> int:
    """E-mail last month's report to the administrators of every employer holding seats; once
    per organisation and month (a SeatReport row, locked while sending, marks it sent), so
    running it again, or daily, sends nothing twice. A mail server failure leaves that
    organisation's report unsent for the next run. Returns the number of reports sent."""
    today = today or timezone.localdate()
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    sent = 0
    organization_ids = (
        SeatPool.objects.filter(organization__kind=Organization.Kind.EMPLOYER)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    for organization_id in organization_ids:
        SeatReport.objects.get_or_create(organization_id=organization_id, month=month)
        try:
            sent += _send_report(organization_id=organization_id, month=month)
        except OSError:
            logger.warning("The seat report of organisation %s could not be sent", organization_id)
    return sent


@transaction.atomic
def _send_report(*, organization_id: int, month: date) -> int:
    report = (
        SeatReport.objects.select_for_update(skip_locked=True)
        .filter(organization_id=organization_id, month=month, sent_at__isnull=True)
        .select_related("organization")
        .first()
    )
    if report is None:  # sent already, or being sent by another run
        return 0
    organization = report.organization
    admins = User.objects.filter(
        memberships__organization=organization,
        memberships__role=Membership.Role.ADMIN,
        is_active=True,
    ).distinct()
    for admin in admins:
        with translation.override(admin.preferred_language):
            attachment = seat_report_csv(
                organization=organization, month=month, language=admin.preferred_language
            )
            subject = _("Seat report %(month)s: %(organization)s") % {
                "month": f"{month:%Y-%m}",
                "organization": organization.name,
            }
            body = _(
                "Hello %(name)s,\n\nattached is the seat report of %(organization)s for "
                "%(month)s: per seat pool, the seats used, and the completions and certificates "
                "of the month of the learners who allow you to see them.\n\nICIM Academy"
            ) % {
                "name": admin.full_name,
                "organization": organization.name,
                "month": f"{month:%Y-%m}",
            }
        message = EmailMessage(
            subject=accounts_api.single_line(subject), body=body, to=[admin.email]
        )
        message.attach(attachment.filename, attachment.text, "text/csv")
        message.send()
    report.sent_at = timezone.now()
    report.save(update_fields=["sent_at"])
    return 1
