"""With the cache's Redis unreachable the platform answers from the database, promptly: the
catalog, bearer-token requests, verification by id, and a revocation that is seen at once."""

import time
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from config import cache as raw_cache
from enrollment.models import Enrollment
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down() -> Iterator[None]:
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {
                **settings.CACHES["default"].get("OPTIONS", {}),
                "socket_connect_timeout": 1,
                "retry": Retry(NoBackoff(), 1),
            },
        }
    }
    raw_cache.redis_client.cache_clear()
    with override_settings(CACHES=unreachable):
        raw_cache.redis_client.cache_clear()
        yield
    raw_cache.redis_client.cache_clear()
    cache.clear()


def test_everything_answers_from_the_database_while_the_cache_is_down(
    staff: dict[str, User],
    complete: Callable[..., Enrollment],
    redis_down: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    learner = staff["learner"]
    enrollment = complete(learner)
    certificate = certificates_api.issue_certificate(enrollment_id=enrollment.pk)
    _token, secret = accounts_api.create_api_token(email=learner.email, password=TEST_PASSWORD)
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    started = time.monotonic()

    catalog = APIClient().get("/api/v1/courses/", {"search": "plc"})
    progress = bearer.get(f"/api/v1/enrollments/{enrollment.pk}/progress/")
    progress_again = bearer.get(f"/api/v1/enrollments/{enrollment.pk}/progress/")
    verified = APIClient().get(f"/api/v1/verify/{certificate.pk}")
    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Plagiarism"
    )
    after_revocation = APIClient().get(f"/api/v1/verify/{certificate.pk}")

    assert [r["slug"] for r in catalog.json()["results"]] == ["plc-basics"]
    assert (progress.status_code, progress.json()["percent"]) == (200, 100)
    assert progress_again.json() == progress.json()
    assert verified.json()["status"] == "valid"
    assert (after_revocation.json()["status"], after_revocation.json()["revocation_reason"]) == (
        "revoked",
        "Plagiarism",
    )
    assert time.monotonic() - started < 10  # no five-second retries per cache call
    assert "Token cache unavailable" in caplog.text


def test_a_bearer_token_is_refused_after_revocation_while_the_cache_is_down(
    staff: dict[str, User], redis_down: None
) -> None:
    learner = staff["learner"]
    token, secret = accounts_api.create_api_token(email=learner.email, password=TEST_PASSWORD)
    assert accounts_api.authenticate_token(secret=secret) == learner

    accounts_api.revoke_api_token(user=learner, token_id=token.pk)

    assert accounts_api.authenticate_token(secret=secret) is None
