"""The cmi5 profile's rules for the statements an AU writes with its launch credential."""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from lrs.models import Client, Statement
from lrs.validation import VOIDED

__all__ = [
    "CATEGORY_CMI5",
    "CATEGORY_MOVEON",
    "SESSION_ID",
    "TERMINATED_GRACE",
    "VERBS",
    "RejectedError",
    "check_au_statements",
    "note_terminated",
]

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "initialized": ADL + "initialized",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
    "waived": "https://w3id.org/xapi/adl/verbs/waived",
    "terminated": ADL + "terminated",
    "satisfied": "https://w3id.org/xapi/adl/verbs/satisfied",
}
# Only the LMS states these (cmi5 9.3.1, 9.3.6, 9.3.7, 9.3.9).
LMS_ONLY = {VERBS[name] for name in ("launched", "abandoned", "waived", "satisfied")}
AU_DEFINED = {
    VERBS[name] for name in ("initialized", "completed", "passed", "failed", "terminated")
}
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CATEGORY_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
# How long a terminated session still takes statements the AU sent just before it ended (9.3.8:
# "wait a specified period of time ... after which it MUST reject statements").
TERMINATED_GRACE = timedelta(seconds=30)


class RejectedError(Exception):
    """A statement the LMS rejects under the cmi5 rules (403 Forbidden, as xAPI names it)."""


def _categories(statement: dict[str, Any]) -> set[str]:
    items = statement.get("context", {}).get("contextActivities", {}).get("category", [])
    return {item.get("id") for item in (items if isinstance(items, list) else [items])}


def _scaled(statement: dict[str, Any]) -> Decimal | None:
    value = statement.get("result", {}).get("score", {}).get("scaled")
    return None if value is None else Decimal(str(value))


def check_au_statements(client: Client, statements: list[dict[str, Any]]) -> None:
    """Reject a batch an AU sends with its cmi5 launch credential when a statement breaks a rule
    the LMS can check alone (cmi5 6.3, 9.3, 9.5, 9.6); nothing of the batch is stored then.

    - no voiding (the LMS gives AUs no permission to void) and no LMS-only verb;
    - a cmi5 defined verb about the AU carries the cmi5 category and the session id;
    - "completed" and "passed" at most once per registration, no "failed" after "passed";
    - a "passed" with a scaled score below the mastery score, or a "failed" at or above it;
    - a score only on "passed" and "failed";
    - nothing more once the session was abandoned, or terminated (after TERMINATED_GRACE).
    """
    scope = client.scope
    if not scope.get("cmi5"):
        return
    if scope.get("abandoned_at"):
        raise RejectedError("this AU session was abandoned: it records no more statements")
    terminated = scope.get("terminated_at")
    if terminated and timezone.now() > datetime.fromisoformat(terminated) + TERMINATED_GRACE:
        raise RejectedError("this AU session has terminated: it records no more statements")
    activity = scope.get("activity_id")
    mastery = scope.get("mastery_score")
    mastery_scaled = None if mastery is None else Decimal(str(mastery))
    # A replayed id is the same statement again (or a conflict the store refuses): not new.
    replayed = {
        str(value)
        for value in Statement.objects.filter(
            id__in=[statement["id"] for statement in statements]
        ).values_list("id", flat=True)
    }
    seen: set[str] = set(
        Statement.objects.filter(
            organization_id=client.organization_id,
            registration=scope.get("registration"),
            object_activity_id=activity,
            verb_id__in=[VERBS["completed"], VERBS["passed"]],
            voided=False,
        ).values_list("verb_id", flat=True)
    )
    for statement in statements:
        if statement["id"] in replayed:
            continue
        verb = statement.get("verb", {}).get("id")
        if verb == VOIDED:
            raise RejectedError("an AU may not void statements")
        if verb in LMS_ONLY:
            raise RejectedError(f"only the LMS states {verb}")
        if verb not in AU_DEFINED or statement.get("object", {}).get("id") != activity:
            continue  # a cmi5 allowed statement: its verbs are the AU's own business
        if CATEGORY_CMI5 not in _categories(statement):
            raise RejectedError("a cmi5 defined statement needs the cmi5 category")
        session = statement.get("context", {}).get("extensions", {}).get(SESSION_ID)
        if session != scope.get("session_id"):
            raise RejectedError("a cmi5 defined statement needs this launch's session id")
        scaled = _scaled(statement)
        if "score" in statement.get("result", {}) and verb not in (
            VERBS["passed"],
            VERBS["failed"],
        ):
            raise RejectedError("only passed and failed statements carry a score")
        if verb in (VERBS["completed"], VERBS["passed"]) and verb in seen:
            raise RejectedError("completed and passed are stated once per registration")
        if verb == VERBS["failed"] and VERBS["passed"] in seen:
            raise RejectedError("a failed statement may not follow a passed one")
        if mastery_scaled is not None and scaled is not None:
            if verb == VERBS["passed"] and scaled < mastery_scaled:
                raise RejectedError("a passed statement's score is below the mastery score")
            if verb == VERBS["failed"] and scaled >= mastery_scaled:
                raise RejectedError("a failed statement's score reaches the mastery score")
        seen.add(verb)


def note_terminated(client: Client, statements: list[dict[str, Any]]) -> None:
    """Record on a cmi5 launch credential that its session terminated, when `statements` (just
    stored through it) include the AU's "Terminated". Call inside the storing transaction."""
    scope = client.scope
    if not scope.get("cmi5") or scope.get("terminated_at"):
        return
    if any(
        statement["verb"]["id"] == VERBS["terminated"]
        and statement["object"].get("id") == scope.get("activity_id")
        for statement in statements
    ):
        client.scope = {**scope, "terminated_at": timezone.now().isoformat()}
        client.save(update_fields=["scope"])
