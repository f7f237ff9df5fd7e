"""Writing in discussions (discussions.posting): threads, replies, edits, deletion."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Course
from discussions import api as discussions_api
from discussions.models import Follow, Mute, Post, Thread, WordFilter

pytestmark = pytest.mark.django_db


def ask(world: SimpleNamespace, **overrides: Any) -> Thread:
    arguments = {
        "user": world.learner,
        "course_slug": "plc-basics",
        "kind": "question",
        "title": "定时器怎么设置？",
        "body": "我的PLC定时器不工作。",
        **overrides,
    }
    return discussions_api.start_thread(**arguments)


def test_start_thread_detects_language_renders_markdown_and_follows(world: SimpleNamespace) -> None:
    thread = ask(world, body="**粗体** <script>alert(1)</script>")
    assert (thread.language, thread.kind, thread.is_visible) == ("zh-hans", "question", True)
    opening = Post.objects.get(thread=thread)
    assert opening.is_opening is True
    assert opening.body_html == "<p><strong>粗体</strong> </p>"
    assert "<script" not in opening.body_html
    assert list(Follow.objects.filter(thread=thread).values_list("user_id", flat=True)) == [
        world.learner.pk
    ]
    assert (
        thread.search_text == "定时器怎么设置? **粗体** <script>alert(1)</script>"
    )  # NFKC: ？ is ?


def test_chosen_language_wins(world: SimpleNamespace) -> None:
    assert ask(world, title="Timer", body="PLC timer", language="de").language == "de"


@pytest.mark.parametrize("who", ["outsider", "other_staff"])
def test_cannot_post_in_a_course_one_cannot_read(world: SimpleNamespace, who: str) -> None:
    with pytest.raises(Course.DoesNotExist):
        ask(world, user=getattr(world, who))
    assert Thread.objects.count() == 0


def test_unenrolled_learner_cannot_post(world: SimpleNamespace) -> None:
    from enrollment.models import Enrollment

    Enrollment.objects.filter(user=world.learner).update(status=Enrollment.Status.UNENROLLED)
    with pytest.raises(Course.DoesNotExist):
        ask(world)


def test_announcements_are_for_staff(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as refused:
        ask(world, kind="announcement")
    assert refused.value.message_dict == {"kind": ["Only the course's staff post announcements."]}
    assert Thread.objects.count() == 0
    assert ask(world, user=world.staff, kind="announcement").kind == "announcement"


def test_unknown_lesson_is_refused(world: SimpleNamespace) -> None:
    import uuid

    with pytest.raises(ValidationError) as refused:
        ask(world, lesson_key=uuid.uuid4())
    assert refused.value.message_dict == {"lesson_key": ["This course has no such lesson."]}
    assert ask(world, lesson_key=world.lesson.key).lesson_key == world.lesson.key


def test_replies_nest_one_level_and_count(world: SimpleNamespace) -> None:
    thread = ask(world)
    opening = Post.objects.get(thread=thread, is_opening=True)
    top = discussions_api.reply_to_thread(user=world.staff, thread_id=thread.pk, body="A")
    assert top.parent_id is None
    to_opening = discussions_api.reply_to_thread(
        user=world.classmate, thread_id=thread.pk, body="B", parent_id=opening.pk
    )
    assert to_opening.parent_id is None
    child = discussions_api.reply_to_thread(
        user=world.learner, thread_id=thread.pk, body="C", parent_id=top.pk
    )
    grandchild = discussions_api.reply_to_thread(
        user=world.classmate, thread_id=thread.pk, body="D", parent_id=child.pk
    )
    assert (child.parent_id, grandchild.parent_id) == (top.pk, top.pk)
    thread.refresh_from_db()
    assert thread.reply_count == 4


def test_reply_to_a_parent_of_another_thread_is_not_found(world: SimpleNamespace) -> None:
    first, second = ask(world), ask(world, title="Other")
    foreign = discussions_api.reply_to_thread(user=world.staff, thread_id=second.pk, body="x")
    with pytest.raises(Thread.DoesNotExist):
        discussions_api.reply_to_thread(
            user=world.learner, thread_id=first.pk, body="y", parent_id=foreign.pk
        )
    assert Post.objects.filter(thread=first).count() == 1


def test_locked_thread_refuses_learners_not_staff(world: SimpleNamespace) -> None:
    thread = ask(world)
    discussions_api.moderate_thread(user=world.staff, thread_id=thread.pk, action="lock")
    with pytest.raises(PermissionDenied) as refused:
        discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="x")
    assert str(refused.value) == "This thread is locked: no new replies."
    discussions_api.reply_to_thread(user=world.staff, thread_id=thread.pk, body="closing note")
    assert Post.objects.filter(thread=thread).count() == 2


def test_muted_user_cannot_post_until_expiry(world: SimpleNamespace) -> None:
    until = timezone.now() + timezone.timedelta(days=2)
    Mute.objects.create(organization=world.institution, user=world.learner, until=until)
    with pytest.raises(PermissionDenied) as refused:
        ask(world)
    assert str(refused.value) == (
        f"You may not post in this course's discussions until {until:%Y-%m-%d %H:%M} UTC."
    )
    Mute.objects.update(until=timezone.now() - timezone.timedelta(seconds=1))
    assert ask(world).pk


def test_word_list_holds_the_post_for_moderation(world: SimpleNamespace) -> None:
    WordFilter.objects.create(organization=world.institution, words=["广告"])
    thread = ask(world, body="点击这里看广告")
    assert thread.is_visible is False
    assert Post.objects.get(thread=thread).state == "held"
    visible = ask(world, title="ok", body="fine")
    reply = discussions_api.reply_to_thread(
        user=world.classmate, thread_id=visible.pk, body="广告!"
    )
    assert reply.state == "held"
    visible.refresh_from_db()
    assert visible.reply_count == 0
    # Staff are not filtered.
    staff_reply = discussions_api.reply_to_thread(
        user=world.staff, thread_id=visible.pk, body="广告"
    )
    assert staff_reply.state == "visible"


def test_a_1_mb_post_is_refused_and_nothing_is_saved(world: SimpleNamespace) -> None:
    with pytest.raises(ValidationError) as refused:
        ask(world, body="x" * 1_000_000)
    assert refused.value.message_dict == {
        "body": ["A post may have at most 20,000 characters; this one has 1,000,000."]
    }
    assert (Thread.objects.count(), Post.objects.count()) == (0, 0)


def test_edit_own_post_only(world: SimpleNamespace) -> None:
    thread = ask(world)
    opening = Post.objects.get(thread=thread)
    edited = discussions_api.edit_post(user=world.learner, post_id=opening.pk, body="*new* 定时器")
    assert (edited.body_html, edited.edited_at is not None) == ("<p><em>new</em> 定时器</p>", True)
    thread.refresh_from_db()
    assert thread.search_text == "定时器怎么设置? *new* 定时器"
    with pytest.raises(PermissionDenied):
        discussions_api.edit_post(user=world.classmate, post_id=opening.pk, body="mine now")


def test_delete_leaves_a_placeholder(world: SimpleNamespace) -> None:
    thread = ask(world)
    reply = discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="oops")
    with pytest.raises(PermissionDenied):
        discussions_api.delete_post(user=world.learner, post_id=reply.pk)
    deleted = discussions_api.delete_post(user=world.classmate, post_id=reply.pk)
    assert (deleted.state, deleted.body, deleted.body_html) == ("deleted", "", "")
    assert discussions_api.delete_post(user=world.classmate, post_id=reply.pk).state == "deleted"
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert Post.objects.filter(thread=thread).count() == 2


def test_no_email_is_sent_for_a_held_post(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    WordFilter.objects.create(organization=world.institution, words=["spam"])
    thread = ask(world)
    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="spam")
    assert mail.outbox == []
