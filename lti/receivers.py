"""Turns enrollment's `enrollment_completed` into one grade task per LMS line item."""

from typing import Any

from django.dispatch import receiver

from config.tasks import queue_committed
from enrollment import api as enrollment_api
from lti import api as lti_api
from lti.tasks import send_grade_task


@receiver(enrollment_api.enrollment_completed, dispatch_uid="lti.send_grade_on_completion")
def queue_grades(sender: Any, enrollment_id: int, **kwargs: Any) -> None:
    """Queue the completed course's grade for every LMS the learner launched it from."""
    for grade_link_id in lti_api.grade_links_for_enrollment(enrollment_id=enrollment_id):
        queue_committed(send_grade_task, grade_link_id)
