"""SCORM run-time data as the standards define it: a commit's CMI checked (types, vocabularies,
ranges, lengths) and what it means (completion, success, score in percent); no database.

SCORM 1.2 folds completion and success into `cmi.core.lesson_status`; a package's masteryscore
decides passed or failed whenever a raw score exists. SCORM 2004 keeps `cmi.completion_status`
and `cmi.success_status` apart; the LMS evaluates them against the package's completion
threshold (progress_measure) and scaled passing score (score.scaled) when the package sets them.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy

__all__ = [
    "COMMIT_NOT_JSON",
    "CmiRefusedError",
    "Outcome",
    "check_commit",
    "commit_error_code",
]

SCORM_12 = "scorm_1.2"
SCORM_2004 = "scorm_2004"

# The standards' vocabularies and limits (SCORM 1.2 RTE 3.4; SCORM 2004 4th ed. RTE 4.2).
LESSON_STATUS_12 = frozenset(
    {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
)
EXIT_12 = frozenset({"", "time-out", "suspend", "logout"})
COMPLETION_2004 = frozenset({"completed", "incomplete", "not attempted", "unknown"})
SUCCESS_2004 = frozenset({"passed", "failed", "unknown"})
EXIT_2004 = frozenset({"", "time-out", "suspend", "logout", "normal"})
LIMITS = {
    SCORM_12: {"suspend_data": 4096, "location": 255},
    SCORM_2004: {"suspend_data": 64000, "location": 1000},
}
# The error codes a failed commit answers: 1.2's general exception, 2004's general commit failure.
_ERROR_CODES = {SCORM_12: 101, SCORM_2004: 351}

COMMIT_NOT_JSON = gettext_lazy("The commit's body is not JSON.")
NOT_AN_OBJECT = gettext_lazy("The commit must be a JSON object with the run-time data in “cmi”.")
NOT_IN_VOCABULARY = gettext_lazy("%(element)s must be one of: %(allowed)s.")
NOT_A_NUMBER = gettext_lazy("%(element)s must be a number.")
OUT_OF_RANGE = gettext_lazy("%(element)s must be between %(low)s and %(high)s.")
TOO_LONG = gettext_lazy("%(element)s is longer than the %(limit)d characters the standard allows.")
NOT_TEXT = gettext_lazy("%(element)s must be text.")


class CmiRefusedError(Exception):
    """A commit the standard refuses; `message` says which element and why (translated)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Outcome:
    """What a valid commit means: the CMI to keep, completion and success per the standard
    (their values in its vocabulary), the score in percent, and whether the lesson is done
    (completed, and not failed)."""

    cmi: dict[str, Any]
    completion_status: str
    success_status: str
    score: Decimal | None
    suspend_data: str
    location: str

    @property
    def is_complete(self) -> bool:
        return self.completion_status == "completed" and self.success_status != "failed"


def commit_error_code(standard: str) -> int:
    return _ERROR_CODES.get(standard, 101)


