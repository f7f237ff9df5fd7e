"""Files attached to posts: images and PDF, checked by their bytes like lesson resources
(courses.uploads), uploaded first and then named by the post that uses them."""

import uuid
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from courses import api as courses_api
from courses.models import Course
from discussions.access import get_course_for_reader, get_post_for_reader
from discussions.models import Attachment, Post

__all__ = [
    "ATTACHMENT_EXTENSIONS",
    "UNCLAIMED_ATTACHMENT_HOURS",
    "attach_files",
    "discard_unclaimed_attachments",
    "open_attachment_file",
    "upload_attachment",
]

# Pictures of a machine or a screen, and a PDF: what a question about a course needs.
ATTACHMENT_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".pdf"})
MAX_ATTACHMENTS_PER_POST = 5
# An upload no post named within this time was dropped from its post (or the post never sent).
UNCLAIMED_ATTACHMENT_HOURS = 24
FILE_TOO_LARGE = gettext_lazy("An attachment may be at most %(limit)s MB.")
FILE_TYPE_REFUSED = gettext_lazy("Attach a PNG or JPEG image or a PDF file.")
UNKNOWN_ATTACHMENT = gettext_lazy("Unknown attachment: upload the file again.")
TOO_MANY_ATTACHMENTS = gettext_lazy("A post may have at most %(limit)s attachments.")


def upload_attachment(*, user: User, course_slug: str, file: UploadedFile) -> Attachment:
    """Store a file for a post the user is about to write in the course.

    Raises Course.DoesNotExist (404) when the user may not read the course, ValidationError
    with code `too_large` over DISCUSSION_ATTACHMENT_MAX_BYTES or `unsupported_type` for
    anything but a PNG, JPEG or PDF whose bytes agree with its name.
    """
    course = get_course_for_reader(user=user, course_slug=course_slug).course
    limit = settings.DISCUSSION_ATTACHMENT_MAX_BYTES
    if file.size is None or file.size > limit:
        raise ValidationError(FILE_TOO_LARGE % {"limit": limit // (1024 * 1024)}, code="too_large")
    filename = (file.name or "attachment").replace("/", "_").replace("\\", "_")[-200:]
    head = file.read(courses_api.uploads.SNIFF_BYTES)
    file.seek(0)
    accepted = courses_api.uploads.accepted_type(head, filename)
    if accepted is None or PurePosixPath(filename).suffix.lower() not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(FILE_TYPE_REFUSED, code="unsupported_type")
    file.name = courses_api.uploads.stored_name(accepted)
    with transaction.atomic():
        return Attachment.objects.create(
            course=course,
            uploaded_by=user,
            file=file,
            original_name=filename,
            content_type=accepted.content_type,
            size=file.size,
        )


def attach_files(*, user: User, course: Course, post: Post, keys: list[uuid.UUID]) -> None:
    """Give the user's unattached uploads in this course to `post`, in the caller's
    transaction. Raises ValidationError (`attachment_ids`) for a key that is not such an
    upload, or more than MAX_ATTACHMENTS_PER_POST."""
    if not keys:
        return
    if len(set(keys)) > MAX_ATTACHMENTS_PER_POST:
        message = TOO_MANY_ATTACHMENTS % {"limit": MAX_ATTACHMENTS_PER_POST}
        raise ValidationError({"attachment_keys": ValidationError(message, code="too_many")})
    claimed = Attachment.objects.filter(
        key__in=set(keys), uploaded_by=user, course=course, post__isnull=True
    ).update(post=post)
    if claimed != len(set(keys)):
        raise ValidationError(
            {"attachment_keys": ValidationError(UNKNOWN_ATTACHMENT, code="unknown_attachment")}
        )


def open_attachment_file(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """The attachment stored under `name`, for whoever may see its post (or its uploader,
    before the post is written). Raises Attachment.DoesNotExist for unknown and forbidden
    names alike."""
    attachment = Attachment.objects.filter(file=name).first()
    if attachment is None or not getattr(user, "is_authenticated", False):
        raise Attachment.DoesNotExist
    if attachment.post_id is None:
        if attachment.uploaded_by_id != user.pk:
            raise Attachment.DoesNotExist
    else:
        try:
            post, _access = get_post_for_reader(user=user, post_id=attachment.post_id)
        except Post.DoesNotExist as error:
            raise Attachment.DoesNotExist from error
        if (
            post.state != Post.State.VISIBLE
            and post.author_id != user.pk
            and not _access.is_moderator
        ):
            raise Attachment.DoesNotExist
    return accounts_api.StoredFile(
        file=attachment.file,
        download_name=attachment.original_name,
        content_type=attachment.content_type,
    )


def discard_unclaimed_attachments(*, batch: int = 500) -> int:
    """Delete uploads that no post claimed within UNCLAIMED_ATTACHMENT_HOURS, rows and stored
    files (a file that is already gone is fine); answers how many. Run daily by beat."""
    cutoff = timezone.now() - timedelta(hours=UNCLAIMED_ATTACHMENT_HOURS)
    discarded = 0
    while True:
        stale = list(
            Attachment.objects.filter(post__isnull=True, created_at__lt=cutoff).order_by("pk")[
                :batch
            ]
        )
        if not stale:
            return discarded
        for attachment in stale:
            attachment.file.delete(save=False)
        Attachment.objects.filter(pk__in=[attachment.pk for attachment in stale]).delete()
        discarded += len(stale)
