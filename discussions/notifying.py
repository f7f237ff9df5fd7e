"""Telling people about posts: followers of a thread about a reply, mentioned people about a
mention, the author and asker about an endorsement; in the app and by e-mail, each in the
recipient's language, at once or in a daily digest (discussions.models.Preference)."""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from accounts.models import User
from courses.models import Course
from discussions import text
from discussions.access import MODERATOR_ROLES, READING_STATUSES
from discussions.models import Follow, Post, Preference, Thread
from enrollment.models import Enrollment

__all__ = [
    "notify_about_post",
    "notify_announcement",
    "notify_endorsement",
    "send_daily_digests",
    "thread_link",
]

EmailMode = Preference.EmailMode
TOPIC_PREFIX = "discussions."
# Rows per insert of notices: a course's announcement to thousands of learners is a few inserts,
# each well below the database's limits on one statement.
NOTICES_PER_INSERT = 1000


def thread_link(thread: Thread, slug: str) -> str:
    """The SPA path of a thread."""
    return f"/courses/{slug}/discussions/{thread.pk}"


def _readers(*, course: Course, user_ids: Iterable[int]) -> set[int]:
    """Those of `user_ids` who may read the course's discussions (one query)."""
    ids = list(user_ids)
    if not ids:
        return set()
    owners = Course.institutions.through.objects.filter(course_id=course.pk).values(
        "organization_id"
    )
    readers = User.objects.filter(pk__in=ids, is_active=True).filter(
        Q(
            enrollments__course=course,
            enrollments__status__in=READING_STATUSES,
        )
        | Q(memberships__organization_id__in=owners, memberships__role__in=MODERATOR_ROLES)
    )
    return set(readers.values_list("pk", flat=True))


def _deliver(
    *, recipients: dict[int, str], thread: Thread, slug: str, body: str, author_name: str
) -> None:
    """Post each recipient's notice (topic by id) in their language, and e-mail those who want
    it at once."""
    users = {user.pk: user for user in User.objects.filter(pk__in=recipients, is_active=True)}
    _deliver_to(
        users=users,
        recipients=recipients,
        thread=thread,
        slug=slug,
        body=body,
        author_name=author_name,
    )


def _deliver_to(
    *,
    users: dict[int, User],
    recipients: dict[int, str],
    thread: Thread,
    slug: str,
    body: str,
    author_name: str,
) -> None:
    """`_deliver` for recipients already loaded: their preferences, then one insert per
    language and topic (per 1,000 notices); e-mails are tasks, not queries."""
    modes = dict(
        Preference.objects.filter(user_id__in=users.keys()).values_list("user_id", "email_mode")
    )
    link = thread_link(thread, slug)
    by_language_and_topic: dict[tuple[str, str], list[User]] = defaultdict(list)
    for user_id, topic in recipients.items():
        if user_id in users:
            user = users[user_id]
            by_language_and_topic[(user.preferred_language, topic)].append(user)
    for (language, topic), group in by_language_and_topic.items():
        with translation.override(language):
            title = {
                "discussions.reply": _("%(name)s replied in “%(thread)s”"),
                "discussions.mention": _("%(name)s mentioned you in “%(thread)s”"),
                "discussions.endorsed": _("An answer in “%(thread)s” was endorsed"),
                "discussions.announcement": _("%(name)s posted an announcement: “%(thread)s”"),
            }[topic] % {"name": author_name, "thread": thread.title}
            # The address on a line of its own, so mail clients make all of it a link.
            footer = _("Open the discussion:") + f"\n{settings.PUBLIC_BASE_URL}{link}"
            settings_hint = _(
                "You can choose a daily digest or no e-mail in the discussion settings."
            )
        for start in range(0, len(group), NOTICES_PER_INSERT):
            accounts_api.post_notifications(
                user_ids=[user.pk for user in group[start : start + NOTICES_PER_INSERT]],
                topic=topic,
                title=title,
                body=body,
                link=link,
            )
        for user in group:
            if modes.get(user.pk, EmailMode.IMMEDIATE) == EmailMode.IMMEDIATE:
                accounts_api.queue_email(
                    recipient=user.email,
                    subject=title,
                    body=f"{body}\n\n{footer}\n\n{settings_hint}",
                )


def _excerpt(body: str) -> str:
    return body if len(body) <= 500 else body[:500] + "…"


