"""The workflow's audit trail and reviewers' remarks on a version."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from courses.models.course import Course, CourseVersion


class Transition(models.Model):
    """An audit record of one workflow step: who moved which version where, when, and why."""

    version = models.ForeignKey(CourseVersion, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_state = models.CharField(max_length=20, choices=CourseVersion.State.choices)
    to_state = models.CharField(max_length=20, choices=CourseVersion.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"


class ReviewComment(models.Model):
    """A staff member's remark on a version under review, about one lesson or the whole version.

    Kept when the version is published or replaced: the review trail stays with the version it
    was made on, and a lesson key (stable across versions) lets a later version show it again.
    """

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="review_comments")
    version = models.ForeignKey(
        CourseVersion, on_delete=models.CASCADE, related_name="review_comments"
    )
    # None: about the version as a whole.
    lesson_key = models.UUIDField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    is_resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
        indexes: ClassVar = [
            # The review screen lists one course's comments oldest first.
            models.Index(fields=["course", "created_at"], name="review_comment_by_course"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk} on version {self.version_id}"
