"""Assignment and Grade Services 2.0: the course grade goes back to the LMS's line item."""

import logging
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import jwt
import pytest
from celery.exceptions import Retry
from django.test import Client
from django.utils import timezone
from lti_tool.models import LtiRegistration

from certificates.tasks import issue_certificate_task
from enrollment.models import Enrollment
from lti import api as lti_api
from lti.models import GradeLink
from lti.tasks import send_grade_task
from tests import learning
from tests.lti.conftest import launch
from tests.lti.platform import AGS_CLAIM, CLAIM, SCORE_SCOPE, Platform

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Grade links the completion queued (the certificate task is left out)."""
    calls: list[int] = []
    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)
    monkeypatch.setattr(send_grade_task, "delay", lambda link_id: calls.append(link_id))
    return calls


def _complete(
    enrollment: Enrollment, course: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for kind, key, payload in [
            ("lesson_completed", course["text"], {}),
            ("video_progress", course["video"], {"segments": [[0, 480]]}),
            ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
        ]:
            learning.record_event(
                user=enrollment.user,
                enrollment_id=enrollment.pk,
                event_id=uuid.uuid4(),
                kind=kind,
                lesson_key=uuid.UUID(key),
                payload=payload,
            )
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"


@pytest.fixture
def completed(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> Enrollment:
    assert launch(client, platform).status_code == 200
    enrollment = Enrollment.objects.get()
    _complete(enrollment, course, django_capture_on_commit_callbacks)
    return enrollment


def test_completing_the_course_queues_one_grade_task_per_line_item(
    completed: Enrollment, queued: list[int]
) -> None:
    # Once for the quiz submitted (its score changed), once for the completion it caused.
    link = GradeLink.objects.get()
    assert queued == [link.pk, link.pk]


def test_the_grade_is_posted_to_the_line_item_once(
    completed: Enrollment, platform: Platform
) -> None:
    link = GradeLink.objects.get()

    assert lti_api.send_grade(grade_link_id=link.pk) is True
    assert lti_api.send_grade(grade_link_id=link.pk) is False

    [score] = platform.scores
    assert score["userId"] == "sub-1"
    assert score["scoreGiven"] == float(completed.final_grade)  # type: ignore[arg-type]
    assert score["scoreMaximum"] == 100
    assert score["activityProgress"] == "Completed"
    assert score["gradingProgress"] == "FullyGraded"
    [token_request] = platform.token_requests
    assert token_request["scope"] == SCORE_SCOPE
    assert (
        jwt.get_unverified_header(token_request["client_assertion"])["kid"]
        == (lti_api.tool_jwks()["keys"][0]["kid"])
    )
    link.refresh_from_db()
    assert link.last_score == Decimal(completed.final_grade)  # type: ignore[arg-type]


def test_a_changed_grade_is_sent_again(completed: Enrollment, platform: Platform) -> None:
    link = GradeLink.objects.get()
    lti_api.send_grade(grade_link_id=link.pk)
    Enrollment.objects.filter(pk=completed.pk).update(final_grade=Decimal("55.50"))

    assert lti_api.send_grade(grade_link_id=link.pk) is True

    assert [score["scoreGiven"] for score in platform.scores] == [
        float(completed.final_grade),  # type: ignore[arg-type]
        55.5,
    ]


def test_a_refused_token_request_sends_nothing_and_changes_nothing(
    completed: Enrollment, platform: Platform, caplog: pytest.LogCaptureFixture
) -> None:
    platform.token_refused = True
    link = GradeLink.objects.get()

    with caplog.at_level(logging.WARNING, logger="lti.grades"):
        assert lti_api.send_grade(grade_link_id=link.pk) is False

    assert platform.scores == []
    assert len(platform.token_requests) == 1
    link.refresh_from_db()
    assert (link.last_score, link.last_sent_at) == (None, None)
    assert "refused the grade" in caplog.text


def test_a_platform_error_is_left_to_the_task_to_retry(
    completed: Enrollment, platform: Platform
) -> None:
    platform.score_status = 503
    link = GradeLink.objects.get()

    with pytest.raises(lti_api.PlatformUnavailable):
        lti_api.send_grade(grade_link_id=link.pk)

    link.refresh_from_db()
    assert link.last_score is None
    assert lti_api.PlatformUnavailable in send_grade_task.autoretry_for  # type: ignore[attr-defined]


def test_the_task_sends_the_grade(completed: Enrollment, platform: Platform) -> None:
    link = GradeLink.objects.get()

    assert send_grade_task.apply(args=[link.pk]).get() is True

    assert len(platform.scores) == 1


def test_a_learner_without_a_line_item_queues_nothing(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    platform.next_claims = {"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": None}
    launch(client, platform)
    enrollment = Enrollment.objects.get()

    _complete(enrollment, course, django_capture_on_commit_callbacks)

    assert queued == []
    assert GradeLink.objects.count() == 0


def test_a_launch_after_completion_queues_the_grade_the_new_line_item_lacks(
    completed: Enrollment,
    platform: Platform,
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    queued.clear()
    platform.next_claims = {
        "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
            "scope": [SCORE_SCOPE],
            "lineitem": f"{platform.base_url}/lineitems/2",
        }
    }

    with django_capture_on_commit_callbacks(execute=True):
        launch(Client(), platform)

    new_link = GradeLink.objects.get(lineitem_url=f"{platform.base_url}/lineitems/2")
    assert queued == [new_link.pk]


def test_a_launch_queues_nothing_when_the_line_item_has_the_grade(
    completed: Enrollment,
    platform: Platform,
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    lti_api.send_grade(grade_link_id=GradeLink.objects.get().pk)
    queued.clear()

    with django_capture_on_commit_callbacks(execute=True):
        launch(Client(), platform)

    assert queued == []


def _submit_quiz(
    enrollment: Enrollment,
    course: dict[str, Any],
    answers: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        learning.lesson_event(
            enrollment.user, enrollment, "quiz_submitted", course["quiz"], answers=answers
        )


@pytest.fixture
def learning_enrollment(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    queued: list[int],
) -> Enrollment:
    assert launch(client, platform).status_code == 200
    return Enrollment.objects.get()


def test_a_graded_attempt_queues_the_line_item_and_other_events_do_not(
    learning_enrollment: Enrollment,
    course: dict[str, Any],
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        learning.lesson_event(
            learning_enrollment.user, learning_enrollment, "lesson_completed", course["text"]
        )
    assert queued == []

    _submit_quiz(learning_enrollment, course, {}, django_capture_on_commit_callbacks)

    assert queued == [GradeLink.objects.get().pk]


def test_the_grade_so_far_is_sent_in_progress_then_the_final_one(
    learning_enrollment: Enrollment,
    course: dict[str, Any],
    platform: Platform,
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = GradeLink.objects.get()
    assert lti_api.send_grade(grade_link_id=link.pk) is False  # no graded attempt yet
    _submit_quiz(learning_enrollment, course, {}, django_capture_on_commit_callbacks)

    assert lti_api.send_grade(grade_link_id=link.pk) is True
    assert lti_api.send_grade(grade_link_id=link.pk) is False  # the same score and progress

    _complete(learning_enrollment, course, django_capture_on_commit_callbacks)
    assert lti_api.send_grade(grade_link_id=link.pk) is True

    assert [
        (score["scoreGiven"], score["activityProgress"], score["gradingProgress"])
        for score in platform.scores
    ] == [(0.0, "InProgress", "Pending"), (100.0, "Completed", "FullyGraded")]
    assert platform.scored_lineitems == [platform.lineitem_url] * 2
    first, second = (datetime.fromisoformat(score["timestamp"]) for score in platform.scores)
    assert first < second
    link.refresh_from_db()
    assert (link.last_score, link.last_activity_progress, link.last_grading_progress) == (
        Decimal("100.00"),
        "Completed",
        "FullyGraded",
    )


def test_timestamps_increase_even_when_the_clock_goes_back(
    learning_enrollment: Enrollment,
    course: dict[str, Any],
    platform: Platform,
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = GradeLink.objects.get()
    ahead = timezone.now() + timedelta(hours=1)
    GradeLink.objects.filter(pk=link.pk).update(last_sent_at=ahead)
    _submit_quiz(learning_enrollment, course, {}, django_capture_on_commit_callbacks)

    assert lti_api.send_grade(grade_link_id=link.pk) is True

    [score] = platform.scores
    assert datetime.fromisoformat(score["timestamp"]) == ahead.replace(
        microsecond=ahead.microsecond // 1000 * 1000
    ) + timedelta(milliseconds=1)


def test_a_quiz_lessons_line_item_gets_that_quizs_score(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    quiz_item = f"{platform.base_url}/lineitems/7"
    platform.next_claims = {
        CLAIM + "custom": {"icim_course": "plc-basics", "icim_lesson": course["quiz"]},
        AGS_CLAIM: {"scope": [SCORE_SCOPE], "lineitem": quiz_item},
    }
    assert launch(client, platform).status_code == 200
    enrollment = Enrollment.objects.get()
    link = GradeLink.objects.get()
    assert (str(link.lesson_key), link.lineitem_url) == (course["quiz"], quiz_item)
    # Two of the four questions right: 60 % of the points (they weigh differently).
    half = dict(list(course["correct_answers"].items())[:2])

    _submit_quiz(enrollment, course, half, django_capture_on_commit_callbacks)
    assert lti_api.send_grade(grade_link_id=link.pk) is True
    _submit_quiz(enrollment, course, course["correct_answers"], django_capture_on_commit_callbacks)
    assert lti_api.send_grade(grade_link_id=link.pk) is True

    assert [
        (score["scoreGiven"], score["activityProgress"], score["gradingProgress"])
        for score in platform.scores
    ] == [(60.0, "InProgress", "Pending"), (100.0, "Completed", "FullyGraded")]
    assert platform.scored_lineitems == [quiz_item, quiz_item]
    assert queued == [link.pk, link.pk]


def test_a_quiz_out_of_attempts_is_final(
    client: Client,
    platform: Platform,
    registration: LtiRegistration,
    course: dict[str, Any],
    queued: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    platform.next_claims = {
        CLAIM + "custom": {"icim_course": "plc-basics", "icim_lesson": course["quiz"]},
    }
    launch(client, platform)
    enrollment = Enrollment.objects.get()
    link = GradeLink.objects.get()
    for _attempt in range(3):
        _submit_quiz(enrollment, course, {}, django_capture_on_commit_callbacks)

    assert lti_api.send_grade(grade_link_id=link.pk) is True

    [score] = platform.scores
    assert (score["scoreGiven"], score["activityProgress"], score["gradingProgress"]) == (
        0.0,
        "Completed",
        "FullyGraded",
    )


def test_a_score_refused_with_a_server_error_is_retried_by_the_task_until_sent(
    learning_enrollment: Enrollment,
    course: dict[str, Any],
    platform: Platform,
    django_capture_on_commit_callbacks: Any,
) -> None:
    link = GradeLink.objects.get()
    _submit_quiz(learning_enrollment, course, {}, django_capture_on_commit_callbacks)
    platform.score_status = 502

    with pytest.raises(Retry, match="502"):
        send_grade_task.apply(args=[link.pk], throw=True)
    platform.score_status = 200
    assert send_grade_task.apply(args=[link.pk]).get() is True

    assert len(platform.scores) == 1
