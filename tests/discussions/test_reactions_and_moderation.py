"""Upvotes, follows, answered and endorsed (discussions.reactions); reports, the queue,
hide/restore, lock/pin, mutes and the word list (discussions.moderation), each audited."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent, Organization
from discussions import api as discussions_api
from discussions.models import Follow, Mute, Post, Report, Thread, WordFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(world: SimpleNamespace) -> Thread:
    return discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="question", title="Q", body="Why?"
    )


@pytest.fixture
def reply(world: SimpleNamespace, thread: Thread) -> Post:
    return discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="Hm")


def test_upvote_once_per_user_and_take_back(
    world: SimpleNamespace, thread: Thread, reply: Post
) -> None:
    for _ in range(2):
        assert (
            discussions_api.set_upvote(
                user=world.learner, post_id=reply.pk, is_upvoted=True
            ).upvote_count
            == 1
        )
    assert (
        discussions_api.set_upvote(user=world.staff, post_id=reply.pk, is_upvoted=True).upvote_count
        == 2
    )
    for _ in range(2):
        assert (
            discussions_api.set_upvote(
                user=world.learner, post_id=reply.pk, is_upvoted=False
            ).upvote_count
            == 1
        )
    opening = Post.objects.get(thread=thread, is_opening=True)
    discussions_api.set_upvote(user=world.classmate, post_id=opening.pk, is_upvoted=True)
    thread.refresh_from_db()
    assert thread.upvote_count == 1


def test_follow_is_idempotent(world: SimpleNamespace, thread: Thread) -> None:
    for _ in range(2):
        discussions_api.follow_thread(user=world.classmate, thread_id=thread.pk, is_following=True)
    assert Follow.objects.filter(thread=thread).count() == 2
    discussions_api.follow_thread(user=world.classmate, thread_id=thread.pk, is_following=False)
    assert Follow.objects.filter(thread=thread).count() == 1


def test_answered_by_asker_or_staff_only(world: SimpleNamespace, thread: Thread) -> None:
    with pytest.raises(PermissionDenied):
        discussions_api.mark_answered(user=world.classmate, thread_id=thread.pk, is_answered=True)
    assert discussions_api.mark_answered(
        user=world.learner, thread_id=thread.pk, is_answered=True
    ).is_answered
    assert not discussions_api.mark_answered(
        user=world.staff, thread_id=thread.pk, is_answered=False
    ).is_answered
    talk = discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="discussion", title="T", body="x"
    )
    with pytest.raises(ValidationError) as refused:
        discussions_api.mark_answered(user=world.learner, thread_id=talk.pk, is_answered=True)
    assert refused.value.messages == ["Only a question can be marked answered."]


def test_endorse_by_staff_marks_question_answered(
    world: SimpleNamespace, thread: Thread, reply: Post
) -> None:
    with pytest.raises(PermissionDenied):
        discussions_api.endorse_post(user=world.learner, post_id=reply.pk, is_endorsed=True)
    opening = Post.objects.get(thread=thread, is_opening=True)
    with pytest.raises(ValidationError):
        discussions_api.endorse_post(user=world.staff, post_id=opening.pk, is_endorsed=True)
    assert discussions_api.endorse_post(
        user=world.staff, post_id=reply.pk, is_endorsed=True
    ).is_endorsed
    thread.refresh_from_db()
    assert thread.is_answered is True


def test_reporting_ones_own_post_is_refused_and_nothing_changes(
    world: SimpleNamespace, reply: Post
) -> None:
    with pytest.raises(ValidationError) as refused:
        discussions_api.report_post(user=world.classmate, post_id=reply.pk, reason="me")
    assert (refused.value.code, refused.value.messages) == (
        "own_post",
        ["You cannot report your own post."],
    )
    assert Report.objects.count() == 0


def test_report_once(world: SimpleNamespace, reply: Post) -> None:
    discussions_api.report_post(user=world.learner, post_id=reply.pk, reason=" rude ")
    with pytest.raises(ValidationError) as again:
        discussions_api.report_post(user=world.learner, post_id=reply.pk, reason="still rude")
    assert again.value.code == "already_reported"
    assert list(Report.objects.values_list("reason", flat=True)) == ["rude"]


def test_queue_hide_restore_audited(world: SimpleNamespace, thread: Thread, reply: Post) -> None:
    discussions_api.report_post(user=world.learner, post_id=reply.pk, reason="rude")
    WordFilter.objects.create(organization=world.institution, words=["spam"])
    held = discussions_api.reply_to_thread(user=world.learner, thread_id=thread.pk, body="spam")
    queue = list(discussions_api.moderation_queue(user=world.staff, organization_slug="tu-lyon"))
    assert [(post.pk, post.open_reports) for post in queue] == [(reply.pk, 1), (held.pk, 0)]
    assert [report.reason for report in queue[0].open_report_list] == ["rude"]
    with pytest.raises(Organization.DoesNotExist):
        discussions_api.moderation_queue(user=world.other_staff, organization_slug="tu-lyon")
    with pytest.raises(PermissionDenied):
        discussions_api.moderate_post(user=world.learner, post_id=reply.pk, action="hide")

    hidden = discussions_api.moderate_post(
        user=world.staff, post_id=reply.pk, action="hide", ip_address="10.0.0.1"
    )
    assert hidden.state == "hidden"
    assert Report.objects.get().resolved_by == world.staff
    restored = discussions_api.moderate_post(user=world.staff, post_id=held.pk, action="restore")
    assert restored.state == "visible"
    thread.refresh_from_db()
    assert thread.reply_count == 1  # the hidden one left, the restored one came
    assert (
        list(discussions_api.moderation_queue(user=world.staff, organization_slug="tu-lyon")) == []
    )
    events = AuditEvent.objects.filter(action="discussion_moderated").order_by("id")
    assert [
        (event.actor_id, event.target_type, event.target_id, event.details["step"])
        for event in events
    ] == [
        (world.staff.pk, "discussion_post", str(reply.pk), "hide"),
        (world.staff.pk, "discussion_post", str(held.pk), "restore"),
    ]
    assert events[0].ip_address == "10.0.0.1"


def test_hiding_the_opening_post_hides_the_thread(world: SimpleNamespace, thread: Thread) -> None:
    opening = Post.objects.get(thread=thread, is_opening=True)
    discussions_api.moderate_post(user=world.staff, post_id=opening.pk, action="hide")
    with pytest.raises(Thread.DoesNotExist):
        discussions_api.get_thread(user=world.classmate, thread_id=thread.pk)
    assert list(discussions_api.list_threads(user=world.classmate, course_slug="plc-basics")) == []
    assert [
        t.pk for t in discussions_api.list_threads(user=world.staff, course_slug="plc-basics")
    ] == [thread.pk]


def test_lock_and_pin_audited(world: SimpleNamespace, thread: Thread) -> None:
    other = discussions_api.start_thread(
        user=world.classmate, course_slug="plc-basics", kind="discussion", title="Newer", body="x"
    )
    discussions_api.moderate_thread(user=world.staff, thread_id=thread.pk, action="pin")
    order = [
        t.pk for t in discussions_api.list_threads(user=world.learner, course_slug="plc-basics")
    ]
    assert order == [thread.pk, other.pk]
    with pytest.raises(PermissionDenied):
        discussions_api.moderate_thread(user=world.learner, thread_id=thread.pk, action="lock")
    assert discussions_api.moderate_thread(
        user=world.staff, thread_id=thread.pk, action="lock"
    ).is_locked
    steps = list(AuditEvent.objects.order_by("id").values_list("details__step", flat=True))
    assert steps == ["pin", "lock"]


def test_mute_with_expiry_and_unmute(world: SimpleNamespace) -> None:
    mute = discussions_api.mute_user(
        user=world.staff,
        organization_slug="tu-lyon",
        user_id=world.learner.pk,
        days=3,
        reason="spam",
    )
    assert (mute.user, mute.reason) == (world.learner, "spam")
    again = discussions_api.mute_user(
        user=world.staff, organization_slug="tu-lyon", user_id=world.learner.pk, days=1
    )
    assert Mute.objects.count() == 1
    assert again.until < mute.until
    with pytest.raises(ValidationError):
        discussions_api.mute_user(
            user=world.staff, organization_slug="tu-lyon", user_id=world.staff.pk, days=1
        )
    with pytest.raises(Organization.DoesNotExist):
        discussions_api.mute_user(
            user=world.learner, organization_slug="tu-lyon", user_id=world.classmate.pk, days=1
        )
    discussions_api.unmute_user(
        user=world.staff, organization_slug="tu-lyon", user_id=world.learner.pk
    )
    assert Mute.objects.count() == 0
    steps = list(AuditEvent.objects.order_by("id").values_list("details__step", flat=True))
    assert steps == ["mute", "mute", "unmute"]


def test_word_filter_cleaned_and_audited(world: SimpleNamespace) -> None:
    words = discussions_api.set_word_filter(
        user=world.staff, organization_slug="tu-lyon", words=[" spam ", "", "spam", "广告"]
    )
    assert words == ["spam", "广告"]
    assert discussions_api.get_word_filter(user=world.staff, organization_slug="tu-lyon") == words
    with pytest.raises(ValidationError):
        discussions_api.set_word_filter(
            user=world.staff, organization_slug="tu-lyon", words=[str(n) for n in range(501)]
        )
    assert AuditEvent.objects.get().details == {"step": "word_filter", "count": 2}


def test_search_finds_chinese_and_filters(world: SimpleNamespace, thread: Any) -> None:
    chinese = discussions_api.start_thread(
        user=world.learner,
        course_slug="plc-basics",
        kind="question",
        title="定时器怎么设置",
        body="协作机器人应用中的定时器",
    )
    german = discussions_api.start_thread(
        user=world.classmate,
        course_slug="plc-basics",
        kind="discussion",
        title="Zähler",
        body="Warum zählt der Zähler nicht?",
    )

    def ids(**filters: Any) -> list[int]:
        return [
            t.pk
            for t in discussions_api.list_threads(
                user=world.learner, course_slug="plc-basics", **filters
            )
        ]

    assert ids(query="机器人") == [chinese.pk]
    assert ids(query="ZÄHLER") == [german.pk]
    assert ids(language="zh-hans") == [chinese.pk]
    assert ids(kind="discussion") == [german.pk]
    assert ids(is_answered=False) == [chinese.pk, thread.pk]
