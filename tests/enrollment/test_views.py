"""Tests of the enrollment HTTP API: the journey, shapes, permissions, query counts."""

import uuid
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment, LearningEvent
from tests import learning

pytestmark = pytest.mark.django_db


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def test_the_whole_journey_works_through_the_api(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    client = _client(staff["learner"])

    enrolled = client.post("/api/v1/enrollments/", {"course": "plc-basics"}, format="json")
    assert enrolled.status_code == 201
    enrollment = enrolled.json()
    assert {k: enrollment[k] for k in ("course", "title", "version", "status")} == {
        "course": "plc-basics",
        "title": "PLC Basics",
        "version": 1,
        "status": "active",
    }
    base = f"/api/v1/enrollments/{enrollment['id']}"
    lesson = client.get(f"{base}/lessons/{course['quiz']}/").json()
    assert [q["kind"] for q in lesson["quiz"]["questions"]] == [
        "single_choice",
        "numeric",
        "true_false",
        "short_text",
    ]
    assert "is_correct" not in str(lesson)
    assert "ladder" not in str(lesson).lower()

    for kind, key, extra in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]:
        if kind == "quiz_submitted":
            started = client.post(f"{base}/lessons/{key}/attempts")
            assert (started.status_code, started.json()["attempt"]) == (200, 1)
        response = client.post(
            f"{base}/events/",
            {"id": str(uuid.uuid4()), "kind": kind, "lesson": key, **extra},
            format="json",
        )
        assert response.status_code == 200, response.json()

    progress = client.get(f"{base}/progress/").json()
    assert (progress["percent"], progress["status"], progress["missing"]) == (100, "completed", [])
    assert [m["percent"] for m in progress["modules"]] == [100, 100]
    listing = client.get("/api/v1/enrollments/").json()
    assert (listing["count"], listing["results"][0]["final_grade"]) == (1, "100.00")


