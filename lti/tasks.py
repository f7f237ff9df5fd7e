"""Background work for lti: one line each into `lti.api`."""

from celery import shared_task

from config.tasks import when_not_queued
from lti import api as lti_api


@shared_task(
    ignore_result=True,
    autoretry_for=(lti_api.PlatformUnavailable,),
    retry_backoff=True,
    retry_backoff_max=900,
    max_retries=8,
)
@when_not_queued("Broker unavailable; the grade of LTI link {0} is sent at the next change")
def send_grade_task(grade_link_id: int) -> bool:
    """Send a learner's course grade to one LMS line item; retried while the LMS is down."""
    return lti_api.send_grade(grade_link_id=grade_link_id)
