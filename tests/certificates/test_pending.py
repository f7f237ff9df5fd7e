"""The answer that completes a course comes back at once; the certificate is issued afterwards
(on the background thread when tasks run in process) and its state reads pending, then issued."""

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_django.fixtures import Settings
from rest_framework.test import APIClient

from accounts.models import User
from certificates import rendering
from certificates.models import Certificate
from config.celery import wait_for_background_tasks
from tests.factories import UserFactory


def _walk_to_the_final_quiz(client: APIClient, course: dict[str, Any]) -> str:
    """Enrol and finish everything but the final quiz; the enrollment's API path."""
    enrollment = client.post("/api/v1/enrollments/", {"course": "plc-basics"}, format="json")
    assert enrollment.status_code == 201, enrollment.content
    base = f"/api/v1/enrollments/{enrollment.json()['id']}"
    for kind, key, extra in [
        ("lesson_completed", course["text"], {}),
        ("video_progress", course["video"], {"segments": [[0, 480]]}),
    ]:
        response = client.post(
            f"{base}/events/",
            {"id": str(uuid.uuid4()), "kind": kind, "lesson": key, **extra},
            format="json",
        )
        assert response.status_code == 200, response.content
    return base


def _submit_final_quiz(client: APIClient, base: str, course: dict[str, Any]) -> Any:
    started = client.post(f"{base}/lessons/{course['quiz']}/attempts")
    assert started.status_code == 200, started.content
    return client.post(
        f"{base}/events/",
        {
            "id": str(uuid.uuid4()),
            "kind": "quiz_submitted",
            "lesson": course["quiz"],
            "answers": course["correct_answers"],
        },
        format="json",
    )


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Every PDF render, by thread, held until `release` is set: the request must not wait."""
    record: dict[str, Any] = {"threads": [], "release": threading.Event()}
    real = rendering.render_certificate_pdf

    def render(*args: Any, **kwargs: Any) -> bytes:
        record["threads"].append(threading.current_thread().name)
        assert record["release"].wait(timeout=30)
        return real(*args, **kwargs)

    monkeypatch.setattr(rendering, "render_certificate_pdf", render)
    yield record
    record["release"].set()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("tasks_in_process")
def test_the_completing_answer_returns_before_the_certificate_is_rendered(
    settings: Settings, course: dict[str, Any], renders: dict[str, Any]
) -> None:
    # As under `make run`: no broker, tasks in process on the background thread.
    settings.TASKS_IN_BACKGROUND_THREAD = True
    learner: User = UserFactory()
    client = APIClient()
    client.force_login(learner)
    base = _walk_to_the_final_quiz(client, course)
    request_thread = threading.current_thread().name

    response = _submit_final_quiz(client, base, course)
    state_while_rendering = client.get(f"{base}/certificate").json()
    renders["release"].set()
    wait_for_background_tasks()
    state_when_done = client.get(f"{base}/certificate").json()

    assert response.status_code == 200, response.content
    assert client.get(f"{base}/progress/").json()["status"] == "completed"
    # The render (held until released) was not in the request: it answered first.
    assert request_thread not in renders["threads"]
    certificate = Certificate.objects.get(user=learner)
    # Pending, before the task recorded it (no id yet) or while it renders (its id).
    assert state_while_rendering["state"] == "pending"
    assert state_while_rendering["certificate"] in {None, str(certificate.pk)}
    assert renders["threads"] == ["icim-task_0"]
    assert state_when_done == {"state": "issued", "certificate": str(certificate.pk)}
    assert certificate.state == Certificate.State.ISSUED


@pytest.mark.django_db
@pytest.mark.usefixtures("tasks_in_process")
def test_the_state_is_pending_from_completion_until_issued(
    course: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Deterministic (eager tasks, STYLE.md 13): before the captured callbacks run the course is
    complete and its certificate pending; after them, issued."""
    learner: User = UserFactory()
    client = APIClient()
    client.force_login(learner)
    base = _walk_to_the_final_quiz(client, course)
    before = client.get(f"{base}/certificate").json()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _submit_final_quiz(client, base, course).status_code == 200
    pending = client.get(f"{base}/certificate").json()
    for callback in callbacks:
        callback()
    issued = client.get(f"{base}/certificate").json()

    certificate = Certificate.objects.get(user=learner)
    assert before == {"state": "not_earned", "certificate": None}
    assert pending == {"state": "pending", "certificate": None}
    assert issued == {"state": "issued", "certificate": str(certificate.pk)}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "other learner"])
def test_the_state_is_only_for_the_learner(course: dict[str, Any], who: str) -> None:
    owner = APIClient()
    owner.force_login(UserFactory())
    base = _walk_to_the_final_quiz(owner, course)
    client = APIClient()
    if who == "other learner":
        client.force_login(UserFactory())

    response = client.get(f"{base}/certificate")

    assert response.status_code == (401 if who == "anonymous" else 404)
    assert "state" not in response.json()