def test_quiz_feedback_reveals_answers_only_as_the_quiz_allows(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    from courses.models import Quiz

    Quiz.objects.update(reveal_answers="after_pass")
    client = _client(staff["learner"])
    enrollment = client.post("/api/v1/enrollments/", {"course": "plc-basics"}, format="json").json()
    client.post(f"/api/v1/enrollments/{enrollment['id']}/lessons/{course['quiz']}/attempts")

    failed = client.post(
        f"/api/v1/enrollments/{enrollment['id']}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": course["quiz"],
            "answers": {},
        },
        format="json",
    ).json()

    assert failed["answers_revealed"] is False
    assert all(
        set(item) == {"question", "correct", "points", "max_points"} for item in failed["feedback"]
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "lesson_opened", "lesson": "x"}, "lesson"),
        ({"id": "not-a-uuid", "kind": "lesson_opened"}, "id"),
        ({"kind": "teleported"}, "kind"),
        ({"extra": 1}, "extra"),
    ],
)
def test_malformed_events_are_400_and_record_nothing(
    course: dict[str, Any], staff: dict[str, User], body: dict[str, Any], field: str
) -> None:
    client = _client(staff["learner"])
    enrollment = client.post("/api/v1/enrollments/", {"course": "plc-basics"}, format="json").json()
    full = {"id": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": course["text"], **body}
    before = LearningEvent.objects.count()

    response = client.post(f"/api/v1/enrollments/{enrollment['id']}/events/", full, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert LearningEvent.objects.count() == before


@pytest.mark.parametrize(
    "path",
    ["/", "/progress/", "/lessons/{text}/"],
)
@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("author", 404), ("outsider", 404), ("learner", 200)]
)
def test_an_enrollment_is_visible_to_its_learner_only(
    course: dict[str, Any], staff: dict[str, User], path: str, who: str, expected: int
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")
    url = f"/api/v1/enrollments/{enrollment.pk}" + path.format(text=course["text"])

    response = _client(None if who == "anonymous" else staff[who]).get(url)

    assert response.status_code == expected


def test_posting_events_to_someone_elses_enrollment_is_404(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    response = _client(staff["author"]).post(
        f"/api/v1/enrollments/{enrollment.pk}/events/",
        {"id": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": course["text"]},
        format="json",
    )

    assert response.status_code == 404
    assert LearningEvent.objects.filter(kind="lesson_opened").count() == 0


def test_enrolling_in_an_unknown_course_is_404(staff: dict[str, User], framework: None) -> None:
    response = _client(staff["learner"]).post(
        "/api/v1/enrollments/", {"course": "nope"}, format="json"
    )

    assert response.status_code == 404
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_progress_answers_exactly_what_its_documented_serializer_would(
    course: dict[str, Any], staff: dict[str, User], language: str
) -> None:
    """The view returns the api's dict without a serializer: hold it to the schema's shape
    before any event, part way (quiz failed, video half watched) and once completed."""
    from enrollment.serializers.learning import ProgressSerializer

    learner = staff["learner"]
    learner.preferred_language = language  # a signed-in learner is answered in this language
    learner.save()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    url = f"/api/v1/enrollments/{enrollment.pk}/progress/"
    steps: list[tuple[str, str, dict[str, Any]]] = [
        ("", "", {}),  # before any event
        ("quiz_submitted", course["quiz"], {"answers": {}}),  # unanswered: failed
        ("video_progress", course["video"], {"segments": [[0, 120]]}),
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]
    seen = []
    for kind, lesson, extra in steps:
        if kind:
            learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=uuid.uuid4(),
                kind=kind,
                lesson_key=uuid.UUID(lesson),
                payload=extra,
            )
        answer = client.get(url).json()
        expected = ProgressSerializer(
            enrollment_api.get_progress(
                user=learner, enrollment_id=enrollment.pk, language=language
            )
        ).data
        assert answer == _as_json(expected)
        seen.append((answer["percent"], answer["status"]))

    assert seen[0] == (0, "active")
    assert seen[-1] == (100, "completed")


def _as_json(data: Any) -> Any:
    import json

    from rest_framework.renderers import JSONRenderer

    return json.loads(JSONRenderer().render(data))


def test_progress_costs_the_same_queries_however_many_events(
    course: dict[str, Any], staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    client.get(f"/api/v1/enrollments/{enrollment.pk}/progress/")  # warm the outline cache
    for _ in range(30):
        learning.record_event(
            user=learner,
            enrollment_id=enrollment.pk,
            event_id=uuid.uuid4(),
            kind="lesson_opened",
            lesson_key=uuid.UUID(course["text"]),
            payload={},
        )

    # session, user, the enrollment with its lesson progress (one join)
    with django_assert_num_queries(3):
        response = client.get(f"/api/v1/enrollments/{enrollment.pk}/progress/")

    assert response.json()["percent"] == 0


def test_statement_export_for_learners_and_for_course_staff(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    enrollment_api.enroll(user=staff["learner"], course_slug="plc-basics")

    own = _client(staff["learner"]).get("/api/v1/statements/").json()
    staff_view = (
        _client(staff["reviewer"]).get("/api/v1/statements/", {"course": "plc-basics"}).json()
    )
    refused = _client(staff["outsider"]).get("/api/v1/statements/", {"course": "plc-basics"})
    # A verifier of the owning institution checks credentials; learners' records are not theirs.
    verifier = _client(staff["verifier"]).get("/api/v1/statements/", {"course": "plc-basics"})
    bad = _client(staff["learner"]).get("/api/v1/statements/", {"since": "yesterday"})

    assert own["count"] == 1
    assert own["results"][0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert staff_view["results"] == own["results"]
    assert refused.status_code == 403
    assert verifier.status_code == 403
    assert (bad.status_code, list(bad.json()["fields"])) == (400, ["since"])


def test_recording_an_event_costs_the_same_queries_however_many_came_before(
    course: dict[str, Any], staff: dict[str, User], django_assert_num_queries: Any
) -> None:
    learner = staff["learner"]
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    client = _client(learner)
    url = f"/api/v1/enrollments/{enrollment.pk}/events/"

    def post() -> Any:
        return client.post(
            url,
            {"id": str(uuid.uuid4()), "kind": "lesson_opened", "lesson": course["text"]},
            format="json",
        )

    post()  # warm the outline cache and create the lesson's progress row
    # session, user, the enrollment with its lesson progress and the replay check (one join),
    # the event's INSERT (in a savepoint only because the test runs in a transaction):
    # re-opening the lesson one is on changes nothing, so it takes no lock and writes nothing else
    with django_assert_num_queries(6):
        post()
    for _ in range(20):
        post()
    with django_assert_num_queries(6):
        response = post()

    assert response.status_code == 200
    assert LearningEvent.objects.filter(kind="lesson_opened").count() == 23


def test_waitlisted_learners_see_their_place_in_the_queue(
    course: dict[str, Any], staff: dict[str, User]
) -> None:
    from courses.models import Course
    from tests.factories import UserFactory

    Course.objects.update(capacity=1)
    first, second, third = staff["learner"], UserFactory(), UserFactory()
    for learner in (first, second, third):
        enrollment_api.enroll(user=learner, course_slug="plc-basics")

    places = [
        _client(learner).get("/api/v1/enrollments/").json()["results"][0]["waitlist_position"]
        for learner in (first, second, third)
    ]

    assert places == [None, 1, 2]


# --- "what is missing" follows the language of the request ----------------------------------------


@pytest.mark.parametrize(
    ("saved", "accept_language", "expected"),
    [
        ("de", "zh-hans", "课时 1.1“Inputs, logic, outputs”尚未完成。"),
        ("zh-hans", "en-GB,en;q=0.8", "Lesson 1.1 “Inputs, logic, outputs” not completed."),
        # No language named by the request: the one saved in the profile.
        ("de", "", "Lektion 1.1 „Inputs, logic, outputs (de)“ nicht abgeschlossen."),
    ],
)
def test_what_is_missing_is_in_the_language_of_the_request_not_the_saved_one(
    course: dict[str, Any], staff: dict[str, User], saved: str, accept_language: str, expected: str
) -> None:
    learner = staff["learner"]
    learner.preferred_language = saved
    learner.save()
    enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}

    progress = (
        _client(learner).get(f"/api/v1/enrollments/{enrollment.pk}/progress/", **headers).json()
    )

    assert progress["missing"][0]["message"] == expected
