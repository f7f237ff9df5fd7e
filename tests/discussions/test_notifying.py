"""Notifications (discussions.notifying): in the app and by e-mail, in the recipient's
language, at once or in the daily digest."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail

from accounts.models import Notification
from discussions import api as discussions_api
from discussions.models import Preference

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_reply_notifies_followers_in_their_language(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        thread = discussions_api.start_thread(
            user=world.learner, course_slug="plc-basics", kind="question", title="定时器", body="?"
        )
    assert mail.outbox == []  # nobody else follows yet
    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.reply_to_thread(user=world.staff, thread_id=thread.pk, body="Use TON.")
    notice = Notification.objects.get()
    assert (notice.user, notice.topic, notice.title, notice.body, notice.link) == (
        world.learner,
        "discussions.reply",
        "Dr. Staff 在“定时器”中回复了",
        "Use TON.",
        f"/courses/plc-basics/discussions/{thread.pk}",
    )
    (message,) = mail.outbox
    assert message.to == ["learner@example.org"]
    assert message.subject == "Dr. Staff 在“定时器”中回复了"
    assert (
        f"打开讨论：\nhttp://127.0.0.1:8000/courses/plc-basics/discussions/{thread.pk}\n"
        in message.body
    )


def test_mentions_reach_readers_only(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.start_thread(
            user=world.classmate,
            course_slug="plc-basics",
            kind="discussion",
            title="Timers",
            body="@learner@example.org and @outsider@example.org, look",
        )
    assert list(Notification.objects.values_list("user__email", "topic")) == [
        ("learner@example.org", "discussions.mention")
    ]


def test_endorsement_notifies_asker_and_author(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    thread = discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="question", title="Q", body="?"
    )
    reply = discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="A")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.endorse_post(user=world.staff, post_id=reply.pk, is_endorsed=True)
    assert sorted(Notification.objects.values_list("user__email", "topic")) == [
        ("classmate@example.org", "discussions.endorsed"),
        ("learner@example.org", "discussions.endorsed"),
    ]


def test_digest_and_none_modes(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    discussions_api.set_email_mode(user=world.learner, email_mode="daily")
    thread = discussions_api.start_thread(
        user=world.learner, course_slug="plc-basics", kind="question", title="Q", body="?"
    )
    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.reply_to_thread(user=world.staff, thread_id=thread.pk, body="A1")
        discussions_api.reply_to_thread(user=world.classmate, thread_id=thread.pk, body="A2")
    # The classmate follows nothing; the learner wants a digest: no immediate e-mail at all.
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.learner).count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert discussions_api.send_daily_digests() == 1
        assert discussions_api.send_daily_digests() == 0
    (digest,) = mail.outbox
    assert digest.subject == "你今天的 ICIM Academy 讨论：2 条新消息"
    assert digest.body.count("/courses/plc-basics/discussions/") == 2
    discussions_api.set_email_mode(user=world.learner, email_mode="none")
    assert Preference.objects.get(user=world.learner).email_mode == "none"
