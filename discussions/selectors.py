"""Reads the views need: a course's threads (filtered, searched) and a thread's posts."""

import uuid

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from courses import api as courses_api
from discussions.access import CourseAccess, get_course_for_reader, get_thread_for_reader
from discussions.models import Attachment, Follow, Post, Thread, Upvote

__all__ = [
    "course_threads",
    "followed_among",
    "get_thread",
    "has_own_held_posts",
    "has_own_unseen_threads",
    "list_posts",
    "list_threads",
    "thread_posts",
    "upvoted_among",
    "with_follows",
]


def list_threads(
    *,
    user: User,
    course_slug: str,
    kind: str | None = None,
    language: str | None = None,
    is_answered: bool | None = None,
    lesson_key: uuid.UUID | None = None,
    query: str = "",
) -> QuerySet[Thread]:
    """The course's threads the user may see, pinned first, then most recently active;
    narrowed by kind, language, answered, lesson and a search over titles and opening posts in
    every language (each word a substring of the normalized text, as catalog search does, so
    Chinese words are found without spaces). Held or hidden threads only for moderators and
    their authors. Raises Course.DoesNotExist (404) when the user may not read the course.
    One query for the course and one for the page (authors joined)."""
    access = get_course_for_reader(user=user, course_slug=course_slug)
    threads = course_threads(
        access=access,
        reader=user,
        kind=kind,
        language=language,
        is_answered=is_answered,
        lesson_key=lesson_key,
        query=query,
    )
    return with_follows(threads, user=user)


def with_follows(threads: QuerySet[Thread], *, user: User) -> QuerySet[Thread]:
    """The threads with `is_following`: whether the user follows each."""
    return threads.annotate(
        is_following=Exists(Follow.objects.filter(thread=OuterRef("pk"), user=user))
    )


def course_threads(
    *,
    access: CourseAccess,
    reader: User | None,
    kind: str | None = None,
    language: str | None = None,
    is_answered: bool | None = None,
    lesson_key: uuid.UUID | None = None,
    query: str = "",
) -> QuerySet[Thread]:
    """`list_threads` for a course already checked, without the reader's follows: the
    threads everyone may see, plus the `reader`'s own held or hidden ones (moderators: all)."""
    threads = Thread.objects.filter(course=access.course).select_related("author")
    if not access.is_moderator:
        threads = threads.filter(Q(is_visible=True) | Q(author=reader))
    if kind:
        threads = threads.filter(kind=kind)
    if language:
        threads = threads.filter(language=language)
    if is_answered is not None:
        threads = threads.filter(is_answered=is_answered, kind=Thread.Kind.QUESTION)
    if lesson_key is not None:
        threads = threads.filter(lesson_key=lesson_key)
    for word in courses_api.query_words(query):
        threads = threads.filter(search_text__contains=word)
    return threads


def has_own_unseen_threads(*, user: User, access: CourseAccess) -> bool:
    """Whether the user wrote threads in the course that others do not see (held or hidden)."""
    return Thread.objects.filter(course=access.course, author=user, is_visible=False).exists()


def has_own_held_posts(*, user: User, thread: Thread) -> bool:
    """Whether the user has replies in the thread that wait for a moderator."""
    return Post.objects.filter(thread=thread, author=user, state=Post.State.HELD).exists()


def followed_among(*, user: User, thread_ids: list[int]) -> set[int]:
    """Which of these threads the user follows (one query)."""
    follows = Follow.objects.filter(user=user, thread_id__in=thread_ids)
    return set(follows.values_list("thread_id", flat=True))


def upvoted_among(*, user: User, post_ids: list[int]) -> set[int]:
    """Which of these posts the user upvoted (one query)."""
    upvotes = Upvote.objects.filter(user=user, post_id__in=post_ids)
    return set(upvotes.values_list("post_id", flat=True))


def get_thread(*, user: User, thread_id: int) -> tuple[Thread, bool, Post]:
    """A thread the user may read, whether they moderate it, and its opening post (with its
    attachments and the user's upvote). Raises Thread.DoesNotExist (404)."""
    thread, access = get_thread_for_reader(user=user, thread_id=thread_id)
    thread.is_following = Follow.objects.filter(thread=thread, user=user).exists()  # type: ignore[attr-defined]
    opening = _with_details(Post.objects.filter(thread=thread, is_opening=True), user).get()
    return thread, access.is_moderator, opening


def _with_details(posts: QuerySet[Post], user: User | None) -> QuerySet[Post]:
    upvoted = (
        Exists(Upvote.objects.filter(post=OuterRef("pk"), user=user))
        if user is not None
        else Value(False)
    )
    return (
        posts.select_related("author")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .annotate(is_upvoted=upvoted)
    )


def list_posts(*, user: User, thread_id: int) -> tuple[QuerySet[Post], bool]:
    """The replies of a thread in order (a reply's replies right after it: sorted by the
    top-level reply's time, then their own), and whether the user moderates. Held posts only
    for moderators and their authors; deleted and hidden posts stay as placeholders. Raises
    Thread.DoesNotExist (404). Three queries for the access, one per page, one for files."""
    thread, access = get_thread_for_reader(user=user, thread_id=thread_id)
    return thread_posts(thread=thread, access=access, reader=user), access.is_moderator


def thread_posts(*, thread: Thread, access: CourseAccess, reader: User | None) -> QuerySet[Post]:
    """`list_posts` for a thread already checked: with the `reader`'s own held posts and
    upvotes, or (None) as every reader sees it, without upvotes."""
    posts = Post.objects.filter(thread=thread, is_opening=False)
    if not access.is_moderator:
        posts = posts.filter(~Q(state=Post.State.HELD) | Q(author=reader))
    return _with_details(posts, reader).order_by(
        Coalesce("parent__created_at", "created_at"),
        Coalesce("parent_id", "id"),
        F("parent_id").asc(nulls_first=True),
        "created_at",
        "id",
    )
