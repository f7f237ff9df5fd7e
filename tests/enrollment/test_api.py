"""Tests of enrollment.api: the journey to completion, exact progress, idempotency, limits."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import User
from courses.models import Course, VideoAsset
from courses.outline import cached_outline
from enrollment import api as enrollment_api
from enrollment import events
from enrollment.models import Enrollment, LearningEvent, LessonProgress
from tests.courses.conftest import make_package
from tests.factories import UserFactory
from tests.learning import lesson_event

pytestmark = pytest.mark.django_db


def test_a_learner_goes_from_enrolling_to_completed_with_exact_progress(
    course: dict[str, Any],
    staff: dict[str, User],
    received: list[int],
    django_capture_on_commit_callbacks: Any,
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    def percent() -> tuple[int, list[str]]:
        progress = enrollment_api.get_progress(
            user=learner, enrollment_id=enrollment.pk, language="en"
        )
        return progress["percent"], [item["message"] for item in progress["missing"]]

    assert percent() == (
        0,
        [
            "Lesson 1.1 “Inputs, logic, outputs” not completed.",
            "Lesson 1.2 “Watch a scan” not completed.",
            "Quiz 2.1 “Final quiz”: not attempted yet, needs 70 %.",
            "Course grade 0 %, needs 70 %.",
        ],
    )
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    assert percent()[0] == 33
    watched = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[0, 200], [190, 400]]
    )
    assert (watched["watched_percent"], watched["is_watched"]) == (83, False)
    watched = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[400, 440]]
    )
    assert (watched["watched_percent"], watched["is_watched"]) == (91, True)
    assert percent()[0] == 66

    failing = dict(course["correct_answers"])
    failing[str(course["questions"]["numeric"].key)] = 9
    failing[str(course["questions"]["single_choice"].key)] = str(
        course["questions"]["single_choice"].options.get(is_correct=False).key
    )
    first = lesson_event(learner, enrollment, "quiz_submitted", course["quiz"], answers=failing)
    assert (first["score"], first["passed"], first["attempts_left"]) == ("40.00", False, 2)
    assert percent() == (
        66,
        [
            "Quiz 2.1 “Final quiz”: best score 40 %, needs 70 %.",
            "Course grade 40 %, needs 70 %.",
        ],
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = lesson_event(
            learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
        )

    assert (second["score"], second["passed"]) == ("100.00", True)
    assert second["progress"] == {
        "percent": 100,
        "is_complete": True,
        "grade": "100.00",
        "status": "completed",
    }
    assert percent() == (100, [])
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.final_grade) == ("completed", 100)
    assert received == [enrollment.pk]  # sent once, after commit
    assert callbacks  # the signal waited for the commit


def test_replaying_an_event_returns_the_same_result_and_changes_nothing(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    event_id = uuid.uuid4()

    first = lesson_event(
        learner,
        enrollment,
        "quiz_submitted",
        course["quiz"],
        event_id=event_id,
        answers=course["correct_answers"],
    )
    again = lesson_event(
        learner, enrollment, "quiz_submitted", course["quiz"], event_id=event_id, answers={}
    )

    assert again == first
    assert LessonProgress.objects.get(lesson_key=course["quiz"]).attempts == 1
    assert LearningEvent.objects.filter(pk=event_id).count() == 1


def test_the_attempt_limit_is_enforced(course: dict[str, Any], staff: dict[str, User]) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    for _attempt in range(3):
        lesson_event(learner, enrollment, "quiz_submitted", course["quiz"], answers={})

    with pytest.raises(ValidationError) as error:
        lesson_event(
            learner, enrollment, "quiz_submitted", course["quiz"], answers=course["correct_answers"]
        )

    assert error.value.messages == ["No attempts left: this quiz allows 3."]
    assert LessonProgress.objects.get(lesson_key=course["quiz"]).best_score == 0


@pytest.mark.parametrize(
    ("kind", "lesson", "payload", "message"),
    [
        (
            "lesson_completed",
            "quiz",
            {},
            "A quiz lesson cannot receive a “lesson_completed” event.",
        ),
        (
            "lesson_completed",
            "video",
            {},
            "A video lesson cannot receive a “lesson_completed” event.",
        ),
        ("video_progress", "video", {"segments": [[0, "x"]]}, None),
        ("quiz_submitted", "quiz", {"answers": {"not-a-question": 1}}, None),
        ("lesson_opened", "other", {}, "This lesson is not part of your version of the course."),
    ],
)
def test_bad_events_are_refused_and_record_nothing(
    course: dict[str, Any],
    staff: dict[str, User],
    kind: str,
    lesson: str,
    payload: dict[str, Any],
    message: str | None,
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    key = course.get(lesson, str(uuid.uuid4()))
    if kind == "quiz_submitted":
        enrollment_api.start_quiz_attempt(
            user=learner, enrollment_id=enrollment.pk, lesson_key=uuid.UUID(key)
        )
    before = LearningEvent.objects.count()

    with pytest.raises(ValidationError) as error:
        lesson_event(learner, enrollment, kind, key, **payload)

    if message is not None:
        assert message in error.value.messages
    assert LearningEvent.objects.count() == before
    assert not LessonProgress.objects.filter(attempts__gt=0).exists()


def test_events_for_someone_elses_enrollment_are_not_found(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    with pytest.raises(Enrollment.DoesNotExist):
        lesson_event(staff["author"], enrollment, "lesson_opened", course["text"])


def test_events_after_unenrolling_are_refused_and_re_enrolling_keeps_progress(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    enrollment_api.unenroll(user=learner, enrollment_id=enrollment.pk)

    with pytest.raises(ValidationError):
        lesson_event(learner, enrollment, "lesson_opened", course["video"])
    again = enrollment_api.enroll(user=learner, course_slug="plc-basics")

    assert again.pk == enrollment.pk
    assert again.status == "active"
    assert (
        enrollment_api.get_progress(user=learner, enrollment_id=again.pk, language="en")["percent"]
        == 33
    )


def test_a_missing_prerequisite_is_named(publish: Any, staff: dict[str, User]) -> None:
    publish(make_package())
    publish(make_package(slug="advanced-plc", prerequisites=["plc-basics"]))

    with pytest.raises(ValidationError) as error:
        enrollment_api.enroll(user=staff["learner"], course_slug="advanced-plc", language="de")

    assert error.value.messages == ["Complete “PLC Basics (de)” first: it is a prerequisite."]
    assert not Enrollment.objects.exists()


def test_enrolling_after_prerequisites_takes_five_statements_in_a_transaction(
    publish: Any, staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    # given a learner who completed the prerequisite, in a process that has built no outline
    publish(make_package())
    publish(make_package(slug="advanced-plc", prerequisites=["plc-basics"]))
    learner = staff["learner"]
    basics = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    Enrollment.objects.filter(pk=basics.pk).update(status="completed", completed_at=timezone.now())
    cached_outline.cache_clear()

    # when they enrol in the next course
    with django_assert_num_queries(7):  # savepoint; course locked; own enrollment; prerequisites
        # not completed (one query for all); the enrollment and its event; release
        enrollment = enrollment_api.enroll(user=learner, course_slug="advanced-plc")

    # then the record names the course in its primary language, without building its outline
    stated = LearningEvent.objects.get(enrollment=enrollment, kind="enrolled").statement
    assert stated["object"]["id"] == "http://127.0.0.1:8000/courses/advanced-plc"
    assert stated["object"]["definition"]["name"] == {"en": "PLC Basics"}
    assert stated["context"]["language"] == "en"
    assert cached_outline.cache_info().currsize == 0


def test_a_full_course_waitlists_and_promotes_when_a_place_frees(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    Course.objects.update(capacity=1)
    first, second, third = staff["learner"], UserFactory(), UserFactory()

    a = enrollment_api.enroll(user=first, course_slug="plc-basics")
    b = enrollment_api.enroll(user=second, course_slug="plc-basics")
    c = enrollment_api.enroll(user=third, course_slug="plc-basics")
    assert [a.status, b.status, c.status] == ["active", "waitlisted", "waitlisted"]

    enrollment_api.unenroll(user=first, enrollment_id=a.pk)

    b.refresh_from_db()
    c.refresh_from_db()
    assert (b.status, c.status) == ("active", "waitlisted")


def test_enrolment_windows_are_enforced(course: dict[str, Any], staff: dict[str, User]) -> None:
    Course.objects.update(enrollment_closes_at=timezone.now() - timedelta(days=1))

    with pytest.raises(ValidationError) as error:
        enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    assert error.value.code == "closed"
    assert not Enrollment.objects.exists()


def test_enrolling_twice_is_idempotent(course: dict[str, Any], staff: dict[str, User]) -> None:
    first = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    second = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    assert first.pk == second.pk
    assert LearningEvent.objects.filter(kind="enrolled").count() == 1


def test_every_event_is_kept_as_an_xapi_statement_with_the_event_id(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    event_id = uuid.uuid4()
    lesson_event(learner, enrollment, "lesson_opened", course["text"], event_id=event_id)

    statements = [event.statement for event in enrollment_api.list_statements(user=learner)]

    assert [s["verb"]["display"]["en-US"] for s in statements] == ["registered", "experienced"]
    assert statements[1]["id"] == str(event_id)
    assert statements[1]["actor"]["account"]["name"] == str(learner.pk)
    assert statements[1]["context"]["registration"] == str(enrollment.registration)
    future = timezone.now() + timedelta(minutes=1)
    assert list(enrollment_api.list_statements(user=learner, since=future)) == []


def test_what_is_missing_is_explained_in_the_learners_language(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "quiz_submitted", course["quiz"], answers={})

    progress = enrollment_api.get_progress(user=learner, enrollment_id=enrollment.pk, language="de")

    assert [item["message"] for item in progress["missing"]][1:] == [
        "Lektion 1.2 „Watch a scan (de)“ nicht abgeschlossen.",
        "Quiz 2.1 „Final quiz (de)“: bestes Ergebnis 0 %, benötigt 70 %.",
        "Kursnote 0 %, benötigt 70 %.",
    ]


def test_a_learner_keeps_their_version_until_they_choose_to_move(
    course: dict[str, Any], staff: dict[str, User], publish: Any
) -> None:
    from courses import api as courses_api
    from courses.models import CourseVersion

    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_completed", course["text"])
    package = courses_api.export_course_package(version=course["version"])
    package["course"]["modules"][0]["lessons"].pop(1)  # version 2 drops the video
    publish(package)

    assert Enrollment.objects.get().version == course["version"]
    moved = enrollment_api.move_to_current_version(user=learner, enrollment_id=enrollment.pk)

    assert moved.version == CourseVersion.objects.get(state="published")
    progress = enrollment_api.get_progress(user=learner, enrollment_id=enrollment.pk, language="en")
    # The completed text lesson still counts; the video is no longer required.
    assert (progress["percent"], [item["label"] for item in progress["missing"]]) == (
        50,
        ["2.1", None],
    )


def test_reopening_the_current_lesson_is_logged_without_changing_progress(
    course: dict[str, Any], staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    first = lesson_event(learner, enrollment, "lesson_opened", course["text"])
    opened_at = LessonProgress.objects.get(enrollment=enrollment).opened_at
    replayed_id = uuid.uuid4()

    with django_assert_num_queries(4):  # the joined read; the INSERT, in a savepoint pair
        again = lesson_event(learner, enrollment, "lesson_opened", course["text"], replayed_id)
    replay = lesson_event(learner, enrollment, "lesson_opened", course["text"], replayed_id)

    assert again["progress"] == first["progress"]
    assert replay == again  # the stored result, recorded_at included
    assert LessonProgress.objects.get(enrollment=enrollment).opened_at == opened_at
    stored = LearningEvent.objects.get(pk=replayed_id)
    assert (stored.kind, str(stored.lesson_key)) == ("lesson_opened", course["text"])
    assert stored.statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/experienced"
    assert LearningEvent.objects.filter(kind="lesson_opened").count() == 2


def test_an_event_stored_after_the_locked_path_read_the_replays_is_answered_as_a_replay(
    course: dict[str, Any], staff: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the locked path read "no earlier event" just before another request stored the same
    # id (the lock-free path logs without the lock): its INSERT then meets the stored event
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    event_id = uuid.uuid4()
    first = lesson_event(learner, enrollment, "lesson_completed", course["text"], event_id)
    logged = LearningEvent.objects.filter(enrollment=enrollment).count()
    read = events._read_with_replay
    reads: list[str] = []

    def read_before_the_other_request_stored_it(*arguments: Any) -> Any:
        enrollment_read, lessons, earlier = read(*arguments)
        if not reads:
            earlier = {"earlier_enrollment": None, "earlier_result": None}
        reads.append("read")
        return enrollment_read, lessons, earlier

    monkeypatch.setattr(events, "_read_with_replay", read_before_the_other_request_stored_it)

    answer = lesson_event(learner, enrollment, "lesson_completed", course["text"], event_id)

    # then the answer is the stored event's, not an error, and the event is stored once
    assert answer == first
    assert reads == ["read", "read"]
    assert LearningEvent.objects.filter(enrollment=enrollment).count() == logged


def test_opening_another_lesson_still_moves_the_last_lesson_under_the_lock(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    lesson_event(learner, enrollment, "lesson_opened", course["text"])

    lesson_event(learner, enrollment, "lesson_opened", course["video"])
    lesson_event(learner, enrollment, "lesson_opened", course["text"])

    enrollment.refresh_from_db()
    assert str(enrollment.last_lesson_key) == course["text"]
    assert (
        LessonProgress.objects.filter(enrollment=enrollment, opened_at__isnull=False).count() == 2
    )


def test_a_transcoded_video_is_watched_against_its_measured_length_not_the_declared_one(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    # given a video lesson declared as 8 minutes whose uploaded video ffprobe measured at 30 s
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    VideoAsset.objects.create(
        course=Course.objects.get(slug="plc-basics"),
        lesson_key=uuid.UUID(course["video"]),
        source_name="videos/source.mp4",
        source_size=1,
        state=VideoAsset.State.READY,
        duration_seconds=30.0,
        playlist_name="videos/x/master.m3u8",
        updated_at=timezone.now(),
        ready_at=timezone.now(),
    )

    # when the learner watches 20 s, then all 30 s, with the player claiming 8 minutes
    partly = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[0, 20]], duration=480
    )
    fully = lesson_event(
        learner, enrollment, "video_progress", course["video"], segments=[[20, 30]]
    )

    # then progress is measured against the 30 s the server measured
    assert (partly["watched_percent"], partly["is_watched"]) == (66, False)
    assert (fully["watched_percent"], fully["is_watched"]) == (100, True)
