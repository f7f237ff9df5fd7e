"""Attendance: recorded by staff from a CSV of e-mail addresses (a report per row), or by the
attendee with the event's check-in code during the event; each attendance is credentialed once,
in the background."""

import csv
import io
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from config.tasks import queue_after_commit
from events.authoring import event_texts, get_event_for_staff
from events.models import Event, Registration
from events.signals import event_attended

Status = Registration.Status

CSV_NOT_TEXT = gettext_lazy("The file is not a UTF-8 CSV file.")
CSV_TOO_LARGE = gettext_lazy("The file has more than %(rows)s rows.")
WRONG_CODE = gettext_lazy("This check-in code is not the event's.")
OUTSIDE_WINDOW = gettext_lazy("Check-in is open only while the event is running.")
MAX_ROWS = 5000


class AttendanceRow(TypedDict):
    """One line of the CSV report."""

    row: int
    email: str
    result: str  # recorded | already_recorded | error
    error: str


def _mark_attended(registration: Registration) -> bool:
    """Record the attendance and queue its credential; False when already recorded."""
    if registration.attended_at is not None:
        return False
    registration.attended_at = timezone.now()
    registration.save(update_fields=["attended_at"])
    from events.tasks import issue_attendance_credential_task

    queue_after_commit(issue_attendance_credential_task, registration.pk)
    registration_id = registration.pk
    transaction.on_commit(
        lambda: event_attended.send(sender=Registration, registration_id=registration_id)
    )
    return True


def _audit_attendance(
    *,
    actor: User,
    event: Event,
    method: str,
    attendee_ids: list[int],
    ip_address: str | None,
    **details: int,
) -> None:
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.EVENT_ATTENDANCE_RECORDED,
        actor=actor,
        target_type="event",
        target_id=event.slug,
        ip_address=ip_address,
        details={"method": method, "attendees": attendee_ids, **details},
    )


@transaction.atomic
def record_attendance_csv(
    *, user: User, slug: str, content: bytes, ip_address: str | None = None
) -> list[AttendanceRow]:
    """Record attendance from a CSV whose first column is an e-mail address (a header row
    `email` is skipped), by staff of the event's organisation. One report line per row: someone
    not registered (or only waitlisted) is an error for that row, the others are recorded.
    An upload that records anyone new is one `event_attendance_recorded` audit row (the
    attendees' user ids and the report's counts). Raises Event.DoesNotExist and ValidationError
    (not UTF-8 text, too many rows)."""
    event = get_event_for_staff(user=user, slug=slug)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError({"file": [CSV_NOT_TEXT]}) from error
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_ROWS:
        raise ValidationError({"file": [CSV_TOO_LARGE % {"rows": MAX_ROWS}]})
    emails = [(number, (row[0] if row else "").strip()) for number, row in enumerate(rows, 1)]
    if emails and emails[0][1].lower() in ("email", "e-mail"):
        emails = emails[1:]
    registrations = {
        r.user.email.lower(): r
        for r in Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(event=event, user__email__in=[email for _n, email in emails if email])
    }
    # Case-insensitive e-mails: a second pass for addresses whose case differs.
    report: list[AttendanceRow] = []
    newly_attended: list[int] = []
    for number, email in emails:
        if not email:
            continue
        registration = registrations.get(email.lower())
        if registration is None:
            found = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("user")
                .filter(event=event, user__email__iexact=email)
                .first()
            )
            registration = found
        if registration is None or registration.status != Status.REGISTERED:
            report.append(
                {
                    "row": number,
                    "email": email,
                    "result": "error",
                    "error": _("Not registered for this event."),
                }
            )
            continue
        recorded = _mark_attended(registration)
        if recorded:
            newly_attended.append(registration.user_id)
        report.append(
            {
                "row": number,
                "email": email,
                "result": "recorded" if recorded else "already_recorded",
                "error": "",
            }
        )
    if newly_attended:
        _audit_attendance(
            actor=user,
            event=event,
            method="csv",
            attendee_ids=newly_attended,
            ip_address=ip_address,
            already_recorded=sum(row["result"] == "already_recorded" for row in report),
            errors=sum(row["result"] == "error" for row in report),
        )
    return report


@transaction.atomic
def check_in(*, user: User, slug: str, code: str, ip_address: str | None = None) -> Registration:
    """The attendee records their own attendance with the code staff show during the event
    (a first check-in is one `event_attendance_recorded` audit row, the attendee its actor).
    Raises Event.DoesNotExist, ValidationError `wrong_code`, `outside_window` and
    `not_registered` (nothing changes)."""
    event = Event.objects.get(slug=slug, state=Event.State.PUBLISHED)
    if code.strip().upper() != event.check_in_code:
        raise ValidationError({"code": [WRONG_CODE]}, code="wrong_code")
    now = timezone.now()
    if not event.starts_at <= now <= event.ends_at:
        raise ValidationError(OUTSIDE_WINDOW, code="outside_window")
    registration = (
        Registration.objects.select_for_update()
        .filter(event=event, user=user, status=Status.REGISTERED)
        .first()
    )
    if registration is None:
        raise ValidationError(_("Not registered for this event."), code="not_registered")
    if _mark_attended(registration):
        _audit_attendance(
            actor=user,
            event=event,
            method="check_in",
            attendee_ids=[user.pk],
            ip_address=ip_address,
        )
    return registration


def issue_credential_for_registration(*, registration_id: int) -> str | None:
    """Issue the attendance credential of a recorded attendance (once: idempotent) and link it.
    Returns the credential's id, or None when the attendance is not (or no longer) recorded."""
    registration = (
        Registration.objects.select_related("event__organization", "user")
        .filter(pk=registration_id, attended_at__isnull=False)
        .first()
    )
    if registration is None:
        return None
    event = registration.event
    texts = event_texts(event, registration.user.preferred_language)
    credential = certificates_api.issue_attendance_credential(
        source=f"event:{event.pk}",
        user_id=registration.user_id,
        organization_id=event.organization_id,
        title=texts["title"],
        description=texts["description"][:1000],
        attended_at=registration.attended_at or timezone.now(),
        achievement_url=f"{settings.PUBLIC_BASE_URL}/events/{event.slug}",
    )
    Registration.objects.filter(pk=registration.pk, credential__isnull=True).update(
        credential=credential
    )
    return str(credential.pk)
