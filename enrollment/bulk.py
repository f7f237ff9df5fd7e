"""Bulk enrolment: a CSV of e-mail addresses becomes one invitation per valid row.

The report says the same for an address with an account and one without (`invited`, or
`already_invited` when an invitation is open or was accepted), so staff cannot use it to find
out who has an account or who is enrolled. The CSV's `name` column never reaches an account or
an e-mail: it is validated with the accounts' name rules and shown back to staff only.
"""

import csv
import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from enrollment import invitations, staff

__all__ = ["CSV_MAX_BYTES", "CSV_MAX_ROWS", "bulk_enroll"]

CSV_MAX_BYTES = 1024 * 1024
CSV_MAX_ROWS = 5000
CSV_NOT_TEXT = gettext_lazy("The file is not UTF-8 text.")
CSV_NO_EMAIL_COLUMN = gettext_lazy("The first line must name the columns, including “email”.")
CSV_TOO_MANY_ROWS = gettext_lazy("At most %(count)d learners per file.")
CSV_BAD_EMAIL = gettext_lazy("Not a valid e-mail address.")
COURSE_NOT_PUBLISHED = gettext_lazy("Publish the course before inviting learners to it.")
COURSE_CLOSED = gettext_lazy("Enrolment closed on %(date)s.")


def bulk_enroll(
    *,
    user: User,
    course_slug: str,
    content: bytes,
    language: str = "en",
    ip_address: str | None = None,
) -> dict[str, Any]:
    """Invite the learners of a CSV file (columns `email` and optional `name`) to a course.

    Each valid row gets an invitation e-mail (see `invitations.send_invitation`) in the
    address's account language where there is one, else in `language`; nobody is enrolled and
    no account is made until the learner accepts. Each row is validated and reported on its own
    (a bad row stops no other); sending the same file again sends nothing new. Raises
    Course.DoesNotExist for courses the user does not staff, and ValidationError when the file
    is unusable or the course cannot take learners (not published, enrolment closed).
    """
    course = staff.course_for_staff(user=user, course_slug=course_slug)
    rows = _read_rows(content)
    if course.published_version_id is None:
        raise ValidationError(COURSE_NOT_PUBLISHED, code="not_published")
    if course.enrollment_closes_at and timezone.now() > course.enrollment_closes_at:
        raise ValidationError(
            COURSE_CLOSED % {"date": date_format(course.enrollment_closes_at)}, code="closed"
        )
    prefetch_related_objects([course], "institutions")
    report = [_check_row(line, row) for line, row in enumerate(rows, start=2)]
    # Only the e-mail's language depends on the account; the report never does.
    account_languages = accounts_api.preferred_languages(
        emails=[entry["email"] for entry in report if "result" not in entry]
    )
    for entry in report:
        if "result" in entry:
            continue
        entry["result"] = invitations.send_invitation(
            course=course,
            email=entry["email"],
            name=entry["name"],
            language=language,
            email_language=account_languages.get(entry["email"], language),
            invited_by=user,
            ip_address=ip_address,
        )
    counts: dict[str, int] = {}
    for entry in report:
        counts[entry["result"]] = counts.get(entry["result"], 0) + 1
    return {"course": course.slug, "rows": report, "summary": counts}


def _read_rows(content: bytes) -> list[dict[str, str]]:
    if len(content) > CSV_MAX_BYTES:
        raise ValidationError(CSV_TOO_MANY_ROWS % {"count": CSV_MAX_ROWS}, code="too_large")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(CSV_NOT_TEXT, code="not_text") from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [name.strip().lower() for name in reader.fieldnames or []]
    except csv.Error as error:
        raise ValidationError(CSV_NO_EMAIL_COLUMN, code="no_header") from error
    if "email" not in header:
        raise ValidationError(CSV_NO_EMAIL_COLUMN, code="no_header")
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > CSV_MAX_ROWS:
                raise ValidationError(
                    CSV_TOO_MANY_ROWS % {"count": CSV_MAX_ROWS}, code="too_many_rows"
                )
    except csv.Error as error:
        raise ValidationError(str(error), code="malformed_csv") from error
    return rows


def _check_row(line: int, row: dict[str, Any]) -> dict[str, Any]:
    """The row's report entry: line, e-mail and normalised name, with `result` "error" and a
    message when the row is unusable (no result yet otherwise)."""
    email = _text(row.get("email")).strip().lower()
    entry: dict[str, Any] = {"line": line, "email": email, "name": ""}
    try:
        validate_email(email)
    except ValidationError:
        return {**entry, "result": "error", "message": str(CSV_BAD_EMAIL)}
    try:
        entry["name"] = accounts_api.normalize_person_name(_text(row.get("name")), required=False)
    except ValidationError as error:
        return {**entry, "result": "error", "message": " ".join(error.messages)}
    return entry


def _text(value: Any) -> str:
    # DictReader puts a row's surplus cells in a list under the None key, and fills missing
    # ones with None; neither is text.
    return value if isinstance(value, str) else ""
