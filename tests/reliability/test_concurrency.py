"""Under real concurrency on PostgreSQL (threads with their own connections, released together):
progress events, completion and issuing, enrolment capacity and revocations keep their
guarantees. tests/enrollment/test_concurrency.py covers the quiz attempt limit under load."""

import hashlib
import json
import random
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from accounts import api as accounts_api
from accounts.models import AuditEvent, User
from certificates import api as certificates_api
from certificates import signing
from certificates.models import Certificate, StatusList
from courses.models import Course
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from enrollment.signals import enrollment_completed
from tests import learning
from tests.factories import TEST_PASSWORD, UserFactory
from tests.reliability.conftest import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("postgresql")]

Event = tuple[str, str, dict[str, Any]]  # kind, lesson key, payload


@pytest.fixture
def completions(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every `enrollment_completed` signal and every issuing task queued, in order (the task
    is captured, not sent to the broker)."""
    from certificates.tasks import issue_certificate_task

    seen: list[tuple[str, int]] = []

    def receiver(sender: object, enrollment_id: int, **kwargs: object) -> None:
        seen.append(("completed", enrollment_id))

    monkeypatch.setattr(
        issue_certificate_task,
        "delay",
        lambda enrollment_id: seen.append(("queued", enrollment_id)),
    )
    enrollment_completed.connect(receiver, weak=False, dispatch_uid="reliability")
    yield seen
    enrollment_completed.disconnect(dispatch_uid="reliability")


def _record(learner: User, enrollment: Enrollment, event_id: uuid.UUID, event: Event) -> Any:
    """Deliver an event as a client does. A hand-in whose attempt another hand-in took first
    (two attempts sent at once) is refused with `attempt_not_started`; the client starts an
    attempt again and resends, as the web app's "Try again" does."""
    kind, lesson, payload = event
    for _ in range(5):
        try:
            return learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=event_id,
                kind=kind,
                lesson_key=uuid.UUID(lesson),
                payload=payload,
            )
        except ValidationError as error:
            if error.code != "attempt_not_started":
                raise
    raise AssertionError("no attempt could be started for this hand-in")


def _state(enrollment: Enrollment, learner: User) -> dict[str, Any]:
    """Everything a serial run and a concurrent run must agree on (not timestamps)."""
    enrollment.refresh_from_db()
    lessons = {
        str(row.lesson_key): (
            row.opened_at is not None,
            row.completed_at is not None,
            row.watched_segments,
            row.attempts,
            row.best_score,
            row.last_score,
        )
        for row in LessonProgress.objects.filter(enrollment=enrollment)
    }
    progress = enrollment_api.get_progress(user=learner, enrollment_id=enrollment.pk, language="en")
    for moment in ("enrollment", "completed_at"):
        progress.pop(moment)
    return {
        "status": enrollment.status,
        "final_grade": enrollment.final_grade,
        "lessons": lessons,
        # Hand-ins must agree; how many attempt starts a client made depends on the interleaving.
        "events": Counter(
            LearningEvent.objects.filter(enrollment=enrollment)
            .exclude(kind="quiz_started")
            .values_list("kind", flat=True)
        ),
        "progress": progress,
    }


