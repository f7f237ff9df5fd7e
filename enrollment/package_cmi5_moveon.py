"""cmi5's moveOn applied to progress: after the LRS stores an AU's "completed", "passed" or
"failed" (or the LMS's "launched"), the AU's statements in its registration decide whether the
package lesson is done; its score counts like a SCORM package's, and the LMS states
"satisfied" for the cmi5 course once (cmi5 9.3.9, 13.1.4 moveOn)."""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models.fields.json import KT
from django.utils import timezone

from courses import api as courses_api
from courses.models import ElearningPackage
from enrollment.models import PackageAttempt
from enrollment.package_cmi5 import (
    EXTENSION,
    au_activity_id,
    course_activity_id,
    learner_agent,
)
from enrollment.package_commits import record_package_outcome
from enrollment.package_launch import PackageLaunch
from enrollment.package_runtime import Outcome
from lrs import api as lrs_api
from lrs.models import Statement

__all__ = ["Cmi5Outcome", "apply_move_on", "is_satisfied"]

VERBS = lrs_api.VERBS
_RESULT_VERBS = (VERBS["completed"], VERBS["passed"], VERBS["failed"])
# The "satisfied" statement's id comes from its registration and object: stated once.
_SATISFIED_NAMESPACE = uuid.UUID("5a0e1f7c-3b2d-4c8e-9f61-7d2a4b9c0e13")


@dataclass(frozen=True)
class Cmi5Outcome(Outcome):
    """An AU's outcome in cmi5's terms: the lesson is done when moveOn is satisfied."""

    satisfied: bool = False

    @property
    def is_complete(self) -> bool:
        return self.satisfied


def is_satisfied(move_on: str, *, completed: bool, passed: bool) -> bool:
    """Whether an AU with `move_on` is satisfied (cmi5 13.1.4)."""
    return {
        "Completed": completed,
        "Passed": passed,
        "CompletedAndPassed": completed and passed,
        "CompletedOrPassed": completed or passed,
        "NotApplicable": True,
    }.get(move_on, False)


def _percent(statement: dict[str, Any]) -> Decimal | None:
    scaled = statement.get("result", {}).get("score", {}).get("scaled")
    return None if scaled is None else (Decimal(str(scaled)) * 100).quantize(Decimal("0.01"))


def _outcome(
    attempt: PackageAttempt, move_on: str, statements: list[tuple[str, dict[str, Any]]]
) -> Cmi5Outcome:
    verbs = {verb for verb, _ in statements}
    completed, passed = VERBS["completed"] in verbs, VERBS["passed"] in verbs
    failed = VERBS["failed"] in verbs and not passed
    scores = [
        _percent(statement)
        for verb, statement in statements
        if verb in (VERBS["passed"], VERBS["failed"])
    ]
    known = [score for score in scores if score is not None]
    return Cmi5Outcome(
        cmi=attempt.cmi,
        completion_status="completed" if completed else ("incomplete" if verbs else "unknown"),
        success_status="passed" if passed else ("failed" if failed else "unknown"),
        score=max(known) if known else None,
        suspend_data="",
        location="",
        satisfied=is_satisfied(move_on, completed=completed, passed=passed),
    )


def apply_move_on(*, organization_id: int, statement_ids: list[str]) -> None:
    """Apply moveOn for every cmi5 registration whose AU got a result (or a launch) among
    the stored statements. Idempotent: the same statements again change nothing."""
    rows = Statement.objects.filter(
        organization_id=organization_id,
        id__in=statement_ids,
        verb_id__in=[*_RESULT_VERBS, VERBS["launched"]],
        registration__isnull=False,
    ).values_list("registration", "object_activity_id", "statement")
    sessions: dict[tuple[str, str], str | None] = {}
    results: set[tuple[str, str]] = set()
    for registration_id, activity_id, statement in rows:
        pair = (str(registration_id), activity_id)
        context = statement.get("context", {})
        sessions.setdefault(pair, context.get("extensions", {}).get(EXTENSION + "sessionid"))
        if statement["verb"]["id"] in _RESULT_VERBS:
            results.add(pair)
    if not sessions:
        return
    # One query for the batch's registrations, on the index of the cmi5 attempts' registration
    # (most statements are not a learner's cmi5 results: a batch of them asks once).
    attempts = {
        attempt.registration: attempt
        for attempt in PackageAttempt.objects.annotate(registration=KT("cmi__registration"))
        .filter(standard="cmi5", registration__in={pair[0] for pair in sessions})
        .select_related("enrollment", "enrollment__user")
    }
    for (registration, activity), session in sessions.items():
        attempt = attempts.get(registration)
        if attempt is not None:
            _apply_registration(
                organization_id,
                attempt,
                registration,
                activity,
                session,
                launched_only=(registration, activity) not in results,
            )


