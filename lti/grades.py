"""Assignment and Grade Services 2.0: a learner's course grade sent to the line item of every
LMS they launched the course from, once per change."""

import logging
from decimal import Decimal

import requests
from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiRegistration
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from enrollment.models import Enrollment
from lti.models import GradeLink
from lti.protocol import TimeoutSession

__all__ = ["PlatformUnavailable", "grade_links_for_enrollment", "send_grade"]

logger = logging.getLogger(__name__)


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


def send_grade(*, grade_link_id: int) -> bool:
    """Send the learner's current course grade (0-100) to the line item; True when a score was
    sent. Idempotent: a grade the platform already has is not sent again (the link's row is
    locked while sending, so a task run twice at once sends once).

    Raises PlatformUnavailable for a network error or a 5xx answer (the task retries). A refusal
    (a 4xx from the token or score endpoint: the platform withdrew the tool's access) is logged,
    leaves the link unchanged and returns False."""
    with transaction.atomic():
        link = GradeLink.objects.select_for_update().get(pk=grade_link_id)
        enrollment = (
            Enrollment.objects.filter(user_id=link.user_id, course_id=link.course_id)
            .only("final_grade", "status", "completed_at")
            .first()
        )
        if enrollment is None or enrollment.final_grade is None:
            return False
        score = Decimal(enrollment.final_grade)
        if link.last_score == score:
            return False
        registration = LtiRegistration.objects.get(pk=link.registration_id)
        completed = enrollment.completed_at is not None
        grade = (
            Grade()
            .set_score_given(float(score))
            .set_score_maximum(100)
            .set_timestamp(timezone.now().isoformat())
            .set_activity_progress("Completed" if completed else "InProgress")
            .set_grading_progress("FullyGraded" if completed else "Pending")
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
        link.last_score = score
        link.last_sent_at = timezone.now()
        link.save(update_fields=["last_score", "last_sent_at"])
    return True
