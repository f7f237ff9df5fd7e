"""In-app notifications: any app posts one for a user; the user lists them and marks them read.

Cross-cutting on purpose (STYLE.md 7b): one model and one bell for every app. The text is
written by the posting app in the recipient's language (`translation.override`), because a
notice is read later, in whatever language the reader had when it happened.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Notification, User

__all__ = [
    "list_notifications",
    "mark_notifications_emailed",
    "mark_notifications_read",
    "post_notifications",
    "unemailed_notifications",
    "unread_notification_count",
]

TITLE_MAX_CHARACTERS = 300


def post_notifications(
    *, user_ids: Iterable[int], topic: str, title: str, body: str = "", link: str = ""
) -> list[Notification]:
    """Add the same notice for each of `user_ids` (each once) in one query, in the caller's
    transaction; a title longer than the column is cut."""
    rows = [
        Notification(
            user_id=user_id, topic=topic, title=title[:TITLE_MAX_CHARACTERS], body=body, link=link
        )
        for user_id in dict.fromkeys(user_ids)
    ]
    return Notification.objects.bulk_create(rows)


def list_notifications(*, user: User, is_unread: bool | None = None) -> QuerySet[Notification]:
    """The user's notifications, newest first; only unread (True) or read (False) ones."""
    notifications = Notification.objects.filter(user=user)
    if is_unread is not None:
        notifications = notifications.filter(read_at__isnull=is_unread)
    return notifications


def unread_notification_count(*, user: User) -> int:
    """How many of the user's notifications are unread (one query)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_notifications_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications `ids` (all when None) read; others' ids are ignored.
    Idempotent: returns how many were unread before."""
    notifications = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        notifications = notifications.filter(pk__in=ids)
    return notifications.update(read_at=timezone.now())


def unemailed_notifications(
    *, topic_prefix: str, user_ids: Iterable[int]
) -> QuerySet[Notification]:
    """Notifications of these users whose topic starts with `topic_prefix` that no e-mail has
    included yet, oldest first (for digests)."""
    return Notification.objects.filter(
        user_id__in=list(user_ids), topic__startswith=topic_prefix, emailed_at__isnull=True
    ).order_by("user_id", "created_at", "id")


def mark_notifications_emailed(*, ids: list[int], at: datetime | None = None) -> int:
    """Mark notifications as included in an e-mail; only those not marked yet, so two digest
    runs racing each other send each notice once (returns how many this call marked)."""
    return Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(
        emailed_at=at or timezone.now()
    )
