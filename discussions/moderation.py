"""Moderation: reports, the queue of an organisation, hiding and restoring posts, locking and
pinning threads, mutes and the word list. Every moderator step is in the audit log."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import Organization, User
from courses import api as courses_api
from courses.models import Course
from discussions import page_cache
from discussions.access import (
    get_organization_for_moderator,
    get_post_for_reader,
    get_thread_for_reader,
)
from discussions.models import Mute, Post, Report, Thread, WordFilter

__all__ = [
    "POST_ACTIONS",
    "THREAD_ACTIONS",
    "get_word_filter",
    "list_mutes",
    "moderate_post",
    "moderate_thread",
    "moderation_queue",
    "mute_user",
    "report_post",
    "set_word_filter",
    "unmute_user",
]

State = Post.State
POST_ACTIONS = ("hide", "restore", "dismiss")
THREAD_ACTIONS = ("lock", "unlock", "pin", "unpin")
OWN_POST = gettext_lazy("You cannot report your own post.")
ALREADY_REPORTED = gettext_lazy("You have already reported this post.")
REPORT_DELETED = gettext_lazy("This post was deleted; there is nothing to report.")
MODERATORS_ONLY = gettext_lazy("Only the course's staff moderate its discussions.")
MUTE_SELF = gettext_lazy("You cannot mute yourself.")
MAX_WORDS = 500
MAX_WORD_LENGTH = 100
TOO_MANY_WORDS = gettext_lazy("A word list may have at most %(limit)s entries.")


def _audit(*, actor: User, step: str, target_type: str, target_id: int, **details: Any) -> None:
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.DISCUSSION_MODERATED,
        actor=actor,
        target_type=target_type,
        target_id=str(target_id),
        details={"step": step, **details},
    )


def report_post(*, user: User, post_id: int, reason: str) -> Report:
    """Report someone else's post to the moderators, with a reason (each person once).

    Raises Post.DoesNotExist (404) for a post the user may not see; ValidationError with
    `own_post` for one's own post, `already_reported`, or `deleted` for a deleted post."""
    post, _access = get_post_for_reader(user=user, post_id=post_id)
    if post.author_id == user.pk:
        raise ValidationError(OWN_POST, code="own_post")
    if post.state == State.DELETED:
        raise ValidationError(REPORT_DELETED, code="deleted")
    try:
        with transaction.atomic():
            return Report.objects.create(post=post, reporter=user, reason=reason.strip())
    except IntegrityError as error:
        raise ValidationError(ALREADY_REPORTED, code="already_reported") from error


def _courses_of(organization: Organization) -> QuerySet[Course]:
    return courses_api.courses_owned_by(organization_ids={organization.pk})


