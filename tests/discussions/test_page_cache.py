"""Cached discussion pages (discussions/page_cache.py) never outlive a write: each write service
makes the next read of a page cached before it show the change, and what is one reader's own
(follows, upvotes, authorship, held posts) never reaches another reader."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from discussions import api as discussions_api
from discussions.models import Post, Thread, WordFilter

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], APIClient]
THREADS = "/api/v1/courses/plc-basics/discussions/"


def posts_url(thread: Thread) -> str:
    return f"/api/v1/discussions/threads/{thread.pk}/posts/"


@pytest.fixture
def thread(world: SimpleNamespace) -> Thread:
    return discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="question", title="Q", body="Why?"
    )


@pytest.fixture
def reply(world: SimpleNamespace, thread: Thread) -> Post:
    return discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="Hm")


def _thread_row(client: APIClient) -> dict[str, Any]:
    (row,) = client.get(THREADS).json()["results"]
    return row


def _post_row(client: APIClient, thread: Thread) -> dict[str, Any]:
    (row,) = client.get(posts_url(thread)).json()["results"]
    return row


def test_a_new_thread_and_a_reply_reach_cached_pages(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    reader = client_for(world.classmate)
    assert _thread_row(reader)["reply_count"] == 0
    assert reader.get(posts_url(thread)).json()["count"] == 0
    discussions_api.reply_to_thread(user=world.staff, thread_id=thread.pk, body="Because.")
    assert _thread_row(reader)["reply_count"] == 1
    assert _post_row(reader, thread)["body_html"] == "<p>Because.</p>"
    discussions_api.start_thread(
        user=world.classmate, course_slug="plc-basics", kind="discussion", title="N", body="n"
    )
    assert reader.get(THREADS).json()["count"] == 2


def test_edits_deletions_upvotes_and_endorsements_reach_cached_pages(
    world: SimpleNamespace, thread: Thread, reply: Post, client_for: ClientFor
) -> None:
    reader = client_for(world.learner)
    assert _post_row(reader, thread)["body_html"] == "<p>Hm</p>"
    discussions_api.edit_post(user=world.classmate, post_id=reply.pk, body="Hmm!")
    assert _post_row(reader, thread)["body_html"] == "<p>Hmm!</p>"
    discussions_api.set_upvote(user=world.learner, post_id=reply.pk, is_upvoted=True)
    row = _post_row(reader, thread)
    assert (row["upvote_count"], row["is_upvoted"]) == (1, True)
    assert _post_row(client_for(world.classmate), thread)["is_upvoted"] is False
    discussions_api.endorse_post(user=world.staff, post_id=reply.pk, is_endorsed=True)
    assert _post_row(reader, thread)["is_endorsed"] is True
    assert _thread_row(reader)["is_answered"] is True
    discussions_api.mark_answered(user=world.learner, thread_id=thread.pk, is_answered=False)
    assert _thread_row(reader)["is_answered"] is False
    discussions_api.delete_post(user=world.classmate, post_id=reply.pk)
    row = _post_row(reader, thread)
    assert (row["state"], row["body_html"]) == ("deleted", "")
    assert _thread_row(reader)["reply_count"] == 0


def test_moderation_reaches_cached_pages_and_moderators_have_their_own(
    world: SimpleNamespace, thread: Thread, reply: Post, client_for: ClientFor
) -> None:
    reader, moderator = client_for(world.learner), client_for(world.staff)
    assert _post_row(reader, thread)["state"] == "visible"
    assert _post_row(moderator, thread)["state"] == "visible"
    discussions_api.moderate_post(user=world.staff, post_id=reply.pk, action="hide")
    hidden_for_reader, hidden_for_moderator = (
        _post_row(reader, thread),
        _post_row(moderator, thread),
    )
    assert (hidden_for_reader["state"], hidden_for_reader["body_html"]) == ("hidden", "")
    assert hidden_for_moderator["body_html"] == "<p>Hm</p>"
    discussions_api.moderate_thread(user=world.staff, thread_id=thread.pk, action="lock")
    assert _thread_row(reader)["is_locked"] is True


def test_each_reader_sees_their_own_held_post_and_nobody_else_does(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    classmate = client_for(world.classmate)
    assert classmate.get(posts_url(thread)).json()["count"] == 0  # cached, empty
    WordFilter.objects.create(organization=world.institution, words=["spam"])
    held = discussions_api.reply_to_thread(user=world.learner, thread_id=thread.pk, body="buy spam")
    assert held.state == Post.State.HELD
    own = _post_row(client_for(world.learner), thread)
    assert (own["id"], own["state"], own["is_mine"], own["body"]) == (
        held.pk,
        "held",
        True,
        "buy spam",
    )
    assert classmate.get(posts_url(thread)).json()["count"] == 0
    assert _post_row(client_for(world.staff), thread)["state"] == "held"


def test_each_reader_sees_their_own_held_thread_and_nobody_else_does(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    classmate = client_for(world.classmate)
    assert classmate.get(THREADS).json()["count"] == 1
    WordFilter.objects.create(organization=world.institution, words=["spam"])
    held = discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="discussion", title="T", body="spam"
    )
    assert held.is_visible is False
    mine = client_for(world.learner).get(THREADS).json()
    assert mine["count"] == 2
    assert held.pk in [row["id"] for row in mine["results"]]
    assert classmate.get(THREADS).json()["count"] == 1
    assert client_for(world.staff).get(THREADS).json()["count"] == 2


def test_filters_and_pages_are_cached_apart(world: SimpleNamespace, client_for: ClientFor) -> None:
    for number, language in enumerate(["en", "de", "en"]):
        discussions_api.start_thread(
            user=world.learner,
            course_slug="plc-basics",
            kind="discussion",
            title=f"T{number}",
            body="x",
            language=language,
        )
    reader = client_for(world.classmate)
    assert reader.get(THREADS, {"language": "de"}).json()["count"] == 1
    assert reader.get(THREADS, {"language": "en"}).json()["count"] == 2
    first = reader.get(THREADS, {"page_size": 2}).json()
    second = reader.get(THREADS, {"page_size": 2, "page": 2}).json()
    assert (len(first["results"]), len(second["results"])) == (2, 1)
    assert first["next"].endswith("page=2&page_size=2")
    assert second["previous"] is not None
    assert reader.get(THREADS, {"page": 3, "page_size": 2}).status_code == 404
