"""What readers do to posts and threads: upvote, follow, mark a question answered, endorse an
answer. Each is idempotent: doing it twice leaves the state of doing it once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy

from accounts.models import User
from config.tasks import queue_after_commit
from discussions import page_cache
from discussions.access import get_post_for_reader, get_thread_for_reader
from discussions.models import Follow, Post, Thread, Upvote

__all__ = ["endorse_post", "follow_thread", "mark_answered", "set_upvote"]

NOT_A_QUESTION = gettext_lazy("Only a question can be marked answered.")
ANSWERED_BY = gettext_lazy("Only the person who asked, or the course's staff, mark it answered.")
ENDORSE_STAFF_ONLY = gettext_lazy("Only the course's staff endorse answers.")
NOT_A_REPLY = gettext_lazy("Endorse a reply, not the question itself.")
NOT_VISIBLE = gettext_lazy("This post is not visible to everyone.")


def set_upvote(*, user: User, post_id: int, is_upvoted: bool) -> Post:
    """Add (or take back) the user's upvote of a post; one per user (a unique constraint, so
    two requests at once still count one). Raises Post.DoesNotExist (404) for a post the user
    may not see, ValidationError (`not_visible`) to upvote a held, hidden or deleted post."""
    post, access = get_post_for_reader(user=user, post_id=post_id)
    with transaction.atomic():
        if is_upvoted:
            if post.state != Post.State.VISIBLE:
                raise ValidationError(NOT_VISIBLE, code="not_visible")
            try:
                with transaction.atomic():
                    Upvote.objects.create(post=post, user=user)
            except IntegrityError:
                return post
            change = 1
        else:
            if not Upvote.objects.filter(post=post, user=user).delete()[0]:
                return post
            change = -1
        Post.objects.filter(pk=post.pk).update(upvote_count=F("upvote_count") + change)
        if post.is_opening:
            Thread.objects.filter(pk=post.thread_id).update(upvote_count=F("upvote_count") + change)
        page_cache.changed(access.course.pk)
    post.refresh_from_db(fields=["upvote_count"])
    return post


def follow_thread(*, user: User, thread_id: int, is_following: bool) -> Thread:
    """Follow (or stop following) a thread: followers are notified of new replies. Raises
    Thread.DoesNotExist (404) for a thread the user may not read."""
    thread, _access = get_thread_for_reader(user=user, thread_id=thread_id)
    if is_following:
        Follow.objects.get_or_create(thread=thread, user=user)
    else:
        Follow.objects.filter(thread=thread, user=user).delete()
    return thread


def mark_answered(*, user: User, thread_id: int, is_answered: bool) -> Thread:
    """Mark a question answered (or not), by its asker or the course's staff.

    Raises Thread.DoesNotExist (404), ValidationError (`not_a_question`) for another kind,
    PermissionDenied for anyone else."""
    thread, access = get_thread_for_reader(user=user, thread_id=thread_id)
    if thread.kind != Thread.Kind.QUESTION:
        raise ValidationError(NOT_A_QUESTION, code="not_a_question")
    if thread.author_id != user.pk and not access.is_moderator:
        raise PermissionDenied(ANSWERED_BY)
    Thread.objects.filter(pk=thread.pk).update(is_answered=is_answered)
    page_cache.changed(access.course.pk)
    thread.is_answered = is_answered
    return thread


def endorse_post(*, user: User, post_id: int, is_endorsed: bool) -> Post:
    """Endorse (or withdraw endorsement of) a reply, as the course's staff; endorsing an
    answer to a question marks the question answered, and tells the reply's author and the
    asker. Raises Post.DoesNotExist (404), PermissionDenied for learners, ValidationError for
    the opening post (`not_a_reply`) or a post not visible (`not_visible`)."""
    post, access = get_post_for_reader(user=user, post_id=post_id)
    if not access.is_moderator:
        raise PermissionDenied(ENDORSE_STAFF_ONLY)
    if post.is_opening:
        raise ValidationError(NOT_A_REPLY, code="not_a_reply")
    if post.state != Post.State.VISIBLE:
        raise ValidationError(NOT_VISIBLE, code="not_visible")
    if post.is_endorsed == is_endorsed:
        return post
    with transaction.atomic():
        Post.objects.filter(pk=post.pk).update(is_endorsed=is_endorsed)
        post.is_endorsed = is_endorsed
        if is_endorsed:
            if post.thread.kind == Thread.Kind.QUESTION:
                Thread.objects.filter(pk=post.thread_id).update(is_answered=True)
                post.thread.is_answered = True
            # Imported on call: discussions.tasks imports the door, which imports this module.
            from discussions.tasks import notify_endorsement_task

            queue_after_commit(notify_endorsement_task, post.pk, user.pk)
        page_cache.changed(access.course.pk)
    return post
