"""The platform's own statements: every kind it builds passes the LRS's validation."""

import itertools
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from enrollment import xapi
from lrs.validation import validate_statement

BASE = "http://127.0.0.1:8000"
COURSE = f"{BASE}/courses/plc-basics"
RESULTS: list[dict[str, Any]] = [
    {},
    {"completion": True},
    {"score": Decimal("100.00"), "success": True},
    {"score": Decimal("0"), "success": False},
    {"score": Decimal("66.67"), "success": True, "completion": True},
    {"progress": 91, "completion": True, "completed_by": "watching"},
    {"progress": 0, "completion": False},
    {"completion": True, "completed_by": "transcript"},
]


@pytest.mark.parametrize(
    ("verb", "lesson_kind", "language"),
    list(
        itertools.product(
            sorted(xapi.VERBS), [None, "lesson", "quiz", "video"], ["en", "de", "zh-Hans", "ar"]
        )
    ),
)
def test_every_statement_the_platform_builds_is_valid(
    verb: str, lesson_kind: str | None, language: str
) -> None:
    lesson: dict[str, Any] = {}
    if lesson_kind:
        lesson = {
            "lesson_url": f"{COURSE}/lessons/{uuid.uuid4()}",
            "lesson_kind": lesson_kind,
            "lesson_name": "Eingänge – 入力",
        }
    for result in RESULTS:
        statement = xapi.build_statement(
            statement_id=str(uuid.uuid4()),
            verb=verb,
            home_page=BASE,
            account_name="42",
            course_url=COURSE,
            course_name="SPS-Grundlagen",
            registration=str(uuid.uuid4()),
            language=language,
            timestamp=datetime(2026, 12, 7, 10, 0, 0, 123456, tzinfo=UTC),
            **lesson,
            **result,
        )

        validate_statement(statement)  # raises InvalidError on any broken rule
