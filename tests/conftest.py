"""Shared fixtures: API clients, users, and the rule that real services fail rather than skip."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import User
from tests.factories import UserFactory

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") in {"1", "true", "yes"}
ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    # Hashing speed is not under test; PBKDF2 would spend a quarter second on every user created.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests expect the development address whatever port the developer's shell exports
    # (`PORT=9000 make test`); tests of other addresses set PUBLIC_BASE_URL themselves.
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    # Tasks run eagerly where a test runs its captured on-commit callbacks (STYLE.md 13); the
    # background thread of development is tested on its own (tests/certificates/test_pending.py).
    settings.TASKS_IN_BACKGROUND_THREAD = False
    # Tests flush the cache between tests; keep that away from the Celery broker's Redis database
    # (TEST_CACHE_REDIS_DB lets parallel runs on one machine keep apart).
    if settings.REDIS_URL:
        database = os.environ.get("TEST_CACHE_REDIS_DB", "15")
        location = settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[0] + "/" + database
        settings.CACHES["default"]["LOCATION"] = location


def need_service(name: str, available: bool) -> None:
    """Skip when a real service is missing in development; fail when CI requires it."""
    if available:
        return
    message = f"{name} is not configured or not reachable"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message}, and REQUIRE_SERVICES=1 demands it")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Start every test in English: a request in an earlier test may have activated another
    language in this thread."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def _signing_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from certificates.signing import write_new_key_file

    path = tmp_path_factory.mktemp("keys") / "credential-signing-key.pem"
    write_new_key_file(path)
    return path


@pytest.fixture(autouse=True)
def _test_signing_key(settings: Any, _signing_key_file: Path) -> None:
    """Credentials are signed with a key made for the test run, never the developer's."""
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = str(_signing_key_file)


@pytest.fixture(scope="session")
def _seal_keys(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from certificates.seal_keys import write_development_keys

    return write_development_keys(tmp_path_factory.mktemp("seal"))


@pytest.fixture(autouse=True)
def _test_seal_keys(settings: Any, _seal_keys: Any) -> None:
    """Certificate PDFs are sealed by a CA made for the test run."""
    settings.PDF_SEAL_KEY_FILE = str(_seal_keys.seal_key_file)
    settings.PDF_SEAL_CERT_FILE = str(_seal_keys.seal_cert_file)
    settings.PDF_SEAL_CHAIN_FILE = str(_seal_keys.ca_cert_file)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Throttle counters live in the cache: start every test with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def openapi_schema() -> dict[str, Any]:
    """The API's OpenAPI document, as `/api/schema/` serves it."""
    from tests.openapi_client import openapi_document

    return openapi_document()


@pytest.fixture
def tasks_in_process() -> Iterator[None]:
    """Queued Celery tasks run in this process, as in development without Redis: for tests that
    follow queued work (an e-mail, a certificate) to its end. With REDIS_URL (CI) tasks would
    otherwise go to the real broker, where no worker of this test takes them."""
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = previous


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def csrf_client() -> APIClient:
    """A client that enforces CSRF like a browser does."""
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def user(db: None) -> User:
    return UserFactory()


@pytest.fixture
def logged_in_client(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    return UserFactory


@contextlib.contextmanager
def celery_worker(
    name: str,
    *,
    pool: str = "solo",
    concurrency: int = 1,
    environment: Mapping[str, str] | None = None,
    **variables: str,
) -> Iterator[subprocess.Popen[str]]:
    """A real Celery worker process on the configured broker, stopped on exit.

    The solo pool runs tasks in the worker process itself; `pool="prefork"` runs them in
    `concurrency` child processes (which a test may kill on their own). The worker's environment
    is this process's, plus `environment` and the keyword `variables`. The context is entered
    once the worker answers a ping on the broker, so a test's own deadlines do not include the
    worker's start-up (which on a loaded CI machine can take many seconds).
    """
    hostname = f"{name}-{os.getpid()}@{socket.gethostname()}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            f"--pool={pool}",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
            "--hostname",
            hostname,
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_DEBUG": "true", **(environment or {}), **variables},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_answering(worker, hostname)
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def _wait_until_answering(
    worker: subprocess.Popen[str], hostname: str, timeout: float = 90
) -> None:
    """Block until the worker answers a broadcast ping, or fail with what it printed."""
    from config.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            output = worker.stdout.read() if worker.stdout else ""
            raise AssertionError(f"the worker {hostname} exited at start-up:\n{output}")
        if app.control.ping(destination=[hostname], timeout=0.5):
            return
    raise AssertionError(f"the worker {hostname} did not answer a ping within {timeout} s")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3-compatible server on a free local port (moto's, in a thread of this process):
    its endpoint URL. Each test makes its own bucket (`s3_storages`)."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError:
        need_service("a local S3 server (moto)", False)
        raise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture
def s3_storages(s3_endpoint: str, settings: Any) -> Any:
    """Every storage of uploads in a fresh bucket of the local S3 server, wired by the same
    code as STORAGE_BACKEND=s3 (config/storage.py); the bucket's S3Settings."""
    import uuid

    from config.storage import S3Settings, file_storages

    s3 = S3Settings(
        bucket=f"icim-test-{uuid.uuid4().hex[:16]}",
        endpoint_url=s3_endpoint,
        region="us-east-1",
        access_key_id="test-key",
        secret_access_key="test-secret",
        addressing_style="path",
    )
    s3_client(s3).create_bucket(Bucket=s3.bucket)
    settings.STORAGES = {**settings.STORAGES, **file_storages(backend="s3", s3=s3)}
    return s3


def s3_client(s3: Any) -> Any:
    """A boto3 client of the test bucket's server, to look at what the app stored."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=s3.endpoint_url,
        region_name=s3.region,
        aws_access_key_id=s3.access_key_id,
        aws_secret_access_key=s3.secret_access_key,
    )
