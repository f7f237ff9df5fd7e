"""The platform as the cmi5 LMS at launch: the enrollment's cmi5 registration, the AU's
generated activity id, the LMS.LaunchData state and learner preferences written before the
launch, the "launched" statement, the AU's launch URL, and the one-time fetch URL's token.

cmi5 (AICC/cmi-5_Spec_Current) sections 8 (launch), 9 (statements), 10 (state), 11 (agent
profile). The LRS (lrs) stores and checks what the AU sends; enrollment/package_cmi5_moveon.py
applies moveOn to progress.
"""

import hashlib
import json
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from courses.models import Course, ElearningPackage
from enrollment.models import Enrollment, PackageAttempt
from lrs import api as lrs_api
from lrs.models import Document

__all__ = [
    "LAUNCH_DATA",
    "NO_INSTITUTION",
    "PREFERENCES",
    "au_activity_id",
    "au_launch_url",
    "course_activity_id",
    "fetch_token",
    "learner_agent",
    "organization_of",
    "record_launch",
    "session_claims",
]

LAUNCH_DATA = "LMS.LaunchData"
PREFERENCES = "cmi5LearnerPreferences"
EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/"
NO_INSTITUTION = gettext_lazy("This course belongs to no institution that could record cmi5 data.")
# The fetch URL's answer after its token was handed out once (cmi5 8.2.3).
ALREADY_FETCHED = {
    "error-code": "1",
    "error-text": "The authorization token has already been returned.",
}
# Fetched session ids kept per attempt; older launches' tokens have expired long since.
_KEEP_FETCHED = 50


def learner_agent(user_id: int) -> dict[str, Any]:
    """The learner as the cmi5 actor: an account on the platform, no personal data."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.PUBLIC_BASE_URL, "name": str(user_id)},
    }


def organization_of(course_id: int) -> int | None:
    """The organisation whose LRS records the course's cmi5 data: its first owning institution."""
    course = Course.objects.filter(pk=course_id).first()
    institution = course.institutions.order_by("pk").first() if course else None
    return institution.pk if institution else None


def _first_au(package: ElearningPackage) -> dict[str, Any]:
    """The AU a lesson plays: the package's first (a package of several plays only that one)."""
    return next(item for item in package.items if item.get("is_sco"))


def au_activity_id(*, course_id: int, lesson_key: str, publisher_id: str) -> str:
    """The activity id the LMS generates for an AU: the same for every registration, never the
    publisher's id (cmi5 8.1.5)."""
    digest = hashlib.sha256(publisher_id.encode()).hexdigest()[:16]
    return f"{settings.PUBLIC_BASE_URL}/xapi/cmi5/{course_id}/{lesson_key}/au/{digest}"


def course_activity_id(*, course_id: int, lesson_key: str) -> str:
    """The generated id of the cmi5 course (the package) in "satisfied" statements (9.4)."""
    return f"{settings.PUBLIC_BASE_URL}/xapi/cmi5/{course_id}/{lesson_key}/course"


def _scaled(percent: Any) -> float | None:
    return None if percent is None else float(Decimal(str(percent)) / 100)


def _attempt(enrollment: Enrollment, lesson_key: str, package: ElearningPackage) -> PackageAttempt:
    """The cmi5 attempt of the enrollment's lesson, locked, with its registration (one per
    enrollment and lesson, kept across launches and re-uploads)."""
    attempt = (
        PackageAttempt.objects.select_for_update()
        .filter(enrollment=enrollment, lesson_key=lesson_key)
        .first()
    )
    if attempt is None:
        attempt = PackageAttempt(
            enrollment=enrollment,
            lesson_key=lesson_key,
            package_id=package.pk,
            standard=package.standard,
            # Launched is begun: the learner sees "not finished" until the AU says more.
            completion_status="incomplete",
            updated_at=timezone.now(),
        )
    if not attempt.cmi.get("registration"):
        attempt.cmi = {**attempt.cmi, "registration": str(uuid.uuid4())}
        attempt.save()
    return attempt


def session_claims(
    *, enrollment: Enrollment, lesson_key: str, package: ElearningPackage
) -> dict[str, str]:
    """A new AU session's claims for the launch token: "r" the enrollment's registration for
    the lesson, "s" a new session id, "o" the organisation recording it. Call inside the launch's
    transaction. Raises ValueError when the course has no institution (no LRS to record in)."""
    organization_id = organization_of(enrollment.course_id)
    if organization_id is None:
        raise ValueError(str(NO_INSTITUTION))
    attempt = _attempt(enrollment, lesson_key, package)
    _abandon_previous_session(
        attempt, enrollment=enrollment, package=package, organization_id=organization_id
    )
    session = str(uuid.uuid4())
    attempt.cmi = {
        **attempt.cmi,
        "session": {"id": session, "launched_at": timezone.now().isoformat()},
    }
    attempt.save(update_fields=["cmi"])
    return {"r": attempt.cmi["registration"], "s": session, "o": str(organization_id)}


def _abandon_previous_session(
    attempt: PackageAttempt,
    *,
    enrollment: Enrollment,
    package: ElearningPackage,
    organization_id: int,
) -> None:
    """A relaunch while the last session never said "Terminated": the LMS records it as
    "Abandoned", and that session records nothing more (cmi5 9.3.6)."""
    previous = attempt.cmi.get("session")
    if not previous:
        return
    au = _first_au(package)
    lrs_api.abandon_session(
        organization_id=organization_id,
        session_id=previous["id"],
        registration=attempt.cmi["registration"],
        actor=learner_agent(enrollment.user_id),
        activity_id=au_activity_id(
            course_id=enrollment.course_id,
            lesson_key=str(attempt.lesson_key),
            publisher_id=au["identifier"],
        ),
        publisher_id=au["identifier"],
        launched_at=datetime.fromisoformat(previous["launched_at"]),
    )


