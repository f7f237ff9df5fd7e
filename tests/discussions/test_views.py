"""The discussions API over HTTP: who may do what (a matrix per endpoint), the issue's bad
input with exact errors and nothing changed, and pinned query counts on the lists."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.settings import api_settings
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from accounts.models import User
from config.throttling import ScopedWindowThrottle
from discussions import api as discussions_api
from discussions.models import Attachment, Post, Report, Thread

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User | None], APIClient]
THREADS = "/api/v1/courses/plc-basics/discussions/"
NOT_FOUND = {"detail": "Not found.", "code": "not_found"}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def thread(world: SimpleNamespace) -> Thread:
    return discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="question", title="Q", body="Why?"
    )


@pytest.fixture
def reply(world: SimpleNamespace, thread: Thread) -> Post:
    return discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="Hm")


# Anonymous (401), a signed-in stranger, staff of another institution: the same 404,
# so ids reveal nothing.
OUTSIDERS = [(None, 401), ("outsider", 404), ("other_staff", 404)]


@pytest.mark.parametrize(("who", "status"), [*OUTSIDERS, ("learner", 200), ("staff", 200)])
def test_thread_list_matrix(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor, who: str | None, status: int
) -> None:
    response = client_for(getattr(world, who) if who else None).get(THREADS)
    assert response.status_code == status
    if status == 200:
        assert [item["id"] for item in response.json()["results"]] == [thread.pk]


@pytest.mark.parametrize(("who", "status"), [*OUTSIDERS, ("classmate", 200), ("staff", 200)])
def test_thread_and_posts_matrix(
    world: SimpleNamespace,
    thread: Thread,
    reply: Post,
    client_for: ClientFor,
    who: str | None,
    status: int,
) -> None:
    client = client_for(getattr(world, who) if who else None)
    assert client.get(f"/api/v1/discussions/threads/{thread.pk}").status_code == status
    assert client.get(f"/api/v1/discussions/threads/{thread.pk}/posts/").status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [*OUTSIDERS, ("learner", 403), ("classmate", 403), ("staff", 200)]
)
def test_post_moderation_matrix(
    world: SimpleNamespace, reply: Post, client_for: ClientFor, who: str | None, status: int
) -> None:
    client = client_for(getattr(world, who) if who else None)
    response = client.post(
        f"/api/v1/discussions/posts/{reply.pk}/moderate", {"action": "hide"}, format="json"
    )
    assert response.status_code == status
    reply.refresh_from_db()
    assert reply.state == ("hidden" if status == 200 else "visible")


@pytest.mark.parametrize(("who", "status"), [*OUTSIDERS, ("learner", 404), ("staff", 200)])
def test_queue_and_word_filter_matrix(
    world: SimpleNamespace, client_for: ClientFor, who: str | None, status: int
) -> None:
    client = client_for(getattr(world, who) if who else None)
    base = "/api/v1/discussions/moderation/tu-lyon"
    assert client.get(f"{base}/queue").status_code == status
    put = client.put(f"{base}/word-filter", {"words": ["spam"]}, format="json")
    assert put.status_code == status
    assert client.get(f"{base}/mutes").status_code == status


def test_posting_to_a_course_one_is_not_enrolled_in_is_404(
    world: SimpleNamespace, client_for: ClientFor
) -> None:
    response = client_for(world.outsider).post(
        THREADS, {"kind": "question", "title": "Hi", "body": "x"}, format="json"
    )
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert Thread.objects.count() == 0


def test_script_in_a_post_is_sanitised(world: SimpleNamespace, client_for: ClientFor) -> None:
    body = 'Look <script>alert("x")</script><img src=x onerror=alert(1)> [a](javascript:alert(1))'
    response = client_for(world.learner).post(
        THREADS, {"kind": "discussion", "title": "<b>T</b>", "body": body}, format="json"
    )
    assert response.status_code == 201
    html = response.json()["opening_post"]["body_html"]
    assert html == '<p>Look <img src="x"> <a rel="noopener noreferrer nofollow">a</a></p>'
    # The title is plain text, shown escaped by the SPA.
    assert response.json()["thread"]["title"] == "<b>T</b>"


def test_a_1_mb_post_is_400_with_the_limit(world: SimpleNamespace, client_for: ClientFor) -> None:
    response = client_for(world.learner).post(
        THREADS, {"kind": "question", "title": "Big", "body": "x" * 1_000_000}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Invalid input.",
        "code": "post_too_long",
        "fields": {"body": ["A post may have at most 20,000 characters; this one has 1,000,000."]},
    }
    assert Thread.objects.count() == 0


def test_reporting_ones_own_post_is_400(
    world: SimpleNamespace, reply: Post, client_for: ClientFor
) -> None:
    response = client_for(world.classmate).post(
        f"/api/v1/discussions/posts/{reply.pk}/reports", {"reason": "test"}, format="json"
    )
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "You cannot report your own post.",
            "code": "own_post",
            "fields": {"non_field_errors": ["You cannot report your own post."]},
        },
    )
    assert Report.objects.count() == 0


@pytest.fixture
def low_rates(monkeypatch: pytest.MonkeyPatch) -> None:
    rates = {
        **api_settings.DEFAULT_THROTTLE_RATES,
        "discussion_post": "5/min",
        "discussion_post_new": "2/min",
    }
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", rates)
    # One fixed instant: a minute's window boundary during the loop would let more through.
    monkeypatch.setattr(ScopedWindowThrottle, "timer", lambda _self: 1_000_020.0)


@pytest.mark.usefixtures("low_rates")
def test_100_posts_a_minute_are_throttled(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    client = client_for(world.classmate)
    codes = [
        client.post(
            f"/api/v1/discussions/threads/{thread.pk}/posts/", {"body": f"n{n}"}, format="json"
        ).status_code
        for n in range(100)
    ]
    assert codes[:5] == [201] * 5
    assert set(codes[5:]) == {429}
    assert Post.objects.filter(thread=thread, author=world.classmate).count() == 5
    # Reading is not throttled.
    assert client.get(f"/api/v1/discussions/threads/{thread.pk}/posts/").status_code == 200


@pytest.mark.usefixtures("low_rates")
def test_new_accounts_are_throttled_sooner(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    from django.utils import timezone

    User.objects.filter(pk=world.classmate.pk).update(date_joined=timezone.now())
    world.classmate.refresh_from_db()
    client = client_for(world.classmate)
    path = f"/api/v1/discussions/threads/{thread.pk}/posts/"
    codes = [client.post(path, {"body": "x"}, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_deleted_post_is_a_placeholder_for_everyone(
    world: SimpleNamespace, thread: Thread, reply: Post, client_for: ClientFor
) -> None:
    assert (
        client_for(world.classmate).delete(f"/api/v1/discussions/posts/{reply.pk}").status_code
        == 200
    )
    (item,) = (
        client_for(world.learner)
        .get(f"/api/v1/discussions/threads/{thread.pk}/posts/")
        .json()["results"]
    )
    assert (item["id"], item["state"], item["body_html"], item["body"]) == (
        reply.pk,
        "deleted",
        "",
        "",
    )


def test_hidden_post_text_only_for_moderators(
    world: SimpleNamespace, thread: Thread, reply: Post, client_for: ClientFor
) -> None:
    discussions_api.moderate_post(user=world.staff, post_id=reply.pk, action="hide")
    path = f"/api/v1/discussions/threads/{thread.pk}/posts/"
    (learner_view,) = client_for(world.learner).get(path).json()["results"]
    (staff_view,) = client_for(world.staff).get(path).json()["results"]
    assert (learner_view["state"], learner_view["body_html"]) == ("hidden", "")
    assert (staff_view["state"], staff_view["body_html"]) == ("hidden", "<p>Hm</p>")


def test_thread_list_queries_are_pinned(
    world: SimpleNamespace, client_for: ClientFor, django_assert_num_queries: Any
) -> None:
    for number in range(25):
        discussions_api.start_thread(
            user=world.learner,
            course_slug="plc-basics",
            kind="question",
            title=f"T{number}",
            body="x",
        )
    client = client_for(world.learner)
    # The course with its access flags (memberships a subquery), whether the reader has threads
    # only they see, the count, the page with authors, the reader's follows among them.
    with django_assert_num_queries(5):
        page = client.get(f"{THREADS}?page_size=20&q=t").json()
    assert (page["count"], len(page["results"])) == (25, 20)
    # The page is cached for every reader: only the access and the reader's own follows.
    with django_assert_num_queries(3):
        again = client_for(world.classmate).get(f"{THREADS}?q=t&page_size=20").json()
    assert again["results"] == [{**row, "is_following": False} for row in page["results"]]
    assert all(row["is_following"] for row in page["results"])  # the asker follows


def test_thread_posts_queries_are_pinned(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor, django_assert_num_queries: Any
) -> None:
    for number in range(30):
        discussions_api.reply_to_thread(
            user=world.classmate, thread_id=thread.pk, body=f"r{number}"
        )
    client = client_for(world.learner)
    url = f"/api/v1/discussions/threads/{thread.pk}/posts/?page_size=25"
    # The thread, the access flags, whether the reader has held replies, the count, the page,
    # its attachments, the reader's upvotes among them.
    with django_assert_num_queries(7):
        page = client.get(url).json()
    assert (page["count"], len(page["results"])) == (30, 25)
    # Cached for every reader: the access, the held-replies check and the reader's upvotes.
    with django_assert_num_queries(4):
        mine = client_for(world.classmate).get(url).json()
    assert [row["id"] for row in mine["results"]] == [row["id"] for row in page["results"]]
    assert all(row["is_mine"] and row["body"].startswith("r") for row in mine["results"])
    assert not any(row["is_mine"] or row["body"] for row in page["results"])


def test_queue_queries_are_pinned(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor, django_assert_num_queries: Any
) -> None:
    for number in range(5):
        post = discussions_api.reply_to_thread(
            user=world.classmate, thread_id=thread.pk, body=f"{number}"
        )
        discussions_api.report_post(user=world.learner, post_id=post.pk, reason="rude")
    with django_assert_num_queries(3):
        page = client_for(world.staff).get("/api/v1/discussions/moderation/tu-lyon/queue").json()
    assert [item["open_reports"] for item in page["results"]] == [1] * 5
    assert page["results"][0]["reports"][0]["reason"] == "rude"


def test_attachment_upload_and_download(
    world: SimpleNamespace, thread: Thread, client_for: ClientFor
) -> None:
    learner = client_for(world.learner)
    upload = learner.post(
        "/api/v1/courses/plc-basics/discussions/attachments",
        {"file": SimpleUploadedFile("plc.png", PNG, content_type="image/png")},
        format="multipart",
    )
    assert upload.status_code == 201
    key, url = upload.json()["key"], upload.json()["url"]
    refused = learner.post(
        "/api/v1/courses/plc-basics/discussions/attachments",
        {"file": SimpleUploadedFile("page.html", b"<script>x</script>", content_type="text/html")},
        format="multipart",
    )
    assert (refused.status_code, refused.json()["detail"]) == (
        400,
        "Attach a PNG or JPEG image or a PDF file.",
    )
    # Before the post, only the uploader may fetch it.
    assert client_for(world.classmate).get(url).status_code == 404
    post = learner.post(
        f"/api/v1/discussions/threads/{thread.pk}/posts/",
        {"body": "see picture", "attachment_keys": [key]},
        format="json",
    )
    assert post.json()["attachments"][0]["name"] == "plc.png"
    assert Attachment.objects.get().post_id == post.json()["id"]
    assert client_for(world.classmate).get(url).status_code == 200
    assert client_for(world.outsider).get(url).status_code == 404
    # Used once: a second post cannot take it.
    again = learner.post(
        f"/api/v1/discussions/threads/{thread.pk}/posts/",
        {"body": "again", "attachment_keys": [key]},
        format="json",
    )
    assert again.status_code == 400
    assert Post.objects.filter(body="again").count() == 0


def test_journey_over_http(world: SimpleNamespace, client_for: ClientFor) -> None:
    learner, staff = client_for(world.learner), client_for(world.staff)
    created = learner.post(
        THREADS, {"kind": "question", "title": "定时器", "body": "怎么设置？"}, format="json"
    ).json()
    thread_id = created["thread"]["id"]
    assert (created["thread"]["language"], created["thread"]["is_following"]) == ("zh-hans", True)
    answer = staff.post(
        f"/api/v1/discussions/threads/{thread_id}/posts/", {"body": "用 TON"}, format="json"
    ).json()
    endorsed = staff.put(
        f"/api/v1/discussions/posts/{answer['id']}/endorse", {"is_endorsed": True}, format="json"
    ).json()
    assert endorsed["is_endorsed"] is True
    upvoted = learner.put(
        f"/api/v1/discussions/posts/{answer['id']}/upvote", {"is_upvoted": True}, format="json"
    ).json()
    assert (upvoted["upvote_count"], upvoted["is_upvoted"]) == (1, True)
    detail = learner.get(f"/api/v1/discussions/threads/{thread_id}").json()
    assert (detail["thread"]["is_answered"], detail["thread"]["reply_count"]) == (True, 1)
    assert learner.get(f"{THREADS}?is_answered=true&language=zh-hans&q=定时").json()["count"] == 1
    assert learner.get("/api/v1/discussions/preferences").json() == {"email_mode": "immediate"}
    assert learner.put(
        "/api/v1/discussions/preferences", {"email_mode": "daily"}, format="json"
    ).json() == {"email_mode": "daily"}
