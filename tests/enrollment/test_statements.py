"""The statement export's order: by the time stored, ties broken by the events' sequence."""

import uuid
from typing import Any

from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import LearningEvent
from tests.learning import lesson_event

BASE = "http://127.0.0.1:8000"


def test_events_stored_at_the_same_instant_keep_the_order_they_were_stored_in(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    registered = LearningEvent.objects.get()
    base = registered.statement
    # Ids chosen so that ordering by id (the old tie-breaker) would put them the other way.
    passed = LearningEvent.objects.create(
        id=uuid.UUID("ffffffff-0000-4000-8000-000000000000"),
        enrollment=enrollment,
        kind="quiz_submitted",
        statement={**base, "id": "passed"},
    )
    completed = LearningEvent.objects.create(
        id=uuid.UUID("00000000-0000-4000-8000-000000000000"),
        enrollment=enrollment,
        kind="course_completed",
        statement={**base, "id": "completed"},
    )
    LearningEvent.objects.filter(pk__in=[passed.pk, completed.pk]).update(
        created_at=registered.created_at
    )
    client = APIClient()
    client.force_authenticate(learner)

    exported = client.get("/api/v1/statements/").json()["results"]
    staff_client = APIClient()
    staff_client.force_authenticate(staff["reviewer"])
    for_staff = staff_client.get("/api/v1/statements/", {"course": "plc-basics"}).json()

    assert [item["id"] for item in exported] == [str(registered.pk), "passed", "completed"]
    assert for_staff["results"] == exported
    sequences = list(
        LearningEvent.objects.order_by("created_at", "sequence").values_list("sequence", flat=True)
    )
    assert sequences == sorted(sequences)
    assert len(set(sequences)) == 3


def test_the_quiz_that_completes_the_course_is_exported_before_the_completion(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    lesson_event(learner, enrollment, "video_progress", course["video"], segments=[[0, 440]])
    passed = lesson_event(
        learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
    )
    client = APIClient()
    client.force_authenticate(learner)

    exported = client.get("/api/v1/statements/").json()["results"]

    assert passed["progress"]["status"] == "completed"
    assert [(item["verb"]["display"]["en-US"], item["object"]["id"]) for item in exported] == [
        ("registered", f"{BASE}/courses/plc-basics"),
        ("completed", f"{BASE}/courses/plc-basics/lessons/{course['text']}"),
        ("progressed", f"{BASE}/courses/plc-basics/lessons/{course['video']}"),
        ("attempted", f"{BASE}/courses/plc-basics/lessons/{course['quiz']}"),
        ("passed", f"{BASE}/courses/plc-basics/lessons/{course['quiz']}"),
        ("completed", f"{BASE}/courses/plc-basics"),
    ]
    stored = list(LearningEvent.objects.values_list("kind", "created_at", "sequence"))
    assert [kind for kind, _, _ in stored][-2:] == ["quiz_submitted", "course_completed"]
    (_, passed_at, passed_sequence), (_, completed_at, completed_sequence) = stored[-2:]
    assert passed_at <= completed_at
    assert passed_sequence < completed_sequence
    assert exported[-2]["timestamp"] <= exported[-1]["timestamp"]
