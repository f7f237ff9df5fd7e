"""Reading an uploaded CSV of staff to give seats to: columns `email` and optional `full_name`."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy

__all__ = ["CSV_MAX_BYTES", "CSV_MAX_ROWS", "CsvRow", "read_csv"]

CSV_MAX_BYTES = 256 * 1024
CSV_MAX_ROWS = 1000
CSV_TOO_LARGE = gettext_lazy("The file is larger than %(size)d KiB.")
CSV_TOO_MANY_ROWS = gettext_lazy("At most %(count)d people per file.")
CSV_NOT_TEXT = gettext_lazy("The file is not UTF-8 text.")
CSV_NO_EMAIL_COLUMN = gettext_lazy("The first line must name the columns, including “email”.")
CSV_MALFORMED = gettext_lazy("The file is not a readable CSV file.")
_NAME_MAX_LENGTH = 200


@dataclass(frozen=True)
class CsvRow:
    """One line: its number in the file, the lower-cased address, the name, and whether the
    address is a valid one."""

    line: int
    email: str
    full_name: str
    is_valid_email: bool


def read_csv(content: bytes) -> list[CsvRow]:
    """The rows of the file. Raises ValidationError (codes `too_large`, `not_text`,
    `no_header`, `too_many_rows`, `malformed_csv`) when the file as a whole is unusable; a bad
    address is a row's problem, reported with the row."""
    if len(content) > CSV_MAX_BYTES:
        raise ValidationError(CSV_TOO_LARGE % {"size": CSV_MAX_BYTES // 1024}, code="too_large")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(CSV_NOT_TEXT, code="not_text") from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [str(name).strip().lower() for name in reader.fieldnames or []]
        if "email" not in header:
            raise ValidationError(CSV_NO_EMAIL_COLUMN, code="no_header")
        reader.fieldnames = header
        rows: list[CsvRow] = []
        for number, row in enumerate(reader, start=2):
            if len(rows) >= CSV_MAX_ROWS:
                raise ValidationError(
                    CSV_TOO_MANY_ROWS % {"count": CSV_MAX_ROWS}, code="too_many_rows"
                )
            rows.append(_row(number, row))
    except csv.Error as error:
        raise ValidationError(CSV_MALFORMED, code="malformed_csv") from error
    return rows


def _row(line: int, row: dict[str | None, object]) -> CsvRow:
    email = _text(row.get("email")).strip().lower()
    full_name = " ".join(_text(row.get("full_name")).split())[:_NAME_MAX_LENGTH]
    try:
        validate_email(email)
    except ValidationError:
        return CsvRow(line=line, email=email[:254], full_name=full_name, is_valid_email=False)
    return CsvRow(line=line, email=email, full_name=full_name, is_valid_email=True)


def _text(value: object) -> str:
    # DictReader puts surplus cells in a list under None and fills missing ones with None.
    return value if isinstance(value, str) else ""
