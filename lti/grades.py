"""Assignment and Grade Services 2.0: a learner's course grade (or a quiz's score, for a quiz
lesson's line item) sent to the line item of every LMS they launched it from, once per change,
with its activity and grading progress."""

import logging
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import requests
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiRegistration
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LessonProgress
from lti.models import GradeLink
from lti.protocol import TimeoutSession

__all__ = ["PlatformUnavailable", "grade_links_for_enrollment", "send_grade"]

logger = logging.getLogger(__name__)

_ACTIVE = Enrollment.Status.ACTIVE
_COMPLETED = Enrollment.Status.COMPLETED
# (activityProgress, gradingProgress) of AGS 2.0's score: final, and while it may still change.
_FINAL = ("Completed", "FullyGraded")
_SO_FAR = ("InProgress", "Pending")


class PlatformUnavailable(Exception):  # noqa: N818  (a transient state, retried)
    """The platform's token or score endpoint failed in a way worth retrying (5xx, network)."""


def grade_links_for_enrollment(*, enrollment_id: int) -> list[int]:
    """Ids of the line items the enrollment's learner launched its course from."""
    enrollment = Enrollment.objects.only("user_id", "course_id").get(pk=enrollment_id)
    return list(
        GradeLink.objects.filter(user_id=enrollment.user_id, course_id=enrollment.course_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class _Score:
    given: Decimal
    activity_progress: str
    grading_progress: str


def _current_score(link: GradeLink) -> _Score | None:
    """What the line item should hold now, or None when there is nothing to send (no grade yet,
    or the enrollment ended without completing).

    A course line item: the final grade once the course is completed (`Completed`,
    `FullyGraded`), before that the grade so far (`InProgress`, `Pending`: more attempts may
    change it), from the first graded attempt on. A quiz lesson's line item: the quiz's counted
    score (best or last attempt, as the quiz says), `Completed`/`FullyGraded` once the quiz is
    passed, out of attempts or the course completed."""
    enrollment = (
        Enrollment.objects.select_related("user")
        .filter(user_id=link.user_id, course_id=link.course_id)
        .first()
    )
    if enrollment is None or enrollment.status not in (_ACTIVE, _COMPLETED):
        return None
    completed = enrollment.status == _COMPLETED
    if link.lesson_key is not None:
        return _quiz_score(enrollment, link.lesson_key, completed=completed)
    if completed:
        grade = enrollment.final_grade
    elif not LessonProgress.objects.filter(
        enrollment=enrollment, last_score__isnull=False
    ).exists():
        return None  # no graded attempt yet: an unattempted quiz counts 0, which is no grade
    else:
        answer = enrollment_api.get_progress(
            user=enrollment.user, enrollment_id=enrollment.pk, language="en"
        )
        grade = None if answer["grade"] is None else Decimal(answer["grade"])
    if grade is None:
        return None
    return _Score(Decimal(grade), *(_FINAL if completed else _SO_FAR))


def _quiz_score(enrollment: Enrollment, lesson_key: Any, *, completed: bool) -> _Score | None:
    try:
        content = enrollment_api.get_lesson_content(
            user=enrollment.user, enrollment_id=enrollment.pk, lesson_key=lesson_key, language="en"
        )
    except (KeyError, ValidationError):  # the lesson left the learner's version
        return None
    state = content["state"]
    if state["counted_score"] is None:
        return None
    final = completed or state["is_done"] or state["attempts_left"] == 0
    return _Score(Decimal(state["counted_score"]), *(_FINAL if final else _SO_FAR))


def send_grade(*, grade_link_id: int) -> bool:
    """Send the learner's current score (see `_current_score`) to the line item; True when one
    was sent. Idempotent: a score and progress the platform already has are not sent again
    (the link's row is locked while sending, so a task run twice at once sends once). Each
    score's timestamp is later than the previous one's, even if the clock went back.

    Raises PlatformUnavailable for a network error or a 5xx answer (the task retries). A refusal
    (a 4xx from the token or score endpoint: the platform withdrew the tool's access) is logged,
    leaves the link unchanged and returns False."""
    with transaction.atomic():
        link = GradeLink.objects.select_for_update().get(pk=grade_link_id)
        score = _current_score(link)
        if score is None:
            return False
        sent = (link.last_score, link.last_activity_progress, link.last_grading_progress)
        if sent == (score.given, score.activity_progress, score.grading_progress):
            return False
        registration = LtiRegistration.objects.get(pk=link.registration_id)
        timestamp = timezone.now()
        if link.last_sent_at is not None and timestamp <= link.last_sent_at:
            timestamp = link.last_sent_at + timedelta(milliseconds=1)
        grade = (
            Grade()
            .set_score_given(float(score.given))
            .set_score_maximum(100)
            .set_timestamp(timestamp.isoformat(timespec="milliseconds"))
            .set_activity_progress(score.activity_progress)
            .set_grading_progress(score.grading_progress)
            .set_user_id(link.subject)
        )
        service = AssignmentsGradesService(
            ServiceConnector(registration.to_registration(), requests_session=TimeoutSession()),
            {"scope": link.scopes, "lineitem": link.lineitem_url},
        )
        try:
            service.put_grade(grade)
        except LtiServiceException as error:
            if error.response.status_code >= 500:
                raise PlatformUnavailable(str(error)) from error
            logger.warning("LTI platform refused the grade for link %s: %s", link.pk, error)
            return False
        except (requests.ConnectionError, requests.Timeout) as error:
            raise PlatformUnavailable(str(error)) from error
        except LtiException as error:
            logger.warning("LTI grade for link %s not sent: %s", link.pk, error)
            return False
        link.last_score = score.given
        link.last_activity_progress = score.activity_progress
        link.last_grading_progress = score.grading_progress
        link.last_sent_at = timestamp
        link.save(
            update_fields=[
                "last_score",
                "last_activity_progress",
                "last_grading_progress",
                "last_sent_at",
            ]
        )
    return True