def record_launch(
    *,
    enrollment: Enrollment,
    lesson_key: str,
    package: ElearningPackage,
    language: str,
    claims: dict[str, str],
    au_url: str,
) -> None:
    """Before an AU launch (cmi5 10, 11, 9.3.1): the LMS.LaunchData state and the
    cmi5LearnerPreferences profile written, the "launched" statement recorded. `au_url` is the
    AU's URL without cmi5's parameters (the launchurl extension)."""
    organization_id = int(claims["o"])
    registration, session = claims["r"], claims["s"]
    au = _first_au(package)
    agent = learner_agent(enrollment.user_id)
    activity = au_activity_id(
        course_id=enrollment.course_id, lesson_key=lesson_key, publisher_id=au["identifier"]
    )
    mastery = _scaled(au.get("mastery_score"))
    move_on = au.get("move_on") or "NotApplicable"
    template = {
        "contextActivities": {"grouping": [{"id": au["identifier"]}]},
        "extensions": {EXTENSION + "sessionid": session},
    }
    launch_data: dict[str, Any] = {
        "contextTemplate": template,
        "launchMode": "Normal",
        "launchMethod": au.get("launch_method") or "AnyWindow",
        "moveOn": move_on,
    }
    if mastery is not None:
        launch_data["masteryScore"] = mastery
    lrs_api.save_lms_document(
        organization_id=organization_id,
        kind=Document.Kind.STATE,
        document_id=LAUNCH_DATA,
        content=launch_data,
        agent=agent,
        activity_id=activity,
        registration=registration,
    )
    lrs_api.save_lms_document(
        organization_id=organization_id,
        kind=Document.Kind.AGENT_PROFILE,
        document_id=PREFERENCES,
        content={"languagePreference": language},
        agent=agent,
    )
    extensions: dict[str, Any] = {
        EXTENSION + "sessionid": session,
        EXTENSION + "launchmode": "Normal",
        EXTENSION + "moveon": move_on,
        EXTENSION + "launchurl": au_url,
    }
    if mastery is not None:
        extensions[EXTENSION + "masteryscore"] = mastery
    lrs_api.store_lms_statements(
        organization_id=organization_id,
        statements=[
            {
                "id": str(uuid.uuid4()),
                "actor": agent,
                "verb": {"id": lrs_api.VERBS["launched"], "display": {"en-US": "Launched"}},
                "object": {
                    "objectType": "Activity",
                    "id": activity,
                    "definition": {
                        "name": {"en-US": au.get("title") or package.title or "AU"},
                        "type": "https://w3id.org/xapi/cmi5/activitytype/au",
                    },
                },
                "context": {
                    "registration": registration,
                    "contextActivities": {
                        "grouping": [{"id": au["identifier"]}],
                        "category": [{"id": lrs_api.CATEGORY_CMI5}],
                    },
                    "extensions": extensions,
                },
                "timestamp": timezone.now().isoformat(),
            }
        ],
    )


def au_launch_url(
    *,
    token: str,
    enrollment: Enrollment,
    lesson_key: str,
    package: ElearningPackage,
    claims: Any,
    au_url: str,
) -> str:
    """The AU's launch URL (cmi5 8.1): its file on the content origin with endpoint, fetch,
    registration, activityId and actor in the query, url-encoded."""
    au = _first_au(package)
    params = {
        "endpoint": f"{settings.PUBLIC_BASE_URL}{settings.XAPI_PATH}/",
        "fetch": f"{settings.PACKAGE_CONTENT_ORIGIN}/p/{token}/cmi5/fetch",
        "registration": str(claims["r"]),
        "activityId": au_activity_id(
            course_id=enrollment.course_id, lesson_key=lesson_key, publisher_id=au["identifier"]
        ),
        "actor": json.dumps(learner_agent(enrollment.user_id), separators=(",", ":")),
    }
    separator = "&" if "?" in au_url else "?"
    return au_url + separator + urlencode(params, quote_via=quote)


@transaction.atomic
def fetch_token(
    *, enrollment: Enrollment, lesson_key: str, package: ElearningPackage, claims: Any
) -> dict[str, str]:
    """The fetch URL's answer (cmi5 8.2): the launch credential the first time a session asks,
    the "already returned" error after. The credential is scoped to the learner, registration
    and AU, expires with the launch, and carries the session and mastery score the LRS checks
    the AU's statements against (lrs.cmi5)."""
    organization_id = int(claims.get("o") or 0) or None
    attempt = (
        PackageAttempt.objects.select_for_update()
        .filter(enrollment=enrollment, lesson_key=lesson_key)
        .first()
    )
    session = str(claims.get("s") or "")
    if organization_id is None or attempt is None or not session:
        return {"error-code": "3", "error-text": "This launch cannot record cmi5 data."}
    fetched = list(attempt.cmi.get("fetched") or [])
    if session in fetched:
        return ALREADY_FETCHED
    attempt.cmi = {**attempt.cmi, "fetched": [*fetched, session][-_KEEP_FETCHED:]}
    attempt.save(update_fields=["cmi"])
    au = _first_au(package)
    value = lrs_api.issue_launch_credential(
        organization_id=organization_id,
        actor=learner_agent(enrollment.user_id),
        registration=str(claims["r"]),
        activity_id=au_activity_id(
            course_id=enrollment.course_id, lesson_key=lesson_key, publisher_id=au["identifier"]
        ),
        expires_in=timedelta(seconds=settings.PACKAGE_LAUNCH_SECONDS),
        profile={
            "cmi5": True,
            "session_id": session,
            "mastery_score": _scaled(au.get("mastery_score")),
        },
    )
    return {"auth-token": value}
