"""Staff analytics as CSV files that spreadsheets open safely (UTF-8 with a byte-order mark,
no cell run as a formula)."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from enrollment.analytics import course_analytics, institution_analytics
from enrollment.models import Enrollment

__all__ = ["CsvFile", "course_analytics_csv", "institution_analytics_csv"]

# A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvFile:
    """A CSV download: its suggested file name and its text."""

    filename: str
    text: str


def course_analytics_csv(*, user: User, course_slug: str, language: str) -> CsvFile:
    """`course_analytics` one figure a line: section, key, label, count, value. Raises as
    `course_analytics` does."""
    analytics = course_analytics(user=user, course_slug=course_slug, language=language)
    return CsvFile(
        filename=f"course-analytics-{analytics['course']}.csv",
        text=_csv_text(["section", "key", "label", "count", "value"], _course_rows(analytics)),
    )


def institution_analytics_csv(*, user: User, organization_slug: str, language: str) -> CsvFile:
    """`institution_analytics` one course a line, then a line `*` with the institution's totals.
    Raises as `institution_analytics` does."""
    analytics = institution_analytics(
        user=user, organization_slug=organization_slug, language=language
    )
    statuses = list(Enrollment.Status.values)
    rows = [
        [
            course["course"],
            course["title"],
            *(course["enrollments"][name] for name in statuses),
            course["completion_rate"],
            course["average_grade"],
        ]
        for course in analytics["courses"]
    ]
    rows.append(
        [
            "*",
            analytics["name"],
            *(analytics["enrollments"][name] for name in statuses),
            analytics["completion_rate"],
            analytics["average_grade"],
        ]
    )
    return CsvFile(
        filename=f"institution-analytics-{analytics['institution']}.csv",
        text=_csv_text(["course", "title", *statuses, "completion_rate", "average_grade"], rows),
    )


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_text(header: list[str], rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    # With a byte-order mark, Excel opens UTF-8 (Chinese, Arabic titles) correctly.
    return "\ufeff" + buffer.getvalue()


def _course_rows(analytics: dict[str, Any]) -> Iterable[list[Any]]:
    """The course analytics as rows of (section, key, label, count, value)."""
    yield ["summary", "active_learners_30_days", "", analytics["active_learners_30_days"], ""]
    yield ["summary", "completion_rate", "", "", analytics["completion_rate"]]
    yield ["summary", "average_grade", "", "", analytics["average_grade"]]
    for status_name, count in analytics["enrollments"].items():
        yield ["enrollments", status_name, "", count, ""]
    for day in analytics["enrollments_over_time"]:
        yield ["enrollments_over_time", day["date"].isoformat(), "", day["count"], ""]
    for band in analytics["grade_distribution"]:
        key = f"{band['from_grade']}-{band['to_grade']}"
        yield ["grade_distribution", key, "", band["count"], ""]
    for step in analytics["funnel"]:
        label = f"{step['number']}. {step['title']}"
        yield ["funnel", step["module"], label, step["learners_completed"], ""]
    for question in analytics["questions"]:
        label = f"{question['lesson']}: {question['prompt']}"
        yield [
            "questions",
            question["question"],
            label,
            question["answers"],
            question["correct_share"],
        ]
