"""Public verification by id from the cache: no query on a repeat, and never a stale answer
after a revocation, a replacement or a privacy change (LocMem locally, Redis in CI, where the
throttle reads the cached answer in its own round trip)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from certificates import api as certificates_api
from certificates.models import Certificate
from certificates.verification_cache import VERIFICATION_CACHE_SECONDS
from config import cache as raw_cache
from enrollment.models import Enrollment

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(staff: dict[str, User], complete: Callable[..., Enrollment]) -> Certificate:
    issued = certificates_api.issue_certificate(enrollment_id=complete(staff["learner"]).pk)
    cache.clear()  # as a minute later: issuing left tombstones that keep it out of the cache
    return issued


def _verify(certificate: Certificate, language: str = "en") -> Any:
    return APIClient().get(
        f"/api/v1/verify/{certificate.pk}", headers={"Accept-Language": language}
    )


def test_a_repeated_verification_is_answered_from_the_cache_without_a_query(
    certificate: Certificate, django_assert_num_queries: Any
) -> None:
    first = _verify(certificate)

    with django_assert_num_queries(0):
        again = _verify(certificate)

    assert again.status_code == 200
    assert again["Content-Type"] == "application/json"
    assert again.json() == first.json()
    assert again.json()["status"] == "valid"


def test_answers_are_cached_per_language(certificate: Certificate) -> None:
    english = _verify(certificate, "en").json()
    german = _verify(certificate, "de").json()
    german_again = _verify(certificate, "de").json()

    assert english["checks"][0]["label"] == "Issued by ICIM Academy and recorded in its register"
    assert german["checks"][0]["label"] != english["checks"][0]["label"]
    assert german_again == german


def test_a_revocation_is_seen_by_the_next_verification(
    staff: dict[str, User], certificate: Certificate
) -> None:
    assert _verify(certificate).json()["status"] == "valid"
    assert _verify(certificate, "de").json()["status"] == "valid"

    certificates_api.revoke_certificate(
        user=staff["approver"], certificate_id=certificate.pk, reason="Plagiarism"
    )

    for language in ("en", "de"):
        answer = _verify(certificate, language).json()
        assert (answer["status"], answer["revocation_reason"]) == ("revoked", "Plagiarism")


def test_making_a_certificate_private_hides_the_name_at_once(
    staff: dict[str, User], certificate: Certificate
) -> None:
    assert _verify(certificate).json()["learner_name"] == staff["learner"].full_name

    certificates_api.set_privacy(
        user=staff["learner"], certificate_id=certificate.pk, is_private=True
    )

    answer = _verify(certificate).json()
    assert answer["is_private"] is True
    assert "learner_name" not in answer


def test_an_answer_read_before_a_change_committed_is_not_stored_after_it(
    certificate: Certificate,
) -> None:
    """A request that read the old row stores its answer after the change's tombstone: the
    tombstone wins, and verification keeps reading the database."""
    name = certificates_api.public_verification_cache_name(
        certificate_id=str(certificate.pk), language="en"
    )
    certificates_api.forget_public_verification(certificate_id=str(certificate.pk))

    raw_cache.add_bytes(name, b'{"status": "valid", "stale": true}', timeout=60)
    Certificate.objects.filter(pk=certificate.pk).update(revocation_reason="changed")

    assert raw_cache.get_bytes(name) is None
    assert "stale" not in _verify(certificate).json()


def test_an_answer_is_not_cached_past_the_certificates_expiry(certificate: Certificate) -> None:
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_at=timezone.now() + timedelta(seconds=20)
    )
    _result, lifetime = certificates_api.verify_certificate_for_cache(
        certificate_id=str(certificate.pk)
    )
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    revoked, revoked_lifetime = certificates_api.verify_certificate_for_cache(
        certificate_id=str(certificate.pk)
    )

    assert 0 < lifetime <= 20
    assert revoked["status"] == "revoked"
    assert revoked_lifetime == VERIFICATION_CACHE_SECONDS


def test_unknown_ids_are_not_cached(certificate: Certificate) -> None:
    unknown = "4c0f5c57-8f5e-4d39-8d3f-2d5c6c1f0a11"
    missing = APIClient().get(f"/api/v1/verify/{unknown}")

    name = certificates_api.public_verification_cache_name(certificate_id=unknown, language="en")
    assert missing.status_code == 404
    assert raw_cache.get_bytes(name) is None
