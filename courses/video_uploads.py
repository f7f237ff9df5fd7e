"""Resumable lesson-video uploads: a session, chunks appended at an offset, then the usual upload.

A small protocol in the spirit of tus 1.0 core (no library fits: the Django tus servers are
unmaintained or bring their own models and middleware, and the SPA has no tus client). An author
starts a session with the file's name and size (refused at once when too large or not a video
by name); sends chunks, each at the offset the server holds (a wrong one is a conflict that
names the right one); asks for the offset after an interruption; and when the last byte
arrives the assembled file goes through `video.upload_lesson_video` (libmagic, then the
transcode task). Bytes stream to a partial file in the uploads folder in blocks of
`_BLOCK_BYTES`, so a worker holds one block of an upload in memory, whatever its size.
"""

import fcntl
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses import video
from courses.models import VideoAsset, VideoUploadSession

__all__ = [
    "UploadOffsetConflictError",
    "append_video_upload_chunk",
    "cancel_video_upload",
    "get_video_upload",
    "start_video_upload",
    "sweep_expired_video_uploads",
    "video_upload_folder",
]

logger = logging.getLogger(__name__)

_BLOCK_BYTES = 1024 * 1024
# Each open session may hold up to VIDEO_MAX_MB on disk; an author needs few at once.
OPEN_SESSIONS_PER_USER = 5

UPLOAD_CHUNK_TOO_LARGE = gettext_lazy("A chunk may be at most %(limit)d MB.")
UPLOAD_PAST_DECLARED_SIZE = gettext_lazy(
    "This chunk goes past the size declared when the upload started."
)
UPLOAD_OFFSET_CONFLICT = gettext_lazy(
    "The upload is at byte %(offset)d; send the chunk that starts there."
)
UPLOAD_BUSY = gettext_lazy("Another request is writing to this upload; ask for its offset.")
UPLOAD_TOO_MANY = gettext_lazy(
    "You have %(count)d unfinished video uploads; finish or cancel one first."
)
UPLOAD_EMPTY = gettext_lazy("The video file is empty.")


class UploadOffsetConflictError(Exception):
    """A chunk did not start at the upload's offset, or another request is writing to it."""

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _AssembledFile(UploadedFile):
    """The finished partial file as an upload: a filesystem storage moves it into place
    instead of copying gigabytes (as it does with Django's own temporary uploads)."""

    def __init__(self, handle: BinaryIO, *, path: Path, name: str, size: int) -> None:
        super().__init__(file=handle, name=name, size=size)
        self._path = path

    def temporary_file_path(self) -> str:
        return str(self._path)


def video_upload_folder() -> Path:
    """The local folder of partial uploads (VIDEO_UPLOAD_DIR, else below MEDIA_ROOT)."""
    return Path(settings.VIDEO_UPLOAD_DIR or Path(settings.MEDIA_ROOT) / "video-uploads")


def _part_path(upload_id: uuid.UUID) -> Path:
    return video_upload_folder() / f"{upload_id.hex}.part"


def _next_expiry() -> datetime:
    return timezone.now() + timedelta(hours=settings.VIDEO_UPLOAD_SESSION_HOURS)


def _delete(session: VideoUploadSession) -> None:
    _part_path(session.pk).unlink(missing_ok=True)
    VideoUploadSession.objects.filter(pk=session.pk).delete()


def start_video_upload(
    *, user: User, slug: str, lesson_key: uuid.UUID, filename: str, size: int
) -> VideoUploadSession:
    """Open a resumable upload of a video of `size` bytes for a video lesson, with an empty
    partial file. Refuses early what the finished upload would be refused for by name and size:
    raises Course.DoesNotExist, Lesson.DoesNotExist, PermissionDenied (not an author),
    ValidationError with code `too_large`, `unsupported_type`, `empty` or `too_many_uploads`
    (OPEN_SESSIONS_PER_USER unexpired sessions already)."""
    course = video.check_video_upload(
        user=user, slug=slug, lesson_key=lesson_key, filename=filename, size=size
    )
    if size <= 0:
        raise ValidationError(UPLOAD_EMPTY, code="empty")
    open_sessions = VideoUploadSession.objects.filter(user=user, expires_at__gt=timezone.now())
    if open_sessions.count() >= OPEN_SESSIONS_PER_USER:
        raise ValidationError(
            UPLOAD_TOO_MANY % {"count": OPEN_SESSIONS_PER_USER}, code="too_many_uploads"
        )
    session = VideoUploadSession.objects.create(
        course=course,
        lesson_key=lesson_key,
        user=user,
        filename=filename[-255:],
        size=size,
        expires_at=_next_expiry(),
    )
    video_upload_folder().mkdir(parents=True, exist_ok=True)
    _part_path(session.pk).touch()
    return session


def get_video_upload(
    *, user: User, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
) -> VideoUploadSession:
    """The user's own unexpired upload session for this lesson. Raises
    VideoUploadSession.DoesNotExist for one that is unknown, expired, another user's or another
    lesson's alike."""
    return VideoUploadSession.objects.get(
        pk=upload_id,
        user=user,
        course__slug=slug,
        lesson_key=lesson_key,
        expires_at__gt=timezone.now(),
    )


