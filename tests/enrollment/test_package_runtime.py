"""SCORM run-time data checked and read as the standards say (pure functions)."""

from decimal import Decimal
from typing import Any

import pytest

from enrollment.package_runtime import CmiRefusedError, check_commit


def _12(core: dict[str, Any], **cmi: Any) -> dict[str, Any]:
    return {"cmi": {"core": core, **cmi}}


@pytest.mark.parametrize(
    ("status", "raw", "mastery", "expected"),
    [
        ("completed", "", None, ("completed", "unknown", None, True)),
        ("passed", "90", None, ("completed", "passed", Decimal("90.00"), True)),
        ("failed", "40", None, ("completed", "failed", Decimal("40.00"), False)),
        ("incomplete", "", None, ("incomplete", "unknown", None, False)),
        ("browsed", "", None, ("incomplete", "unknown", None, False)),
        # the masteryscore overrides the SCO's status once a raw score exists
        ("completed", "85", Decimal(80), ("completed", "passed", Decimal("85.00"), True)),
        ("passed", "60", Decimal(80), ("completed", "failed", Decimal("60.00"), False)),
        ("incomplete", "80", Decimal(80), ("completed", "passed", Decimal("80.00"), True)),
    ],
)
def test_scorm_12_lesson_status_and_the_mastery_score(
    status: str, raw: str, mastery: Decimal | None, expected: tuple[Any, ...]
) -> None:
    outcome = check_commit(
        standard="scorm_1.2",
        body=_12({"lesson_status": status, "score": {"raw": raw, "min": "", "max": ""}}),
        mastery_score=mastery,
    )

    assert (
        outcome.completion_status,
        outcome.success_status,
        outcome.score,
        outcome.is_complete,
    ) == expected


def test_a_scorm_12_score_is_a_percentage_of_its_range() -> None:
    outcome = check_commit(
        standard="scorm_1.2",
        body=_12({"lesson_status": "passed", "score": {"raw": "15", "min": "10", "max": "20"}}),
        mastery_score=None,
    )

    assert outcome.score == Decimal("50.00")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            _12({"lesson_status": "done"}),
            "cmi.core.lesson_status must be one of: browsed, completed, failed, incomplete, "
            "not attempted, passed.",
        ),
        (_12({"score": {"raw": "101"}}), "cmi.core.score.raw must be between 0 and 100."),
        (_12({"score": {"raw": "-1"}}), "cmi.core.score.raw must be between 0 and 100."),
        (_12({"score": {"raw": "lots"}}), "cmi.core.score.raw must be a number."),
        (_12({"score": {"raw": True}}), "cmi.core.score.raw must be a number."),
        (
            _12({}, suspend_data="x" * 4097),
            "cmi.suspend_data is longer than the 4096 characters the standard allows.",
        ),
        (
            _12({"lesson_location": "x" * 256}),
            "cmi.core.lesson_location is longer than the 255 characters the standard allows.",
        ),
        (_12({"exit": "away"}), "cmi.core.exit must be one of: , logout, suspend, time-out."),
        ({"core": {}}, "The commit must be a JSON object with the run-time data in “cmi”."),
        ([], "The commit must be a JSON object with the run-time data in “cmi”."),
    ],
    ids=[
        "status",
        "raw-over",
        "raw-under",
        "raw-text",
        "raw-bool",
        "suspend-data",
        "location",
        "exit",
        "no-cmi",
        "not-an-object",
    ],
)
def test_scorm_12_refusals(body: Any, message: str) -> None:
    with pytest.raises(CmiRefusedError) as refused:
        check_commit(standard="scorm_1.2", body=body, mastery_score=None)

    assert refused.value.message == message


def test_scorm_12_limits_are_inclusive() -> None:
    outcome = check_commit(
        standard="scorm_1.2",
        body=_12({"lesson_location": "x" * 255, "score": {"raw": 100}}, suspend_data="y" * 4096),
        mastery_score=None,
    )

    assert (len(outcome.location), len(outcome.suspend_data), outcome.score) == (
        255,
        4096,
        Decimal("100.00"),
    )


@pytest.mark.parametrize(
    ("cmi", "mastery", "threshold", "expected"),
    [
        (
            {
                "completion_status": "completed",
                "success_status": "passed",
                "score": {"scaled": "0.9"},
            },
            None,
            None,
            ("completed", "passed", Decimal("90.00"), True),
        ),
        (
            {
                "completion_status": "completed",
                "success_status": "passed",
                "score": {"scaled": "0.6"},
            },
            Decimal(80),
            None,
            ("completed", "failed", Decimal("60.00"), False),
        ),
        (
            {"completion_status": "incomplete", "progress_measure": "0.8"},
            None,
            Decimal("0.75"),
            ("completed", "unknown", None, True),
        ),
        (
            {"completion_status": "completed", "progress_measure": "0.5"},
            None,
            Decimal("0.75"),
            ("incomplete", "unknown", None, False),
        ),
        (
            {"completion_status": "completed", "score": {"scaled": "-0.5"}},
            None,
            None,
            ("completed", "unknown", Decimal("0.00"), True),
        ),
    ],
    ids=["passed", "below-passing-score", "threshold-met", "threshold-not-met", "negative-scaled"],
)
def test_scorm_2004_completion_success_and_score(
    cmi: dict[str, Any],
    mastery: Decimal | None,
    threshold: Decimal | None,
    expected: tuple[Any, ...],
) -> None:
    outcome = check_commit(
        standard="scorm_2004",
        body={"cmi": cmi},
        mastery_score=mastery,
        completion_threshold=threshold,
    )

    assert (
        outcome.completion_status,
        outcome.success_status,
        outcome.score,
        outcome.is_complete,
    ) == expected


@pytest.mark.parametrize(
    ("cmi", "message"),
    [
        (
            {"completion_status": "passed"},
            "cmi.completion_status must be one of: completed, incomplete, not attempted, unknown.",
        ),
        (
            {"success_status": "completed"},
            "cmi.success_status must be one of: failed, passed, unknown.",
        ),
        ({"score": {"scaled": "1.01"}}, "cmi.score.scaled must be between -1 and 1."),
        ({"progress_measure": 2}, "cmi.progress_measure must be between 0 and 1."),
        (
            {"suspend_data": "x" * 64001},
            "cmi.suspend_data is longer than the 64000 characters the standard allows.",
        ),
        (
            {"location": "x" * 1001},
            "cmi.location is longer than the 1000 characters the standard allows.",
        ),
        ({"location": 5}, "cmi.location must be text."),
    ],
    ids=[
        "completion",
        "success",
        "scaled",
        "progress",
        "suspend-data",
        "location",
        "location-type",
    ],
)
def test_scorm_2004_refusals(cmi: dict[str, Any], message: str) -> None:
    with pytest.raises(CmiRefusedError) as refused:
        check_commit(standard="scorm_2004", body={"cmi": cmi}, mastery_score=None)

    assert refused.value.message == message


def test_the_commit_object_form_of_scorm_again_is_read_too() -> None:
    body = {
        "successStatus": "passed",
        "runtimeData": {"cmi": {"completion_status": "completed", "location": "p3"}},
    }

    outcome = check_commit(standard="scorm_2004", body=body, mastery_score=None)

    assert (outcome.completion_status, outcome.location) == ("completed", "p3")
