"""Requests that used to break a worker: each is a clear 400 (or safe text), never a 500."""

import io
import json
import smtplib
import uuid
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from courses.models import Course
from courses.outline import cached_outline
from enrollment.models import LearningEvent
from tests.courses.conftest import make_package
from tests.security.conftest import World

pytestmark = pytest.mark.usefixtures("_no_throttling")

NUMERIC_OUT_OF_RANGE = (
    "A numeric answer must be a number below 10^13 in size, written in at most 40 characters."
)


@pytest.mark.parametrize(
    "answer", ["1e999999999", "1e1000000", "-1e13", 1e300, "1" * 41, "0." + "0" * 39 + "1"]
)
def test_a_numeric_answer_beyond_range_is_a_clear_400_and_records_nothing(
    world: World, course: dict[str, Any], answer: object
) -> None:
    client = APIClient()
    client.force_login(world.users["other_learner"])
    numeric_key = str(course["questions"]["numeric"].key)
    base = f"/api/v1/enrollments/{world.other_enrollment.pk}"
    assert client.post(f"{base}/lessons/{course['quiz']}/attempts").status_code == 200

    response = client.post(
        f"{base}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": course["quiz"],
            "answers": {**course["correct_answers"], numeric_key: answer},
        },
        format="json",
    )

    assert response.status_code == 400, response.content[:500]
    assert response.json()["fields"] == {f"answers.{numeric_key}": [NUMERIC_OUT_OF_RANGE]}
    assert not LearningEvent.objects.filter(
        enrollment=world.other_enrollment, kind="quiz_submitted"
    ).exists()


# --- course package files ------------------------------------------------------------------------


def _stored_zip(course_json: bytes) -> bytes:
    """An archive whose course.json is stored uncompressed (so no compression ratio applies)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("course.json", course_json)
    return buffer.getvalue()


def _import(world: World, name: str, content: bytes) -> Any:
    client = APIClient()
    client.force_login(world.users["author"])
    upload = io.BytesIO(content)
    upload.name = name
    return client.post("/api/v1/authoring/imports", {"file": upload}, format="multipart")


NESTED = b"[" * 200_000 + b"]" * 200_000
TOO_DEEP = b'{"format": "icim-course/1", "course": ' + b"[" * 20 + b"]" * 20 + b"}"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("course.zip", _stored_zip(NESTED), {"course.json": "nests deeper than 20 levels"}),
        ("course.zip", _stored_zip(TOO_DEEP), {"course.json": "nests deeper than 20 levels"}),
        ("course.json", NESTED, {"$": "nests deeper than 20 levels"}),
        ("course.json", b" " * (20 * 1024 * 1024 + 1), {"$": "is larger than 20 MB"}),
        (
            "course.zip",
            _stored_zip(b"[" + b" " * (20 * 1024 * 1024) + b"]"),
            {"course.json": "is larger than 20 MB"},
        ),
    ],
    ids=[
        "stored-zip-nested",
        "stored-zip-21-levels",
        "json-nested",
        "json-too-large",
        "zip-too-large",
    ],
)
def test_package_files_past_the_size_and_depth_limits_are_a_clear_400(
    world: World, name: str, content: bytes, problem: dict[str, str]
) -> None:
    courses_before = Course.objects.count()

    response = _import(world, name, content)

    assert response.status_code == 400, response.content[:500]
    assert response.json()["code"] == "invalid_package"
    assert response.json()["problems"] == [
        {"location": location, "message": message} for location, message in problem.items()
    ]
    assert Course.objects.count() == courses_before


def test_brackets_inside_texts_do_not_count_as_nesting(world: World) -> None:
    package = make_package(slug="brackets", institution="rhine")
    package["course"]["translations"]["en"]["summary"] = '[[[[[[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{ \\"'

    response = _import(world, "course.json", json.dumps(package).encode())

    assert response.status_code == 201, response.content[:500]


def test_an_authors_numeric_answer_with_a_huge_exponent_is_a_problem_not_a_500(
    world: World,
) -> None:
    package = make_package(slug="huge-answer", institution="rhine")
    quiz = package["course"]["modules"][1]["lessons"][0]["quiz"]
    numeric = next(q for q in quiz["questions"] if q["kind"] == "numeric")
    numeric["answer"] = "1e999999999"

    response = _import(world, "course.json", json.dumps(package).encode())

    assert response.status_code == 400, response.content[:500]
    assert [problem["message"] for problem in response.json()["problems"]] == [
        "must be a finite number below 10^13"
    ]


# --- e-mail --------------------------------------------------------------------------------------

HOSTILE_TITLE = "PLC Basics\r\nBcc: victim@example.org\n\tX-Injected: yes"


def _complete_over_http(
    learner: User, course: dict[str, Any], capture: Callable[..., Any]
) -> list[Any]:
    """Enrol and complete the course through the API, every after-commit callback run (the
    certificate is issued and the e-mail sent in process, as without Redis)."""
    client = APIClient()
    client.force_login(learner)
    responses = []
    with capture(execute=True):
        enrollment = client.post("/api/v1/enrollments/", {"course": "plc-basics"}, format="json")
    for kind, key, payload in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
        ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
    ]:
        base = f"/api/v1/enrollments/{enrollment.json()['id']}"
        if kind == "quiz_submitted":
            client.post(f"{base}/lessons/{key}/attempts")
        with capture(execute=True):
            responses.append(
                client.post(
                    f"{base}/events/",
                    {"id": str(uuid.uuid4()), "kind": kind, "lesson": key, **payload},
                    format="json",
                )
            )
    return responses


@pytest.fixture
def hostile_title(course: dict[str, Any]) -> None:
    """The published course's English title carries line breaks and a header of its own."""
    version = course["version"]
    version.translations["en"]["title"] = HOSTILE_TITLE
    version.save(update_fields=["translations"])
    cached_outline.cache_clear()