@contextmanager
def _locked_part(upload_id: uuid.UUID) -> Iterator[IO[bytes]]:
    """The partial file open for writing, locked against every other request on this host
    (an advisory lock: a second writer gets a conflict instead of interleaving bytes)."""
    with _part_path(upload_id).open("r+b") as part:
        try:
            fcntl.flock(part.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise _BusyError from error
        try:
            yield part
        finally:
            fcntl.flock(part.fileno(), fcntl.LOCK_UN)


class _BusyError(Exception):
    pass


def append_video_upload_chunk(
    *,
    user: User,
    slug: str,
    lesson_key: uuid.UUID,
    upload_id: uuid.UUID,
    offset: int,
    length: int,
    stream: IO[bytes],
) -> tuple[VideoUploadSession, VideoAsset | None]:
    """Append `length` bytes read from `stream` at `offset`, streamed to the partial file a block
    at a time; when the upload is then complete, hand the assembled file to
    `video.upload_lesson_video` and delete the session. Returns the session (its new offset)
    and the new asset, or None while bytes are missing.

    Bytes that arrived before the stream broke are kept (the offset counts them). A chunk of
    length 0 at the end finishes an upload whose finishing failed before (storage down). Raises
    VideoUploadSession.DoesNotExist (as `get_video_upload`), UploadOffsetConflictError (the offset
    is not the session's, or another request is writing to it), ValidationError with code
    `chunk_too_large` or `past_declared_size`, and what `upload_lesson_video` raises; a file
    refused there (`unsupported_type`) ends the session and its partial file.
    """
    session = get_video_upload(user=user, slug=slug, lesson_key=lesson_key, upload_id=upload_id)
    chunk_limit = settings.VIDEO_UPLOAD_CHUNK_MAX_BYTES
    if length > chunk_limit:
        raise ValidationError(
            UPLOAD_CHUNK_TOO_LARGE % {"limit": chunk_limit // (1024 * 1024)},
            code="chunk_too_large",
        )
    try:
        with _locked_part(session.pk) as part:
            session.refresh_from_db(fields=["offset"])
            if offset != session.offset:
                raise UploadOffsetConflictError(
                    str(UPLOAD_OFFSET_CONFLICT % {"offset": session.offset}),
                    offset=session.offset,
                )
            if offset + length > session.size:
                raise ValidationError(UPLOAD_PAST_DECLARED_SIZE, code="past_declared_size")
            part.seek(offset)
            part.truncate()
            written = _copy(stream, part, length)
            part.flush()
            session.offset = offset + written
            session.expires_at = _next_expiry()
            session.save(update_fields=["offset", "expires_at"])
            if session.offset < session.size:
                return session, None
            return session, _finish(session, user=user, part=part)
    except _BusyError:
        raise UploadOffsetConflictError(str(UPLOAD_BUSY), offset=session.offset) from None


def _copy(stream: IO[bytes], part: IO[bytes], length: int) -> int:
    """Copy up to `length` bytes a block at a time; the count copied before the stream ended
    or broke (a client that went away mid-chunk)."""
    written = 0
    while written < length:
        try:
            block = stream.read(min(_BLOCK_BYTES, length - written))
        except OSError:  # Django's UnreadablePostError: the client disconnected
            break
        if not block:
            break
        part.write(block)
        written += len(block)
    return written


def _finish(session: VideoUploadSession, *, user: User, part: IO[bytes]) -> VideoAsset:
    path = _part_path(session.pk)
    part.seek(0)
    assembled = _AssembledFile(
        part,  # type: ignore[arg-type]
        path=path,
        name=session.filename,
        size=session.size,
    )
    try:
        asset = video.upload_lesson_video(
            user=user,
            slug=session.course.slug,
            lesson_key=session.lesson_key,
            file=assembled,
        )
    except ValidationError:
        _delete(session)
        raise
    _delete(session)
    return asset


def cancel_video_upload(
    *, user: User, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
) -> None:
    """Delete the user's upload session and its partial file. Raises
    VideoUploadSession.DoesNotExist (as `get_video_upload`)."""
    _delete(get_video_upload(user=user, slug=slug, lesson_key=lesson_key, upload_id=upload_id))


def sweep_expired_video_uploads(*, now: datetime | None = None) -> int:
    """Delete expired sessions with their partial files, and partial files that no session
    names and that were not touched for VIDEO_UPLOAD_SESSION_HOURS (left by a crash between
    the two deletes). Safe to run at any time and twice; returns the files deleted."""
    now = now or timezone.now()
    deleted = 0
    for session in VideoUploadSession.objects.filter(expires_at__lte=now).iterator():
        if _part_path(session.pk).exists():
            deleted += 1
        _delete(session)
    folder = video_upload_folder()
    if not folder.is_dir():
        return deleted
    cutoff = (now - timedelta(hours=settings.VIDEO_UPLOAD_SESSION_HOURS)).timestamp()
    live = {pk.hex for pk in VideoUploadSession.objects.values_list("pk", flat=True)}
    for path in folder.glob("*.part"):
        if path.stem not in live and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            deleted += 1
    if deleted:
        logger.info("Deleted %d expired partial video uploads", deleted)
    return deleted