def test_fifty_duplicated_and_interleaved_events_leave_the_state_of_a_serial_run(
    course: dict[str, Any], completions: list[tuple[str, int]]
) -> None:
    # given eleven distinct events: opening, completing, six overlapping stretches of video, and
    # two quiz attempts of 80 % (the short answer is wrong)
    answers = {**course["correct_answers"], str(course["questions"]["short_text"].key): "no"}
    events: list[Event] = [
        ("lesson_opened", course["text"], {}),
        ("lesson_completed", course["text"], {}),
        *[
            ("video_progress", course["video"], {"segments": [segment]})
            for segment in ([0, 60], [60, 120], [100, 200], [300, 360], [200, 300], [360, 450])
        ],
        ("lesson_opened", course["quiz"], {}),
        ("quiz_submitted", course["quiz"], {"answers": answers}),
        ("quiz_submitted", course["quiz"], {"answers": answers}),
    ]
    serial_learner, concurrent_learner = UserFactory(), UserFactory()
    serial = enrollment_api.enroll(user=serial_learner, course_slug="plc-basics")
    concurrent = enrollment_api.enroll(user=concurrent_learner, course_slug="plc-basics")
    for event in events:
        _record(serial_learner, serial, uuid.uuid4(), event)

    # when the same events arrive 50 times at once, each one 4 or 5 times (client retries),
    # shuffled so duplicates and different events interleave
    ids = [uuid.uuid4() for _ in events]
    deliveries = [position % len(events) for position in range(50)]
    random.Random(20).shuffle(deliveries)
    outcomes = run_at_once(
        [
            (lambda n=n: _record(concurrent_learner, concurrent, ids[n], events[n]))
            for n in deliveries
        ]
    )

    # then nothing failed, every delivery of one event got the same stored answer,
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    for n in range(len(events)):
        answers_to_n = [o for o, d in zip(outcomes, deliveries, strict=True) if d == n]
        assert all(answer == answers_to_n[0] for answer in answers_to_n)
    assert LearningEvent.objects.filter(pk__in=ids).count() == len(events)
    # and the state is the serial run's: merged video, two attempts, completed once at 80 %
    state = _state(concurrent, concurrent_learner)
    assert state == _state(serial, serial_learner)
    assert (state["status"], state["final_grade"]) == ("completed", 80)
    assert state["lessons"][course["video"]][2] == [[0, 450]]
    assert state["events"]["course_completed"] == 1
    assert completions.count(("completed", concurrent.pk)) == 1
    assert completions.count(("queued", concurrent.pk)) == 1


def test_simultaneous_final_events_complete_once_and_issue_one_certificate(
    course: dict[str, Any], completions: list[tuple[str, int]]
) -> None:
    # given a learner who watched the video and passed the quiz; only the text is missing
    learner = UserFactory()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    _record(
        learner,
        enrollment,
        uuid.uuid4(),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
    )
    _record(
        learner,
        enrollment,
        uuid.uuid4(),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    )
    completions.clear()

    # when two tabs and their retries send ten different final events and ten replays at once
    final: Event = ("lesson_completed", course["text"], {})
    replayed = uuid.uuid4()
    outcomes = run_at_once(
        [(lambda: _record(learner, enrollment, uuid.uuid4(), final)) for _ in range(10)]
        + [(lambda: _record(learner, enrollment, replayed, final)) for _ in range(10)]
    )

    # then the course is completed once, and one issuing task is queued
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert sorted(completions) == [("completed", enrollment.pk), ("queued", enrollment.pk)]
    assert LearningEvent.objects.filter(enrollment=enrollment, kind="course_completed").count() == 1

    # when that task is delivered to four workers at once (redelivery, a sweep running too)
    issued = run_at_once(
        [
            (lambda: certificates_api.issue_certificate(enrollment_id=enrollment.pk))
            for _ in range(4)
        ]
    )

    # then there is one certificate, issued with its file, and every worker saw that one
    assert [o for o in issued if isinstance(o, BaseException)] == []
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert {o.pk for o in issued} == {certificate.pk}
    assert certificate.state == "issued"
    pdf = certificates_api.read_pdf(certificate=certificate)
    assert hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256