def _text(value: Any, element: str, limit: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CmiRefusedError(str(NOT_TEXT % {"element": element}))
    if limit is not None and len(value) > limit:
        raise CmiRefusedError(str(TOO_LONG % {"element": element, "limit": limit}))
    return value


def _choice(value: Any, element: str, allowed: frozenset[str], default: str) -> str:
    text = _text(value, element)
    if text == "" and default in allowed:
        return default
    if text not in allowed:
        raise CmiRefusedError(
            str(NOT_IN_VOCABULARY % {"element": element, "allowed": ", ".join(sorted(allowed))})
        )
    return text


def _number(
    value: Any, element: str, low: Decimal | None = None, high: Decimal | None = None
) -> Decimal | None:
    """A CMIDecimal: a number or its text; "" (never set) is None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CmiRefusedError(str(NOT_A_NUMBER % {"element": element}))
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise CmiRefusedError(str(NOT_A_NUMBER % {"element": element})) from None
    if not number.is_finite():
        raise CmiRefusedError(str(NOT_A_NUMBER % {"element": element}))
    if (low is not None and number < low) or (high is not None and number > high):
        raise CmiRefusedError(str(OUT_OF_RANGE % {"element": element, "low": low, "high": high}))
    return number


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _percent(raw: Decimal | None, low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """A raw score as a percentage of its range (0..100 when the SCO sets none), within 0..100."""
    if raw is None:
        return None
    if low is not None and high is not None and high > low:
        value = (raw - low) * 100 / (high - low)
    else:
        value = raw
    return min(Decimal(100), max(Decimal(0), value)).quantize(Decimal("0.01"))


def _runtime_data(body: Any) -> dict[str, Any]:
    """The `cmi` object of what scorm-again sends: `{"cmi": ...}`, or its commit object with the
    CMI under `runtimeData` (renderCommonCommitFields)."""
    if not isinstance(body, dict):
        raise CmiRefusedError(str(NOT_AN_OBJECT))
    if isinstance(body.get("runtimeData"), dict):
        body = body["runtimeData"]
    cmi = body.get("cmi")
    if not isinstance(cmi, dict):
        raise CmiRefusedError(str(NOT_AN_OBJECT))
    return cmi


def _check_12(cmi: dict[str, Any], mastery: Decimal | None) -> Outcome:
    limits = LIMITS[SCORM_12]
    core = _object(cmi.get("core"))
    status = _choice(
        core.get("lesson_status"), "cmi.core.lesson_status", LESSON_STATUS_12, "not attempted"
    )
    _choice(core.get("exit"), "cmi.core.exit", EXIT_12, "")
    score = _object(core.get("score"))
    hundred = (Decimal(0), Decimal(100))
    raw = _number(score.get("raw"), "cmi.core.score.raw", *hundred)
    low = _number(score.get("min"), "cmi.core.score.min", *hundred)
    high = _number(score.get("max"), "cmi.core.score.max", *hundred)
    location = _text(core.get("lesson_location"), "cmi.core.lesson_location", limits["location"])
    suspend_data = _text(cmi.get("suspend_data"), "cmi.suspend_data", limits["suspend_data"])
    percent = _percent(raw, low, high)
    # The masteryscore overrides the SCO's verdict whenever a raw score exists (RTE 3.4.4).
    if mastery is not None and percent is not None and status != "not attempted":
        status = "passed" if percent >= mastery else "failed"
    completion = {
        "passed": "completed",
        "completed": "completed",
        "failed": "completed",
        "incomplete": "incomplete",
        "browsed": "incomplete",
        "not attempted": "not attempted",
    }[status]
    success = status if status in {"passed", "failed"} else "unknown"
    return Outcome(cmi, completion, success, percent, suspend_data, location)


def _check_2004(
    cmi: dict[str, Any], mastery: Decimal | None, completion_threshold: Decimal | None
) -> Outcome:
    limits = LIMITS[SCORM_2004]
    completion = _choice(
        cmi.get("completion_status"), "cmi.completion_status", COMPLETION_2004, "unknown"
    )
    success = _choice(cmi.get("success_status"), "cmi.success_status", SUCCESS_2004, "unknown")
    _choice(cmi.get("exit"), "cmi.exit", EXIT_2004, "")
    score = _object(cmi.get("score"))
    scaled = _number(score.get("scaled"), "cmi.score.scaled", Decimal(-1), Decimal(1))
    raw = _number(score.get("raw"), "cmi.score.raw")
    low = _number(score.get("min"), "cmi.score.min")
    high = _number(score.get("max"), "cmi.score.max")
    progress = _number(cmi.get("progress_measure"), "cmi.progress_measure", Decimal(0), Decimal(1))
    location = _text(cmi.get("location"), "cmi.location", limits["location"])
    suspend_data = _text(cmi.get("suspend_data"), "cmi.suspend_data", limits["suspend_data"])
    # The LMS's evaluation (RTE 4.2.4.1, 4.2.22.1): a threshold or passing score the package
    # sets decides over what the SCO said, once the measure it compares is known.
    if completion_threshold is not None and progress is not None:
        completion = "completed" if progress >= completion_threshold else "incomplete"
    passing = None if mastery is None else mastery / 100
    if passing is not None and scaled is not None:
        success = "passed" if scaled >= passing else "failed"
    percent: Decimal | None = None
    if scaled is not None:
        percent = min(Decimal(100), max(Decimal(0), scaled * 100)).quantize(Decimal("0.01"))
    elif raw is not None and low is not None:
        percent = _percent(raw, low, high)
    return Outcome(cmi, completion, success, percent, suspend_data, location)


def check_commit(
    *,
    standard: str,
    body: Any,
    mastery_score: Decimal | None,
    completion_threshold: Decimal | None = None,
) -> Outcome:
    """The outcome of a commit's body for a package of `standard` whose mastery score (percent)
    and completion threshold (0..1, SCORM 2004) are given. Raises CmiRefusedError naming the
    first element the standard refuses (vocabulary, type, range or length)."""
    cmi = _runtime_data(body)
    if standard == SCORM_12:
        return _check_12(cmi, mastery_score)
    return _check_2004(cmi, mastery_score, completion_threshold)
