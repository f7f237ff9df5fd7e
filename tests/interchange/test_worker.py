"""The real path: an upload through the API, analysed and written by a Celery worker on Redis."""

import io
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.test import APIClient

from courses.models import Course
from interchange.models import CourseImport
from tests.conftest import celery_worker, need_service
from tests.factories import MembershipFactory, OrganizationFactory
from tests.interchange import cartridges


@pytest.fixture
def worker_on_test_database(settings: Any, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A Celery worker process using this test run's database and media folder."""
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    settings.MEDIA_ROOT = tmp_path
    database = connection.settings_dict
    url = (
        f"postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    with celery_worker("interchange", DATABASE_URL=url, MEDIA_ROOT=str(tmp_path)) as worker:
        yield worker


def _wait_for(import_id: str, state: str) -> CourseImport:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = CourseImport.objects.get(pk=import_id)
        if job.state in (state, CourseImport.State.FAILED):
            return job
        time.sleep(0.2)
    raise AssertionError(f"not {state} within 60 s")


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_analyses_and_writes_an_import(worker_on_test_database: Any) -> None:
    author = MembershipFactory(organization=OrganizationFactory(slug="rhine"), role="author").user
    client = APIClient()
    client.force_login(author)
    upload = io.BytesIO(cartridges.zipped(cartridges.every_kind()))
    upload.name = "robot-cells.imscc"

    response = client.post(
        "/api/v1/authoring/interchange/imports",
        {"file": upload, "organisation": "rhine"},
        format="multipart",
    )
    job = _wait_for(response.json()["id"], CourseImport.State.READY)
    assert job.state == CourseImport.State.READY
    assert job.report is not None
    assert job.report["course"] == {"slug": "robot-cells", "title": "Robot Cells"}
    assert not Course.objects.exists()

    client.post(f"/api/v1/authoring/interchange/imports/{job.pk}/confirm")
    job = _wait_for(str(job.pk), CourseImport.State.IMPORTED)

    assert job.state == CourseImport.State.IMPORTED
    assert job.version is not None
    assert job.version.course.slug == "robot-cells"
    assert not (Path(settings.MEDIA_ROOT) / job.stored_name).exists()