def notify_about_post(*, post_id: int) -> int:
    """Tell the thread's followers about a new reply and the people it mentions (who can read
    the course) about the mention; never the author, each person once (a mention wins).
    Returns how many were told. A post no longer visible tells no one (run twice, it posts
    twice: the task is queued once, after commit)."""
    post = (
        Post.objects.select_related("thread__course", "author")
        .filter(pk=post_id, state=Post.State.VISIBLE)
        .first()
    )
    if post is None:
        return 0
    thread = post.thread
    if post.is_opening and thread.kind == Thread.Kind.ANNOUNCEMENT:
        return 0  # `notify_announcement` tells the learners and those it mentions, once each
    author_id = post.author_id
    recipients: dict[int, str] = {}
    if not post.is_opening:
        for follower_id in Follow.objects.filter(thread=thread).values_list("user_id", flat=True):
            recipients[follower_id] = "discussions.reply"
    emails = text.mentioned_emails(post.body)
    if emails:
        mentioned = User.objects.filter(email__in=emails).values_list("pk", flat=True)
        for user_id in _readers(course=thread.course, user_ids=mentioned):
            recipients[user_id] = "discussions.mention"
    recipients.pop(author_id, None)  # type: ignore[arg-type]
    if recipients:
        _deliver(
            recipients=recipients,
            thread=thread,
            slug=thread.course.slug,
            body=_excerpt(post.body),
            author_name=post.author.full_name if post.author else "",
        )
    return len(recipients)


def _enrolled_learners(*, course: Course, exclude_id: int | None) -> dict[int, User]:
    """The active accounts with a reading enrollment in the course (one query)."""
    learners = User.objects.filter(
        is_active=True,
        pk__in=Enrollment.objects.filter(course=course, status__in=READING_STATUSES).values(
            "user_id"
        ),
    ).only("pk", "email", "preferred_language")
    return {user.pk: user for user in learners if user.pk != exclude_id}


def notify_announcement(*, post_id: int) -> int:
    """Tell every learner enrolled in the course (active or completed) about a staff
    announcement: a notice in the app and, as each chose, an e-mail at once, in the daily digest
    or none, in their own language; staff it mentions are told of the mention (the author
    never). Queries: the post, the learners, their preferences and one insert per language and
    1,000 notices (no query per learner). Returns how many were told; an announcement not (or
    no longer) visible tells no one. Run twice, it notifies twice: the task is queued once,
    after the thread commits."""
    post = (
        Post.objects.select_related("thread__course", "author")
        .filter(
            pk=post_id,
            is_opening=True,
            state=Post.State.VISIBLE,
            thread__kind=Thread.Kind.ANNOUNCEMENT,
        )
        .first()
    )
    if post is None:
        return 0
    thread = post.thread
    users = _enrolled_learners(course=thread.course, exclude_id=post.author_id)
    recipients = dict.fromkeys(users, "discussions.announcement")
    emails = text.mentioned_emails(post.body)
    if emails:
        # Staff it mentions are told of the mention; a mentioned learner once, of the announcement.
        mentioned = User.objects.filter(email__in=emails).values_list("pk", flat=True)
        others = _readers(course=thread.course, user_ids=mentioned) - set(users)
        others.discard(post.author_id)
        users.update({user.pk: user for user in User.objects.filter(pk__in=others)})
        recipients.update(dict.fromkeys(others, "discussions.mention"))
    if recipients:
        _deliver_to(
            users=users,
            recipients=recipients,
            thread=thread,
            slug=thread.course.slug,
            body=_excerpt(post.body),
            author_name=post.author.full_name if post.author else "",
        )
    return len(recipients)


def notify_endorsement(*, post_id: int, endorser_id: int) -> int:
    """Tell a reply's author and the thread's asker that staff endorsed the reply."""
    post = (
        Post.objects.select_related("thread__course").filter(pk=post_id, is_endorsed=True).first()
    )
    if post is None:
        return 0
    recipients = {
        user_id: "discussions.endorsed"
        for user_id in (post.author_id, post.thread.author_id)
        if user_id is not None and user_id != endorser_id
    }
    if recipients:
        _deliver(
            recipients=recipients,
            thread=post.thread,
            slug=post.thread.course.slug,
            body=_excerpt(post.body),
            author_name="",
        )
    return len(recipients)


def send_daily_digests() -> int:
    """E-mail each user who chose the daily digest one message listing their discussion
    notifications that no e-mail included yet, in their language. Each notice is claimed
    (marked e-mailed) before it is sent, so overlapping runs send it once. Returns the number
    of e-mails queued."""
    digest_users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in=Preference.objects.filter(email_mode=EmailMode.DAILY).values("user_id"),
            is_active=True,
        )
    }
    pending: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    notices = accounts_api.unemailed_notifications(
        topic_prefix=TOPIC_PREFIX, user_ids=digest_users
    ).values_list("pk", "user_id", "title", "link")
    for notice_id, user_id, title, link in notices:
        pending[user_id].append((notice_id, title, link))
    sent = 0
    for user_id, items in pending.items():
        claimed = accounts_api.mark_notifications_emailed(ids=[item[0] for item in items])
        if claimed != len(items):
            continue  # another run has them
        user = digest_users[user_id]
        with translation.override(user.preferred_language):
            subject = _("Your ICIM Academy discussions today: %(count)s new") % {
                "count": len(items)
            }
            lines = [f"- {title}\n  {settings.PUBLIC_BASE_URL}{link}" for _id, title, link in items]
            body = _("Hello %(name)s,\n\nWhat happened in the discussions you follow:") % {
                "name": user.full_name
            }
        accounts_api.queue_email(
            recipient=user.email, subject=subject, body=body + "\n\n" + "\n".join(lines)
        )
        sent += 1
    return sent
