"""Discussion threads and their posts, votes, follows, reports, attachments, and the
moderation settings of each organisation (mutes, word list)."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Thread(models.Model):
    """A conversation in a course (or one lesson of it), opened by its first post."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        DISCUSSION = "discussion", _("Discussion")
        ANNOUNCEMENT = "announcement", _("Announcement")

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    # A lesson's key stays the same across course versions, so a thread outlives a new version.
    lesson_key = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    # The language it was written in (chosen, else detected); never translated.
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    is_answered = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    is_locked = models.BooleanField(default=False)
    # The opening post is held or hidden: the thread is out of learners' lists.
    is_visible = models.BooleanField(default=True)
    # Kept with each post written, so a list of 10,000 threads needs no counting join.
    reply_count = models.PositiveIntegerField(default=0)
    upvote_count = models.PositiveIntegerField(default=0)
    # Title and opening post, normalized as catalog search does (courses.search).
    search_text = models.TextField(default="", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering: ClassVar = ["-is_pinned", "-last_activity_at", "-id"]
        indexes: ClassVar = [
            # The course list: pinned first, then the most recently active.
            models.Index(
                fields=["course", "-is_pinned", "-last_activity_at", "-id"],
                name="discussion_thread_list",
            ),
            # Whether a reader has threads only they see (then their list is not the shared
            # cached page): few rows, so a small partial index.
            models.Index(
                fields=["course", "author"],
                condition=models.Q(is_visible=False),
                name="discussion_thread_unseen",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """The opening post of a thread, a reply to it, or a reply to a reply (one level deep)."""

    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        # Caught by the organisation's word list: only its author and moderators see it.
        HELD = "held", _("Held for moderation")
        HIDDEN = "hidden", _("Hidden by a moderator")
        DELETED = "deleted", _("Deleted by its author")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_opening = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    body_html = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.VISIBLE)
    is_endorsed = models.BooleanField(default=False)
    upvote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["thread"], condition=Q(is_opening=True), name="discussion_one_opening"
            ),
            models.CheckConstraint(
                condition=Q(is_opening=False) | Q(parent__isnull=True),
                name="discussion_opening_has_no_parent",
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["thread", "created_at", "id"]),
            # Whether a reader has replies waiting for a moderator in a thread (see Thread).
            models.Index(
                fields=["thread", "author"],
                condition=models.Q(state="held"),
                name="discussion_post_held",
            ),
        ]

    def __str__(self) -> str:
        return f"post {self.pk} in thread {self.thread_id}"


class Attachment(models.Model):
    """A file uploaded for a post (images and PDF), stored under a name the server chose."""

    course = models.ForeignKey("courses.Course", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Null until the post that uses it is written.
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Stored under a name the server chose (courses.uploads.stored_name); served by the one
    # download view through discussions.api.open_attachment_file, which checks access.
    file = models.FileField(upload_to="discussions/", max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class Upvote(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="upvotes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            # One vote per person: a double click or a retry changes nothing.
            models.UniqueConstraint(fields=["post", "user"], name="discussion_upvote_once"),
        ]

    def __str__(self) -> str:
        return f"upvote of post {self.post_id} by {self.user_id}"


class Follow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["thread", "user"], name="discussion_follow_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows thread {self.thread_id}"


class Report(models.Model):
    """Someone's report of a post to the moderators of the course's institutions."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["post", "reporter"], name="discussion_report_once"),
        ]
        indexes: ClassVar = [models.Index(fields=["resolved_at", "created_at"])]

    def __str__(self) -> str:
        return f"report of post {self.post_id}"


class Mute(models.Model):
    """A user may not post in the courses of an organisation until `until`."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints: ClassVar = [
            # A new mute replaces the old one (an upsert on this pair).
            models.UniqueConstraint(fields=["organization", "user"], name="discussion_mute_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} muted until {self.until:%Y-%m-%d}"


class WordFilter(models.Model):
    """An organisation's list of words that hold a post for moderation."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    words = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"word list of {self.organization_id}"


class Preference(models.Model):
    """How a user wants discussion notifications by e-mail."""

    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DAILY = "daily", _("Daily digest")
        NONE = "none", _("No e-mail (in the app only)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email_mode = models.CharField(
        max_length=20, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )

    def __str__(self) -> str:
        return f"{self.user_id}: {self.email_mode}"
