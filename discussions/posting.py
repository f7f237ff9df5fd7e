"""Writing in a course's discussions: opening a thread, replying, editing and deleting one's
own post. Every write checks access, the thread's lock, the writer's mute and the word list."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.tasks import queue_after_commit
from courses import api as courses_api
from courses.models import Course, Lesson
from discussions import page_cache, text
from discussions.access import (
    CourseAccess,
    get_course_for_reader,
    get_post_for_reader,
    get_thread_for_reader,
)
from discussions.attachments import attach_files
from discussions.models import Follow, Mute, Post, Thread, WordFilter

__all__ = ["delete_post", "edit_post", "reply_to_thread", "start_thread"]

State = Post.State
ANNOUNCEMENT_STAFF_ONLY = gettext_lazy("Only the course's staff post announcements.")
TITLE_EMPTY = gettext_lazy("Give the thread a title.")
UNKNOWN_LESSON = gettext_lazy("This course has no such lesson.")
THREAD_LOCKED = gettext_lazy("This thread is locked: no new replies.")
MUTED_UNTIL = gettext_lazy("You may not post in this course's discussions until %(until)s.")
NOT_YOUR_POST = gettext_lazy("Only its author may change a post.")
POST_GONE = gettext_lazy("This post was deleted or hidden and can no longer be changed.")


def _check_not_muted(*, user: User, course: Course) -> None:
    mute = (
        Mute.objects.filter(
            user=user,
            until__gt=timezone.now(),
            organization_id__in=Course.institutions.through.objects.filter(
                course_id=course.pk
            ).values("organization_id"),
        )
        .order_by("-until")
        .first()
    )
    if mute is not None:
        raise PermissionDenied(MUTED_UNTIL % {"until": mute.until.strftime("%Y-%m-%d %H:%M UTC")})


def _state_for(*, course: Course, body: str, access: CourseAccess) -> str:
    """HELD when a word of an owning organisation's list occurs (moderators are trusted)."""
    if access.is_moderator:
        return State.VISIBLE
    lists = WordFilter.objects.filter(
        organization_id__in=Course.institutions.through.objects.filter(course_id=course.pk).values(
            "organization_id"
        )
    ).values_list("words", flat=True)
    words = [word for word_list in lists for word in word_list]
    return State.HELD if words and text.filtered_words(body, words) else State.VISIBLE


def _queue_notifications(post: Post) -> None:
    # Imported on call: discussions.tasks imports the door, which imports this module.
    from discussions.tasks import notify_about_post_task

    queue_after_commit(notify_about_post_task, post.pk)


def start_thread(
    *,
    user: User,
    course_slug: str,
    kind: str,
    title: str,
    body: str,
    language: str | None = None,
    lesson_key: uuid.UUID | None = None,
    attachment_keys: list[uuid.UUID] | None = None,
) -> Thread:
    """Open a thread with its first post; the author follows it. The language is the one
    chosen, else detected from the text.

    Raises Course.DoesNotExist when the user may not read the course (404),
    PermissionDenied when muted, ValidationError for an announcement by a learner, an empty
    title or body, a body over the limit, or a lesson not in the course. A post caught by the
    word list is saved held (`Thread.is_visible` false) until a moderator restores it.
    """
    access = get_course_for_reader(user=user, course_slug=course_slug)
    course = access.course
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": ValidationError(TITLE_EMPTY, code="title_empty")})
    body = text.check_body(body)
    if kind == Thread.Kind.ANNOUNCEMENT and not access.is_moderator:
        raise ValidationError(
            {"kind": ValidationError(ANNOUNCEMENT_STAFF_ONLY, code="announcement_staff_only")}
        )
    if (
        lesson_key is not None
        and not Lesson.objects.filter(key=lesson_key, module__version__course=course).exists()
    ):
        raise ValidationError(
            {"lesson_key": ValidationError(UNKNOWN_LESSON, code="unknown_lesson")}
        )
    _check_not_muted(user=user, course=course)
    state = _state_for(course=course, body=f"{title}\n{body}", access=access)
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            course=course,
            lesson_key=lesson_key,
            kind=kind,
            author=user,
            title=title[: text.TITLE_MAX_CHARACTERS],
            language=language or text.detect_language(f"{title}\n{body}"),
            is_visible=state == State.VISIBLE,
            search_text=courses_api.normalize_search_text(f"{title}\n{body}"),
            created_at=now,
            last_activity_at=now,
        )
        post = Post.objects.create(
            thread=thread,
            is_opening=True,
            author=user,
            body=body,
            body_html=courses_api.render_markdown(body),
            state=state,
            created_at=now,
        )
        attach_files(user=user, course=course, post=post, keys=attachment_keys or [])
        Follow.objects.create(thread=thread, user=user)
        if state == State.VISIBLE:
            _queue_notifications(post)
            if kind == Thread.Kind.ANNOUNCEMENT:
                from discussions.tasks import notify_announcement_task

                queue_after_commit(notify_announcement_task, post.pk)
        page_cache.changed(course.pk)
    return thread


