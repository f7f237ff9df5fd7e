"""The real services of CI: PostgreSQL as the database, Redis as broker, a real Celery worker."""

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from config.celery import ping_task
from tests.conftest import REQUIRE_SERVICES, celery_worker, need_service

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_services_are_required() -> None:
    need_service("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        (version,) = cursor.fetchone()

    assert version >= 140000


def test_required_services_are_configured() -> None:
    if not REQUIRE_SERVICES:
        pytest.skip("REQUIRE_SERVICES is not set")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.REDIS_URL.startswith("redis://")
    assert settings.CELERY_TASK_ALWAYS_EAGER is False


@pytest.fixture(scope="module")
def celery_worker_process() -> Iterator[subprocess.Popen[str]]:
    need_service("Redis (REDIS_URL)", bool(settings.REDIS_URL))
    with celery_worker("pytest") as worker:
        yield worker


def test_a_real_worker_consumes_a_task_from_redis(
    celery_worker_process: subprocess.Popen[str],
) -> None:
    assert celery_app.conf.task_always_eager is False

    started = time.monotonic()
    result = ping_task.delay()
    answer = result.get(timeout=60)

    assert answer == "pong"
    assert result.successful()
    assert celery_worker_process.poll() is None, "the worker died"
    assert time.monotonic() - started < 60
