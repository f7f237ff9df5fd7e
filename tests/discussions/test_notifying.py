"""Notifications (discussions.notifying): in the app and by e-mail, in the recipient's
language, at once or in the daily digest."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from discussions import api as discussions_api
from discussions.models import Preference
from enrollment.models import Enrollment
from tests.discussions.conftest import enroll
from tests.factories import MembershipFactory, UserFactory

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


def _announce(world: SimpleNamespace, title: str = "Lab closed on Friday") -> Any:
    return discussions_api.start_thread(
        user=world.staff,
        course_slug="plc-basics",
        kind="announcement",
        title=title,
        body="The lab is closed; the quiz deadline moves to Monday.",
    )


def test_an_announcement_tells_every_enrolled_learner_as_each_chose(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    digest_reader = UserFactory(email="digest@example.org", preferred_language="de")
    completed = enroll(digest_reader, world.course)
    Enrollment.objects.filter(pk=completed.pk).update(
        status="completed", completed_at=timezone.now()
    )
    discussions_api.set_email_mode(user=digest_reader, email_mode="daily")
    discussions_api.set_email_mode(user=world.classmate, email_mode="none")
    enroll(UserFactory(email="gone@example.org"), world.course, status="unenrolled")
    enroll(UserFactory(email="inactive@example.org", is_active=False), world.course)

    with django_capture_on_commit_callbacks(execute=True):
        thread = _announce(world)

    notices = Notification.objects.filter(topic="discussions.announcement").order_by("user__email")
    link = f"/courses/plc-basics/discussions/{thread.pk}"
    assert list(notices.values_list("user__email", "title", "link")) == [
        ("classmate@example.org", "Dr. Staff posted an announcement: “Lab closed on Friday”", link),
        (
            "digest@example.org",
            "Dr. Staff hat eine Ankündigung veröffentlicht: „Lab closed on Friday“",
            link,
        ),
        ("learner@example.org", "Dr. Staff 发布了公告：“Lab closed on Friday”", link),
    ]
    # Not the author, the outsider, the other institution, the unenrolled or the inactive.
    assert Notification.objects.count() == 3
    # Only the learner wants e-mail at once; the digest reader gets it in the digest.
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        ["learner@example.org"],
        "Dr. Staff 发布了公告：“Lab closed on Friday”",
    )
    assert "The lab is closed; the quiz deadline moves to Monday." in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert discussions_api.send_daily_digests() == 1
    assert mail.outbox[-1].to == ["digest@example.org"]
    assert "Lab closed on Friday" in mail.outbox[-1].body


def test_only_an_announcement_queues_the_announcement_task_after_commit(
    world: SimpleNamespace,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from discussions.tasks import notify_announcement_task

    queued: list[int] = []
    monkeypatch.setattr(notify_announcement_task, "delay_on_commit", queued.append)

    discussions_api.start_thread(
        user=world.staff, course_slug="plc-basics", kind="discussion", title="T", body="B"
    )
    assert queued == []
    thread = _announce(world)

    assert queued == [thread.posts.get(is_opening=True).pk]
    assert Notification.objects.count() == 0  # nothing is told before the task runs


def test_an_announcement_takes_the_same_queries_for_3_or_60_learners(
    world: SimpleNamespace,
    django_capture_on_commit_callbacks: Any,
    django_assert_num_queries: Any,
) -> None:
    def learners_told(count: int) -> int:
        for index in range(count):
            learner = UserFactory(
                email=f"l{index}-{count}@example.org",
                preferred_language=("en", "de", "zh-hans", "ar")[index % 4],
            )
            enroll(learner, world.course)
            if index % 3 == 0:
                discussions_api.set_email_mode(user=learner, email_mode="daily")
        with django_capture_on_commit_callbacks(execute=False):
            thread = _announce(world, title=f"Announcement {count}")
        post_id = thread.posts.get(is_opening=True).pk
        Notification.objects.all().delete()
        # The post, the learners, their preferences, one insert per language (four).
        with django_assert_num_queries(7):
            told = discussions_api.notify_announcement(post_id=post_id)
        return told

    # The world's two learners are enrolled already; each call adds learners in all 4 languages.
    assert learners_told(4) == 6
    assert learners_told(60) == 66
    assert Notification.objects.filter(topic="discussions.announcement").count() == 66


def test_an_announcement_mentioning_people_tells_each_once(
    world: SimpleNamespace, django_capture_on_commit_callbacks: Any
) -> None:
    colleague = UserFactory(email="colleague@example.org")
    MembershipFactory(user=colleague, organization=world.institution, role="reviewer")

    with django_capture_on_commit_callbacks(execute=True):
        discussions_api.start_thread(
            user=world.staff,
            course_slug="plc-basics",
            kind="announcement",
            title="Exam dates",
            body="@classmate@example.org @colleague@example.org @outsider@example.org "
            "@staff@example.org: the exam is on 3 March.",
        )

    assert sorted(Notification.objects.values_list("user__email", "topic")) == [
        ("classmate@example.org", "discussions.announcement"),
        ("colleague@example.org", "discussions.mention"),
        ("learner@example.org", "discussions.announcement"),
    ]


def test_a_large_announcement_inserts_its_notices_in_batches(
    world: SimpleNamespace,
    django_capture_on_commit_callbacks: Any,
    django_assert_num_queries: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from discussions import notifying

    monkeypatch.setattr(notifying, "NOTICES_PER_INSERT", 5)
    for index in range(12):
        enroll(UserFactory(email=f"de{index}@example.org", preferred_language="de"), world.course)
    with django_capture_on_commit_callbacks(execute=False):
        thread = _announce(world)

    post_id = thread.posts.get(is_opening=True).pk

    # The post, the learners, their preferences; German in 3 inserts, English and Chinese in 1.
    with django_assert_num_queries(8):
        told = discussions_api.notify_announcement(post_id=post_id)

    assert told == 14
    assert Notification.objects.filter(topic="discussions.announcement").count() == 14