def reply_to_thread(
    *,
    user: User,
    thread_id: int,
    body: str,
    parent_id: int | None = None,
    attachment_keys: list[uuid.UUID] | None = None,
) -> Post:
    """Reply to a thread, or (parent_id) to a reply in it. Replies nest one level: a reply to
    a reply joins its parent's replies, a reply to the opening post is a reply to the thread.

    Raises Thread.DoesNotExist (404) for a thread the user may not read, and for a parent not
    in it; PermissionDenied when the thread is locked (moderators may still write) or the user
    is muted; ValidationError for an empty or too long body. Takes a row lock on the thread
    while its counters change.
    """
    thread, access = get_thread_for_reader(user=user, thread_id=thread_id)
    body = text.check_body(body)
    if thread.is_locked and not access.is_moderator:
        raise PermissionDenied(THREAD_LOCKED)
    _check_not_muted(user=user, course=access.course)
    parent = None
    if parent_id is not None:
        parent = Post.objects.filter(pk=parent_id, thread=thread).first()
        if parent is None:
            raise Thread.DoesNotExist()
        if parent.is_opening:
            parent = None
        elif parent.parent_id is not None:
            parent = parent.parent
    state = _state_for(course=access.course, body=body, access=access)
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.create(
            thread=thread,
            parent=parent,
            author=user,
            body=body,
            body_html=courses_api.render_markdown(body),
            state=state,
            created_at=now,
        )
        attach_files(user=user, course=access.course, post=post, keys=attachment_keys or [])
        if state == State.VISIBLE:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=F("reply_count") + 1, last_activity_at=now
            )
            _queue_notifications(post)
        page_cache.changed(access.course.pk)
    return post


def edit_post(*, user: User, post_id: int, body: str) -> Post:
    """Change the text of one's own post (the thread's search text follows an opening post).

    Raises Post.DoesNotExist (404) for a post the user may not see, PermissionDenied for
    another's post or one deleted or hidden, ValidationError for an empty or too long body.
    """
    post, access = get_post_for_reader(user=user, post_id=post_id)
    if post.author_id != user.pk:
        raise PermissionDenied(NOT_YOUR_POST)
    if post.state in (State.DELETED, State.HIDDEN):
        raise PermissionDenied(POST_GONE)
    body = text.check_body(body)
    post.body = body
    post.body_html = courses_api.render_markdown(body)
    post.edited_at = timezone.now()
    if post.state == State.VISIBLE:
        post.state = _state_for(course=access.course, body=body, access=access)
    with transaction.atomic():
        post.save(update_fields=["body", "body_html", "edited_at", "state"])
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(
                search_text=courses_api.normalize_search_text(f"{post.thread.title}\n{body}"),
                is_visible=post.state == State.VISIBLE,
            )
        page_cache.changed(access.course.pk)
    return post


def delete_post(*, user: User, post_id: int) -> Post:
    """Delete one's own post: its text and files go, a "deleted" placeholder stays in the
    thread so replies keep their place. Idempotent.

    Raises Post.DoesNotExist (404) for a post the user may not see, PermissionDenied for
    another's post.
    """
    post, access = get_post_for_reader(user=user, post_id=post_id)
    if post.author_id != user.pk:
        raise PermissionDenied(NOT_YOUR_POST)
    if post.state == State.DELETED:
        return post
    was_visible = post.state == State.VISIBLE
    with transaction.atomic():
        post.state = State.DELETED
        post.body = ""
        post.body_html = ""
        post.save(update_fields=["state", "body", "body_html"])
        post.attachments.all().delete()
        if was_visible and not post.is_opening:
            Thread.objects.filter(pk=post.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        page_cache.changed(access.course.pk)
    return post