def moderation_queue(*, user: User, organization_slug: str) -> QuerySet[Post]:
    """The posts awaiting a moderator in the organisation's courses: those with open reports
    and those the word list held, oldest first, with their open reports. Raises
    Organization.DoesNotExist (404) unless the user moderates the organisation. Three queries
    a page (organisation, posts with thread, course and author, reports)."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    return (
        Post.objects.filter(thread__course__in=_courses_of(organization))
        .annotate(is_reported=Exists(open_reports.filter(post=OuterRef("pk"))))
        .filter(Q(state=State.HELD) | Q(is_reported=True))
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .select_related("thread__course", "author")
        .prefetch_related(
            Prefetch(
                "reports", queryset=open_reports.order_by("created_at"), to_attr="open_report_list"
            )
        )
        .order_by("created_at", "id")
    )


def _require_moderator(*, user: User, is_moderator: bool) -> None:
    if not is_moderator:
        raise PermissionDenied(MODERATORS_ONLY)


def moderate_post(*, user: User, post_id: int, action: str, ip_address: str | None = None) -> Post:
    """Hide a post, restore it (from hidden or held), or dismiss its reports; each closes the
    post's open reports and is audited. Hiding or holding the opening post takes the thread
    out of learners' lists; the reply count follows. Idempotent per state.

    Raises Post.DoesNotExist (404) for a post the user may not see, PermissionDenied for
    non-moderators, ValueError for an unknown action (the view validates)."""
    if action not in POST_ACTIONS:
        raise ValueError(action)
    post, access = get_post_for_reader(user=user, post_id=post_id)
    _require_moderator(user=user, is_moderator=access.is_moderator)
    now = timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        before = post.state
        if action == "hide" and before != State.DELETED:
            post.state = State.HIDDEN
        elif action == "restore" and before in (State.HIDDEN, State.HELD):
            post.state = State.VISIBLE
        if post.state != before:
            post.save(update_fields=["state"])
            _after_state_change(post=post, before=before)
        Report.objects.filter(post=post, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=user
        )
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.DISCUSSION_MODERATED,
            actor=user,
            target_type="discussion_post",
            target_id=str(post.pk),
            ip_address=ip_address,
            details={"step": action, "from": before, "to": post.state, "thread": post.thread_id},
        )
        page_cache.changed(access.course.pk)
    return post


def _after_state_change(*, post: Post, before: str) -> None:
    is_visible = post.state == State.VISIBLE
    if post.is_opening:
        Thread.objects.filter(pk=post.thread_id).update(is_visible=is_visible)
    elif (before == State.VISIBLE) != is_visible:
        change = 1 if is_visible else -1
        Thread.objects.filter(pk=post.thread_id).update(reply_count=F("reply_count") + change)


def moderate_thread(
    *, user: User, thread_id: int, action: str, ip_address: str | None = None
) -> Thread:
    """Lock, unlock, pin or unpin a thread, audited. Raises Thread.DoesNotExist (404),
    PermissionDenied for non-moderators, ValueError for an unknown action."""
    if action not in THREAD_ACTIONS:
        raise ValueError(action)
    thread, access = get_thread_for_reader(user=user, thread_id=thread_id)
    _require_moderator(user=user, is_moderator=access.is_moderator)
    field, value = {
        "lock": ("is_locked", True),
        "unlock": ("is_locked", False),
        "pin": ("is_pinned", True),
        "unpin": ("is_pinned", False),
    }[action]
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(**{field: value})
        setattr(thread, field, value)
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.DISCUSSION_MODERATED,
            actor=user,
            target_type="discussion_thread",
            target_id=str(thread.pk),
            ip_address=ip_address,
            details={"step": action},
        )
        page_cache.changed(access.course.pk)
    return thread


def mute_user(
    *, user: User, organization_slug: str, user_id: int, days: int, reason: str = ""
) -> Mute:
    """Keep a user from posting in the organisation's courses for `days` days (replacing an
    earlier mute), audited. Raises Organization.DoesNotExist (404) unless the user moderates
    it, User.DoesNotExist (404) for an unknown user, ValidationError (`mute_self`)."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    target = User.objects.get(pk=user_id, is_active=True)
    if target.pk == user.pk:
        raise ValidationError(MUTE_SELF, code="mute_self")
    until = timezone.now() + timedelta(days=days)
    with transaction.atomic():
        mute, _created = Mute.objects.update_or_create(
            organization=organization,
            user=target,
            defaults={"until": until, "reason": reason.strip(), "created_by": user},
        )
        _audit(
            actor=user,
            step="mute",
            target_type="user",
            target_id=target.pk,
            organization=organization.slug,
            until=until.isoformat(),
            reason=mute.reason,
        )
    return mute


def unmute_user(*, user: User, organization_slug: str, user_id: int) -> None:
    """End a user's mute in the organisation now (nothing to end is fine), audited."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    with transaction.atomic():
        ended = Mute.objects.filter(organization=organization, user_id=user_id).delete()[0]
        if ended:
            _audit(
                actor=user,
                step="unmute",
                target_type="user",
                target_id=user_id,
                organization=organization.slug,
            )


def list_mutes(*, user: User, organization_slug: str) -> QuerySet[Mute]:
    """The organisation's mutes still running, ending soonest first. Raises
    Organization.DoesNotExist (404) unless the user moderates it."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    return (
        Mute.objects.filter(organization=organization, until__gt=timezone.now())
        .select_related("user")
        .order_by("until", "id")
    )


def get_word_filter(*, user: User, organization_slug: str) -> list[str]:
    """The organisation's word list (empty when none). Raises Organization.DoesNotExist."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    found = WordFilter.objects.filter(organization=organization).first()
    return list(found.words) if found else []


def set_word_filter(*, user: User, organization_slug: str, words: list[str]) -> list[str]:
    """Replace the organisation's word list (trimmed, blanks and repeats dropped), audited.
    Posts containing a listed word are held for moderation, not refused: the writer is not
    told which word matched, and a moderator can still let a false positive through.
    Raises Organization.DoesNotExist (404), ValidationError (`too_many_words`)."""
    organization = get_organization_for_moderator(user=user, slug=organization_slug)
    cleaned = list(dict.fromkeys(word.strip()[:MAX_WORD_LENGTH] for word in words if word.strip()))
    if len(cleaned) > MAX_WORDS:
        raise ValidationError(TOO_MANY_WORDS % {"limit": MAX_WORDS}, code="too_many_words")
    with transaction.atomic():
        WordFilter.objects.update_or_create(organization=organization, defaults={"words": cleaned})
        _audit(
            actor=user,
            step="word_filter",
            target_type="organization",
            target_id=organization.pk,
            count=len(cleaned),
        )
    return cleaned
