"""The real path: completion → signal → Celery on Redis → a worker issues the certificate."""

import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import User
from certificates.models import Certificate
from enrollment import api as enrollment_api
from tests import learning
from tests.conftest import celery_worker, need_service

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def worker_on_test_database(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A Celery worker process using this test run's database and media folder."""
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    database = connection.settings_dict
    url = (
        f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    with celery_worker(
        "certificates", DATABASE_URL=url, MEDIA_ROOT=str(settings.MEDIA_ROOT)
    ) as worker:
        yield worker


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_issues_the_certificate_within_seconds(
    course: dict[str, Any], staff: dict[str, User], worker_on_test_database: Any
) -> None:
    learner = staff["learner"]
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

    deadline = time.monotonic() + 60
    certificate = None
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(enrollment=enrollment, state="issued").first()
        if certificate is not None:
            break
        time.sleep(0.2)

    assert certificate is not None, "no certificate within 60 s"
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert Path(certificate.pdf.path).read_bytes().startswith(b"%PDF-")
