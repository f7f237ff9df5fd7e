"""Recording learning events in tests as the web app does: a quiz attempt is started first."""

import contextlib
import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from enrollment import api as enrollment_api
from enrollment.models import LearningEvent

if TYPE_CHECKING:
    from accounts.models import User
    from enrollment.models import Enrollment


def record_event(**arguments: Any) -> dict[str, Any]:
    """`enrollment_api.record_event`; for `quiz_submitted`, the attempt is started first (or the
    running one kept), so the answers count. A refused start (say, no attempts left) is left for
    the submission to report."""
    # A resent hand-in (the same event id) is answered from the register: no new attempt.
    if (
        arguments["kind"] == "quiz_submitted"
        and not LearningEvent.objects.filter(pk=arguments["event_id"]).exists()
    ):
        with contextlib.suppress(ValidationError):
            enrollment_api.start_quiz_attempt(
                user=arguments["user"],
                enrollment_id=arguments["enrollment_id"],
                lesson_key=arguments["lesson_key"],
            )
    return enrollment_api.record_event(**arguments)


def lesson_event(
    learner: "User",
    enrollment: "Enrollment",
    kind: str,
    lesson: str,
    event_id: uuid.UUID | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """Record a `kind` event of `learner` on the lesson keyed `lesson` (its key as text) with
    `payload`, as record_event does; a new event id unless one is given."""
    return record_event(
        user=learner,
        enrollment_id=enrollment.pk,
        event_id=event_id or uuid.uuid4(),
        kind=kind,
        lesson_key=uuid.UUID(lesson),
        payload=payload,
    )