@pytest.mark.usefixtures("hostile_title")
@pytest.mark.usefixtures("tasks_in_process")
def test_a_course_title_with_line_breaks_gives_a_one_line_subject_and_the_mail_goes_out(
    course: dict[str, Any],
    staff: dict[str, User],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    responses = _complete_over_http(staff["learner"], course, django_capture_on_commit_callbacks)

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert responses[-1].json()["progress"]["status"] == "completed"
    assert [(message.subject, message.to, message.bcc) for message in mailoutbox] == [
        (
            "Your ICIM Academy certificate: PLC Basics Bcc: victim@example.org X-Injected: yes",
            [staff["learner"].email],
            [],
        )
    ]
    assert "X-Injected" not in mailoutbox[0].message()


@pytest.mark.usefixtures("tasks_in_process")
def test_a_mail_server_failure_never_fails_the_request_and_the_mail_is_retried(
    course: dict[str, Any],
    staff: dict[str, User],
    mailoutbox: list[Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    # given a mail server that drops the connection twice, then accepts; and tasks run in
    # process without propagating their errors (with propagation Celery raises its Retry
    # instead of retrying; a worker retries the same way, with backoff between attempts)
    from django.core.mail.backends.locmem import EmailBackend

    from config.celery import app

    monkeypatch.setitem(app.conf, "task_eager_propagates", False)

    attempts: list[int] = []
    deliver = EmailBackend.send_messages

    def flaky(self: EmailBackend, messages: Any) -> int:
        attempts.append(len(messages))
        if len(attempts) <= 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return deliver(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)

    responses = _complete_over_http(staff["learner"], course, django_capture_on_commit_callbacks)

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert len(attempts) == 3
    assert [message.subject for message in mailoutbox] == [
        "Your ICIM Academy certificate: PLC Basics"
    ]


def test_queueing_an_email_waits_for_the_commit_and_never_raises(
    db: None,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from accounts import api as accounts_api
    from accounts.tasks import send_email_task

    queued: list[tuple[Any, ...]] = []

    def broker_down(*arguments: Any) -> None:
        queued.append(arguments)
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(send_email_task, "delay", broker_down)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        accounts_api.queue_email(recipient="a@example.org", subject="A\r\nB", body="Hello")
        assert queued == []  # nothing before the commit

    assert len(callbacks) == 1
    assert queued == [("a@example.org", "A B", "Hello")]
