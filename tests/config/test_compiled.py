"""config.compiled: a values_list() query compiled once answers as the queryset would."""

import uuid

import pytest
from django.db import connection
from django.db.models import F, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import ApiToken, AuditEvent, User
from config.compiled import CompiledRows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANY_USER = -9_100_001
ANY_TOKEN = uuid.UUID("00000000-0000-4000-8000-0000000a11ce")


def _users_named(user_id: int) -> object:
    return User.objects.filter(pk=user_id).values_list("email", "full_name")


def test_rows_are_the_querysets_for_each_value_bound_in_one_query() -> None:
    # given two users and a query compiled once
    first, second = UserFactory(full_name="Ada"), UserFactory(full_name="Grace")
    compiled = CompiledRows(_users_named, user_id=ANY_USER)

    # when it runs for each user
    with CaptureQueriesContext(connection) as queries:
        rows = [compiled.rows(user_id=first.pk), compiled.rows(user_id=second.pk)]

    # then each answer is the queryset's, one query each
    assert rows == [list(_users_named(first.pk)), list(_users_named(second.pk))]
    assert rows[1] == [(second.email, "Grace")]
    assert len(queries) == 2


def test_uuid_parameters_and_converted_columns_match_the_orm() -> None:
    # given a token found by its UUID and an audit record with JSON details: columns SQLite
    # stores as text and the ORM converts (uuid, datetime, json)
    user = UserFactory()
    token = ApiToken.objects.create(
        user=user, prefix="icim_ab", digest="d" * 64, expires_at=timezone.now()
    )
    AuditEvent.objects.create(actor=user, action="login", details={"via": "token"})

    def token_row(token_id: uuid.UUID) -> object:
        return ApiToken.objects.filter(pk=token_id).values_list("id", "prefix", "expires_at")

    def details(actor_id: int) -> object:
        return AuditEvent.objects.filter(actor_id=actor_id).values_list("details")

    by_token = CompiledRows(token_row, token_id=ANY_TOKEN)
    by_actor = CompiledRows(details, actor_id=ANY_USER)

    # then the rows are the ORM's, typed alike; another id finds nothing
    assert by_token.rows(token_id=token.pk) == list(token_row(token.pk))
    assert by_token.rows(token_id=token.pk) == [(token.pk, "icim_ab", token.expires_at)]
    assert by_actor.rows(actor_id=user.pk) == [({"via": "token"},)]
    assert by_token.rows(token_id=uuid.uuid4()) == []


def test_fields_come_in_values_list_order_when_an_annotation_comes_first() -> None:
    user = UserFactory(full_name="Ada")

    def annotated(user_id: int) -> object:
        return (
            User.objects.filter(pk=user_id)
            .annotate(twice=F("pk") * 2, label=Value("x"))
            .values_list("twice", "full_name", "label", "pk")
        )

    compiled = CompiledRows(annotated, user_id=ANY_USER)

    assert compiled.rows(user_id=user.pk) == [(user.pk * 2, "Ada", "x", user.pk)]


def test_a_sentinel_the_query_does_not_take_is_refused() -> None:
    compiled = CompiledRows(lambda user_id: User.objects.values_list("pk"), user_id=ANY_USER)

    with pytest.raises(ValueError, match="user_id"):
        compiled.rows(user_id=1)
