"""Queues a grade task per LMS line item when a learner's score may have changed: a course
completed (`enrollment_completed`) or a graded attempt recorded (a quiz submitted, a package's
result)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from config.tasks import queue_committed
from enrollment import api as enrollment_api
from enrollment.models import LearningEvent
from lti import api as lti_api
from lti.tasks import send_grade_task

# The events that change a score: each is logged once, in the transaction that changed it.
_GRADED_KINDS = frozenset({LearningEvent.Kind.QUIZ_SUBMITTED, LearningEvent.Kind.PACKAGE_RESULT})


@receiver(enrollment_api.enrollment_completed, dispatch_uid="lti.send_grade_on_completion")
def queue_grades(sender: Any, enrollment_id: int, **kwargs: Any) -> None:
    """Queue the completed course's grade for every LMS the learner launched it from."""
    _queue_for(enrollment_id)


# enrollment signals only completions; a graded attempt is known by the event it logs (read
# after commit, so the lock the attempt holds is not lengthened by this app's query).
@receiver(post_save, sender=LearningEvent, dispatch_uid="lti.send_grade_on_graded_attempt")
def queue_grades_on_attempt(
    sender: Any, instance: LearningEvent, created: bool, **kwargs: Any
) -> None:
    """Queue the learner's current score for their line items after a graded attempt."""
    if created and instance.kind in _GRADED_KINDS:
        enrollment_id = instance.enrollment_id
        transaction.on_commit(lambda: _queue_for(enrollment_id))


def _queue_for(enrollment_id: int) -> None:
    for grade_link_id in lti_api.grade_links_for_enrollment(enrollment_id=enrollment_id):
        queue_committed(send_grade_task, grade_link_id)