def test_concurrent_joins_and_leaves_never_exceed_the_capacity_and_keep_the_queue(
    course: dict[str, Any],
) -> None:
    # given a course of 3 places, full, with 3 learners waiting in order
    Course.objects.update(capacity=3)
    active = [UserFactory() for _ in range(3)]
    waiting = [UserFactory() for _ in range(3)]
    for learner in [*active, *waiting]:
        enrollment_api.enroll(user=learner, course_slug="plc-basics")
    enrollment_of = {
        learner.pk: Enrollment.objects.get(user=learner).pk for learner in [*active, *waiting]
    }
    newcomers = [UserFactory() for _ in range(6)]

    # when, at once, two active learners leave (one of them joins again in another tab, twice),
    # and six newcomers join
    def leave(learner: User) -> Callable[[], Any]:
        return lambda: enrollment_api.unenroll(
            user=learner, enrollment_id=enrollment_of[learner.pk]
        )

    def join(learner: User) -> Callable[[], Any]:
        return lambda: enrollment_api.enroll(user=learner, course_slug="plc-basics")

    outcomes = run_at_once(
        [leave(active[0]), leave(active[1]), join(active[0]), join(active[0])]
        + [join(learner) for learner in newcomers]
    )

    # then nothing failed (no deadlock between leaving and joining), the places stay 3, and
    # they went to the two who waited longest: a freed place is never up for grabs
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    statuses = dict(Enrollment.objects.values_list("user_id", "status"))
    assert sorted(pk for pk, status in statuses.items() if status == "active") == sorted(
        [active[2].pk, waiting[0].pk, waiting[1].pk]
    )
    assert statuses[active[1].pk] == "unenrolled"
    assert statuses[active[0].pk] in {"unenrolled", "waitlisted"}  # joined before or after leaving
    assert all(statuses[learner.pk] == "waitlisted" for learner in newcomers)
    assert Enrollment.objects.count() == 12  # one row per learner, whatever the retries


def test_concurrent_revocations_revoke_once_and_flip_each_status_bit_once(
    staff: dict[str, User], complete: Callable[..., Enrollment]
) -> None:
    # given three issued certificates in the same status list
    certificates = [
        certificates_api.issue_certificate(enrollment_id=complete(UserFactory()).pk)
        for _ in range(3)
    ]
    assert len({c.status_list_id for c in certificates}) == 1
    approver = staff["approver"]

    # when two approver sessions each revoke each certificate twice, all at once
    outcomes = run_at_once(
        [
            (
                lambda certificate=certificate: certificates_api.revoke_certificate(
                    user=approver, certificate_id=certificate.pk, reason="Exam misconduct"
                )
            )
            for certificate in certificates
            for _ in range(4)
        ]
    )

    # then each certificate was revoked once; the other attempts were refused cleanly
    revoked = [o for o in outcomes if isinstance(o, Certificate)]
    refused = [o for o in outcomes if not isinstance(o, Certificate)]
    assert sorted(str(c.pk) for c in revoked) == sorted(str(c.pk) for c in certificates)
    assert all(isinstance(o, ValidationError) for o in refused), refused
    assert {o.code for o in refused} == {"already_revoked"}
    assert len(refused) == 9
    # and the list has exactly their three bits set, in the stored bits and the signed list
    status_list = StatusList.objects.get()
    indexes = sorted(c.status_index for c in certificates if c.status_index is not None)
    stored = bytes(status_list.bits)
    assert [i for i in range(StatusList.SIZE) if signing.get_bit(stored, i)] == indexes
    published = json.loads(certificates_api.read_status_list(status_list_id=status_list.pk))
    assert signing.decode_status_list(published["credentialSubject"]["encodedList"]) == stored
    assert AuditEvent.objects.filter(action="certificate_revoked").count() == 3


def test_a_token_revoked_from_many_requests_at_once_is_revoked_and_audited_once() -> None:
    user = UserFactory()
    token, _secret = accounts_api.create_api_token(email=user.email, password=TEST_PASSWORD)

    outcomes = run_at_once(
        [(lambda: accounts_api.revoke_api_token(user=user, token_id=token.pk)) for _ in range(8)]
    )

    assert outcomes == [None] * 8
    assert AuditEvent.objects.filter(action="token_revoked").count() == 1
