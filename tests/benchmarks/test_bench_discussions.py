"""The discussion endpoints of the bench (issue 23) on a small seed: they answer, and their
query counts are the ones bench.py pins (the real run seeds 10,000 threads and 500 replies)."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client

sys.path.insert(0, str(Path(__file__).parent))

import bench

from accounts import api as accounts_api
from devdata.discussions_scale import BIG_THREAD_TITLE, seed_discussions
from discussions.models import Post, Thread
from tests.discussions.conftest import _media, world  # noqa: F401 - fixtures
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_nests_replies(world: SimpleNamespace) -> None:  # noqa: F811
    for _ in range(2):
        big = seed_discussions(
            course_slug="plc-basics",
            author_email=world.learner.email,
            threads=12,
            replies=20,
            report=lambda _line: None,
        )
    assert big.title == BIG_THREAD_TITLE
    assert Thread.objects.filter(course=world.course).count() == 13
    assert big.reply_count == 20
    assert Post.objects.filter(thread=big, parent__isnull=False).count() == 4
    assert set(Thread.objects.values_list("language", flat=True)) == {"ar", "de", "en", "zh-hans"}


def test_discussion_endpoints_answer_with_their_pinned_queries(
    world: SimpleNamespace,  # noqa: F811
) -> None:
    big = seed_discussions(
        course_slug="plc-basics",
        author_email=world.learner.email,
        threads=60,
        replies=120,
        report=lambda _line: None,
    )
    _token, secret = accounts_api.create_api_token(
        email=world.learner.email, password=TEST_PASSWORD, name="bench"
    )
    # In the bench the token is known by the time these run (earlier endpoints use it).
    warm = Client().get("/api/v1/auth/me", headers={"Authorization": f"Bearer {secret}"})
    assert warm.status_code == 200
    endpoints = bench.discussion_endpoints("plc-basics", big.pk, secret)
    bench._count_queries(endpoints)  # raises when a count differs from its pin
    assert [endpoint.queries for endpoint in endpoints] == [
        bench.DISCUSSION_LIST_QUERIES,
        bench.DISCUSSION_POSTS_QUERIES,
    ]
