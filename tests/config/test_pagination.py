"""config.api.PageNumberPagination: a first page shorter than a page is its own count."""

from typing import Any

import pytest
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from accounts.models import User
from config.api import PageNumberPagination
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(query: str, django_assert_num_queries: Any, queries: int) -> dict[str, Any]:
    request = Request(APIRequestFactory().get(f"/api/v1/things/{query}"))
    paginator = PageNumberPagination()
    with django_assert_num_queries(queries):
        page = paginator.paginate_queryset(User.objects.order_by("pk"), request)
        answer = paginator.get_paginated_response([user.pk for user in page or []]).data
    return dict(answer)


def test_a_short_first_page_is_read_in_one_query_with_its_count(
    django_assert_num_queries: Any,
) -> None:
    users = UserFactory.create_batch(3)

    answer = _page("?page_size=5", django_assert_num_queries, 1)

    assert answer == {
        "count": 3,
        "next": None,
        "previous": None,
        "results": [user.pk for user in users],
    }


def test_an_empty_list_is_one_query_and_a_count_of_zero(django_assert_num_queries: Any) -> None:
    assert _page("", django_assert_num_queries, 1) == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_a_full_first_page_is_counted_and_links_to_the_next(
    django_assert_num_queries: Any,
) -> None:
    users = UserFactory.create_batch(5)

    first = _page("?page_size=2", django_assert_num_queries, 2)
    last = _page("?page_size=2&page=3", django_assert_num_queries, 2)

    assert (first["count"], first["results"]) == (5, [users[0].pk, users[1].pk])
    assert first["next"] == "http://testserver/api/v1/things/?page=2&page_size=2"
    assert (last["count"], last["results"], last["next"]) == (5, [users[4].pk], None)
