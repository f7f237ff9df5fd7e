"""On PostgreSQL: simultaneous events leave the same state as a serial run, and complete once."""

import threading
import uuid
from typing import Any

import pytest
from django.db import connection, connections

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from enrollment.signals import enrollment_completed
from tests import learning
from tests.conftest import need_service


def _run_in_threads(calls: list[Any]) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(calls))

    def run(call: Any) -> None:
        try:
            barrier.wait()
            call()
        except BaseException as error:  # reported to the test, whatever it is
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_and_final_events_complete_exactly_once(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    completions: list[int] = []

    def receiver(sender: object, enrollment_id: int, **kwargs: object) -> None:
        completions.append(enrollment_id)

    enrollment_completed.connect(receiver, weak=False, dispatch_uid="concurrency")
    try:
        text_event, video_event = uuid.uuid4(), uuid.uuid4()

        def event(event_id: uuid.UUID, kind: str, lesson: str, **payload: Any) -> Any:
            return lambda: learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=event_id,
                kind=kind,
                lesson_key=uuid.UUID(lesson),
                payload=payload,
            )

        calls = []
        for _ in range(10):  # the same two events, replayed ten times each
            calls.append(event(text_event, "lesson_completed", course["text"]))
            calls.append(event(video_event, "video_progress", course["video"], segments=[[0, 480]]))
        for _ in range(30):  # thirty different passing attempts at once
            calls.append(
                event(
                    uuid.uuid4(),
                    "quiz_submitted",
                    course["quiz"],
                    answers=course["correct_answers"],
                )
            )
        errors = _run_in_threads(calls)
    finally:
        enrollment_completed.disconnect(dispatch_uid="concurrency")

    # Each call starts an attempt (or joins the one running) and hands in answers. Answers for an
    # attempt another call has already handed in, and attempts beyond the limit of 3, are
    # refused cleanly; nothing else may fail, and every accepted hand-in used one attempt.
    assert {str(error.messages[0]) for error in errors} <= {  # type: ignore[attr-defined]
        "No attempts left: this quiz allows 3.",
        "Start an attempt at this quiz before handing in answers.",
    }
    attempts = LessonProgress.objects.get(lesson_key=course["quiz"]).attempts
    assert 1 <= attempts <= 3
    assert len(errors) == 30 - attempts
    assert LearningEvent.objects.filter(kind="quiz_submitted").count() == attempts
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"
    assert completions == [enrollment.pk]
    assert LearningEvent.objects.filter(kind="course_completed").count() == 1
    assert LearningEvent.objects.filter(pk__in=[text_event, video_event]).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_enrolments_never_exceed_the_capacity(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    from courses.models import Course
    from tests.factories import UserFactory

    Course.objects.update(capacity=3)
    learners = [UserFactory() for _ in range(12)]

    errors = _run_in_threads(
        [
            (lambda learner=learner: enrollment_api.enroll(user=learner, course_slug="plc-basics"))
            for learner in learners
        ]
    )

    assert errors == []
    statuses = list(Enrollment.objects.values_list("status", flat=True))
    assert (statuses.count("active"), statuses.count("waitlisted")) == (3, 9)
