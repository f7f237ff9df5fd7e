"""The platform's learning events in the LRS: copied by sequence after commit, once, in bulk,
under the course's first owning institution, read by that organisation's LRS clients only."""

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organization, User
from courses.models import Course
from enrollment import api as enrollment_api
from enrollment.models import LearningEvent, LrsCopyMarker
from enrollment.tasks import copy_events_to_lrs_task
from lrs.models import Statement
from tests.factories import OrganizationFactory, UserFactory
from tests.learning import lesson_event
from tests.lrs.conftest import make_credential, sender

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"
ADL = "http://adlnet.gov/expapi/verbs/"


def last_sequence() -> int:
    return LearningEvent.objects.order_by("-sequence").values_list("sequence", flat=True)[0]


def lrs_get(organization: Organization, **params: str) -> Any:
    return sender(make_credential(organization).header)("GET", "statements", params=params)


def test_recorded_events_reach_the_lrs_of_the_owning_institution_only(
    course: dict[str, Any],
    staff: dict[str, User],
    institution: Organization,
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = staff["learner"]
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
        lesson_event(learner, enrollment, "lesson_completed", course["text"])
        lesson_event(learner, enrollment, "video_progress", course["video"], segments=[[0, 440]])
        lesson_event(
            learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
        )
    events = list(LearningEvent.objects.order_by("sequence").values_list("id", flat=True))

    answer = lrs_get(institution, ascending="true")
    elsewhere = lrs_get(Organization.objects.get(slug="elsewhere"))

    assert answer.status_code == 200
    statements = answer.json()["statements"]
    assert [item["id"] for item in statements] == [str(event) for event in events]
    assert [(item["verb"]["id"], item["object"]["id"]) for item in statements] == [
        (ADL + "registered", f"{BASE}/courses/plc-basics"),
        (ADL + "completed", f"{BASE}/courses/plc-basics/lessons/{course['text']}"),
        (ADL + "progressed", f"{BASE}/courses/plc-basics/lessons/{course['video']}"),
        (ADL + "attempted", f"{BASE}/courses/plc-basics/lessons/{course['quiz']}"),
        (ADL + "passed", f"{BASE}/courses/plc-basics/lessons/{course['quiz']}"),
        (ADL + "completed", f"{BASE}/courses/plc-basics"),
    ]
    assert [item["authority"] for item in statements] == [
        {
            "objectType": "Agent",
            "name": "ICIM Academy",
            "account": {"homePage": BASE, "name": "platform"},
        }
    ] * len(events)
    assert elsewhere.status_code == 200
    assert elsewhere.json() == {"statements": [], "more": ""}
    assert LrsCopyMarker.objects.get().last_sequence == last_sequence()


def test_the_first_owning_institution_gets_the_statements(
    course: dict[str, Any], staff: dict[str, User], institution: Organization
) -> None:
    second = OrganizationFactory(slug="second")
    Course.objects.get(slug="plc-basics").institutions.add(second)
    enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    assert enrollment_api.copy_events_to_lrs() == 1

    assert list(Statement.objects.values_list("organization__slug", flat=True)) == ["rhine"]


def test_copying_twice_copies_once_and_a_restart_stores_nothing_again(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    lesson_event(staff["learner"], enrollment, "lesson_completed", course["text"])

    assert copy_events_to_lrs_task() == 2
    assert copy_events_to_lrs_task() == 0
    enrollment_api.restart_lrs_copy()
    call_command("xapi_copy_events")

    assert Statement.objects.count() == 2
    assert LrsCopyMarker.objects.get().last_sequence == last_sequence()


def test_events_stored_before_a_skip_are_never_copied_and_later_ones_are(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    skipped = last_sequence()

    enrollment_api.skip_lrs_copy_of_stored_events()
    lesson_event(staff["learner"], enrollment, "lesson_completed", course["text"])

    assert enrollment_api.copy_events_to_lrs() == 1
    later = LearningEvent.objects.get(sequence__gt=skipped)
    assert list(Statement.objects.values_list("id", flat=True)) == [later.id]


def test_a_backfill_takes_the_same_queries_per_batch_whatever_its_size(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    counts = []
    for learners in (2, 6):
        LearningEvent.objects.all().delete()
        Statement.objects.all().delete()
        enrollment_api.restart_lrs_copy()
        for _ in range(learners):
            enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")
        with CaptureQueriesContext(connection) as queries:
            assert enrollment_api.copy_events_to_lrs(batch_size=1000) == learners
        counts.append(len(queries))

    # The batch's transaction (a savepoint here), the marker's locked read, the events with
    # their owners in one read, the LRS's batch in its savepoint (the replay check, statements,
    # agents, activities, definitions read and upserted), the marker's update: 13 for one
    # organisation's events, 8 more for each further organisation in the batch.
    assert counts == [13, 13]


def test_a_missing_sequence_number_is_waited_for_then_given_up(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    first = LearningEvent.objects.get()
    # An event numbered two ahead: the number between is a transaction still committing.
    later_id = uuid.uuid4()
    later = LearningEvent.objects.create(
        id=later_id,
        enrollment=enrollment,
        kind="lesson_opened",
        statement={**first.statement, "id": str(later_id)},
    )
    LearningEvent.objects.filter(pk=later.pk).update(sequence=first.sequence + 2)

    assert enrollment_api.copy_events_to_lrs() == 1
    assert LrsCopyMarker.objects.get().last_sequence == first.sequence
    LearningEvent.objects.filter(pk=later.pk).update(
        created_at=timezone.now() - timedelta(seconds=61)
    )
    assert enrollment_api.copy_events_to_lrs() == 1
    assert list(Statement.objects.values_list("id", flat=True)) == [first.pk, later_id]


def test_a_statement_id_a_client_took_is_left_out_and_the_rest_copied(
    course: dict[str, Any], staff: dict[str, User], institution: Organization
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    taken = uuid.uuid4()
    send = sender(make_credential(institution).header)
    other = dict(LearningEvent.objects.get().statement)
    other.update(id=str(taken), verb={"id": ADL + "voided-not", "display": {"en-US": "x"}})
    assert send("PUT", "statements", other, params={"statementId": str(taken)}).status_code == 204
    lesson_event(staff["learner"], enrollment, "lesson_completed", course["text"], event_id=taken)

    assert enrollment_api.copy_events_to_lrs() == 1

    assert Statement.objects.count() == 2
    assert Statement.objects.get(id=taken).verb_id == ADL + "voided-not"


@pytest.mark.django_db(transaction=True)
def test_two_copiers_at_once_copy_each_event_once(
    course: dict[str, Any], staff: dict[str, User], request: pytest.FixtureRequest
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite has one writer at a time)")
    for _ in range(30):
        enrollment_api.enroll(user=UserFactory(), course_slug="plc-basics")
    results: list[int] = []
    barrier = threading.Barrier(2)

    def copy() -> None:
        from django.db import connections

        try:
            barrier.wait()
            results.append(enrollment_api.copy_events_to_lrs(batch_size=5))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=copy) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(results) == 30
    assert Statement.objects.count() == 30


def test_a_cache_outage_leaves_the_copy_to_the_beat_and_the_event_stands(
    course: dict[str, Any],
    staff: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    tasks_in_process: None,
    django_capture_on_commit_callbacks: Any,
) -> None:
    import redis
    from django.core.cache import cache

    def down(*args: Any, **kwargs: Any) -> bool:
        raise redis.ConnectionError("down")

    monkeypatch.setattr(cache, "add", down)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    assert LearningEvent.objects.count() == 1
    assert Statement.objects.count() == 0
    assert copy_events_to_lrs_task() == 1
