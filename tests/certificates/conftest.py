"""Certificates fixtures: the enrollment fixtures, media in a temp folder, completed learners."""

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from accounts.models import User
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from tests import learning
from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)

__all__ = ["_fresh_outline_cache", "course", "framework", "institution", "publish", "staff"]


@pytest.fixture(autouse=True)
def _media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def complete(course: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Enrollment]:
    """Walk a learner through the test course to completion; the issuing task is not queued
    (tests call the api, or a real worker, explicitly)."""
    from certificates.tasks import issue_certificate_task

    monkeypatch.setattr(issue_certificate_task, "delay", lambda *args: None)

    def run(learner: User) -> Enrollment:
        enrollment = enrollment_api.enroll(user=learner, course_slug="plc-basics")
        for kind, key, payload in [
            ("lesson_completed", course["text"], {}),
            ("video_progress", course["video"], {"segments": [[0, 480]]}),
            ("quiz_submitted", course["quiz"], {"answers": course["correct_answers"]}),
        ]:
            learning.record_event(
                user=learner,
                enrollment_id=enrollment.pk,
                event_id=uuid.uuid4(),
                kind=kind,
                lesson_key=uuid.UUID(key),
                payload=payload,
            )
        enrollment.refresh_from_db()
        assert enrollment.status == "completed"
        return enrollment

    return run
