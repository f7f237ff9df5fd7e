"""Bearer tokens served from the cache: no query once authenticated, and no stale answer after
a revocation or a change to the user (tests run on LocMem locally and on Redis in CI)."""

from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts import api as accounts_api
from accounts.models import ApiToken, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _token(user: User) -> tuple[ApiToken, str]:
    return accounts_api.create_api_token(email=user.email, password=TEST_PASSWORD)


def test_a_token_that_authenticated_is_then_answered_without_a_query(
    django_assert_num_queries: Any,
) -> None:
    user = UserFactory()
    _record, secret = _token(user)
    assert accounts_api.authenticate_token(secret=secret) == user

    with django_assert_num_queries(0):
        again = accounts_api.authenticate_token(secret=secret)

    assert again == user
    assert again is not None
    assert again.email == user.email


def test_a_cached_token_is_refused_as_soon_as_it_is_revoked() -> None:
    user = UserFactory()
    record, secret = _token(user)
    accounts_api.authenticate_token(secret=secret)

    accounts_api.revoke_api_token(user=user, token_id=record.pk)

    assert accounts_api.authenticate_token(secret=secret) is None


def test_a_cached_token_is_refused_as_soon_as_its_user_is_deactivated() -> None:
    user = UserFactory()
    _record, secret = _token(user)
    accounts_api.authenticate_token(secret=secret)

    user.is_active = False
    user.save()

    assert accounts_api.authenticate_token(secret=secret) is None


def test_a_profile_change_is_seen_by_the_next_token_request() -> None:
    user = UserFactory(preferred_language="en")
    _record, secret = _token(user)
    accounts_api.authenticate_token(secret=secret)

    accounts_api.update_profile(user=user, preferred_language="de")

    authenticated = accounts_api.authenticate_token(secret=secret)
    assert authenticated is not None
    assert authenticated.preferred_language == "de"


def test_an_answer_read_before_a_revocation_cannot_be_cached_after_it() -> None:
    """A request that found the token valid just before the revocation committed tries to
    store it after the revocation's tombstone: the tombstone wins, the next request asks the
    database."""
    user = UserFactory()
    record, secret = _token(user)
    accounts_api.revoke_api_token(user=user, token_id=record.pk)  # writes the tombstone
    ApiToken.objects.filter(pk=record.pk).update(revoked_at=None)  # as the late reader saw it

    assert accounts_api.authenticate_token(secret=secret) == user  # read from the database
    ApiToken.objects.filter(pk=record.pk).update(revoked_at="2026-01-01T00:00:00Z")

    assert accounts_api.authenticate_token(secret=secret) is None  # not cached: asked again


def test_a_password_reset_refuses_cached_tokens(api_client: APIClient) -> None:
    user = UserFactory()
    _record, secret = _token(user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api_client.get("/api/v1/auth/me").status_code == 200

    accounts_api.send_password_reset_email(user_id=user.pk)
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    accounts_api.reset_password(
        uid=urlsafe_base64_encode(force_bytes(user.pk)),
        token=default_token_generator.make_token(user),
        new_password="new-secret-pass-7",
    )

    refused = api_client.get("/api/v1/auth/me")
    assert refused.status_code == 401
    assert refused.json()["code"] == "authentication_failed"


def test_a_token_is_not_cached_past_its_expiry() -> None:
    user = UserFactory()
    record, secret = _token(user)
    ApiToken.objects.filter(pk=record.pk).update(expires_at=record.created_at)

    assert accounts_api.authenticate_token(secret=secret) is None
    assert cache.get(f"api-token:{record.digest}") is None