def _apply_registration(
    organization_id: int,
    attempt: PackageAttempt,
    registration: str,
    activity: str,
    session: str | None,
    *,
    launched_only: bool,
) -> None:
    enrollment = attempt.enrollment
    lesson_key = str(attempt.lesson_key)
    package = courses_api.playing_package(course_id=enrollment.course_id, lesson_key=lesson_key)
    if package is None or package.standard != ElearningPackage.Standard.CMI5:
        return
    au = next(item for item in package.items if item.get("is_sco"))
    expected = au_activity_id(
        course_id=enrollment.course_id, lesson_key=lesson_key, publisher_id=au["identifier"]
    )
    if activity != expected:
        return
    statements = list(
        Statement.objects.filter(
            organization_id=organization_id,
            registration=registration,
            object_activity_id=activity,
            verb_id__in=_RESULT_VERBS,
            voided=False,
        )
        .order_by("stored", "sequence")
        .values_list("verb_id", "statement")
    )
    move_on = au.get("move_on") or "NotApplicable"
    if launched_only and move_on != "NotApplicable":
        return  # a launch decides only an AU that needs nothing (cmi5 9.6.1)
    language = enrollment.user.preferred_language
    launch = PackageLaunch(
        user_id=enrollment.user_id,
        enrollment=enrollment,
        lesson_key=lesson_key,
        package=package,
        language=language,
    )
    try:
        result = record_package_outcome(
            launch=launch,
            derive=lambda current: _outcome(current, move_on, statements),
            language=language,
        )
    except (ObjectDoesNotExist, ValidationError):
        return  # left or no longer in the course: the LRS keeps the statements, nothing more
    if result["is_complete"]:
        _state_satisfied(organization_id, enrollment, lesson_key, au, registration, session)


def _state_satisfied(
    organization_id: int,
    enrollment: Any,
    lesson_key: str,
    au: dict[str, Any],
    registration: str,
    session: str | None,
) -> None:
    """The LMS's "satisfied" for the cmi5 course (the package: the lesson plays its one AU),
    once per registration, with the session id of the launch that satisfied it."""
    course = course_activity_id(course_id=enrollment.course_id, lesson_key=lesson_key)
    statement_id = str(uuid.uuid5(_SATISFIED_NAMESPACE, f"{registration}:{course}"))
    if Statement.objects.filter(id=statement_id).exists():
        return
    lrs_api.store_lms_statements(
        organization_id=organization_id,
        statements=[
            {
                "id": statement_id,
                "actor": learner_agent(enrollment.user_id),
                "verb": {"id": VERBS["satisfied"], "display": {"en-US": "Satisfied"}},
                "object": {
                    "objectType": "Activity",
                    "id": course,
                    "definition": {"type": "https://w3id.org/xapi/cmi5/activitytype/course"},
                },
                "context": {
                    "registration": registration,
                    "contextActivities": {
                        "grouping": [{"id": au["identifier"]}],
                        "category": [{"id": lrs_api.CATEGORY_CMI5}],
                    },
                    "extensions": {EXTENSION + "sessionid": session or str(uuid.uuid4())},
                },
                "timestamp": timezone.now().isoformat(),
            }
        ],
    )
