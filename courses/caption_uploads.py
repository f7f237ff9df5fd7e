"""The authoring check of a lesson's captions: a .vtt file (or edited text) decoded, bounded and
checked line by line, against the measured length of the video the lesson plays.

It stores nothing: the author puts the answered text into the lesson's texts for that language,
and the package save stores it with the other texts (and checks it again), so captions have one
way in and are translated like every other lesson text.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from accounts.models import User
from courses.captions import CaptionProblem, check_captions
from courses.models import Lesson
from courses.packages.schema import MAX_TEXT
from courses.staff import get_course_for_member, require_role
from courses.video_playback import playing_videos

__all__ = ["InvalidCaptionsError", "check_lesson_captions_upload"]

# A captions file is read whole: bounded before it is decoded (four bytes per character at most).
MAX_CAPTION_BYTES = MAX_TEXT * 4

CAPTIONS_TOO_LARGE = gettext_lazy("The captions are longer than %(limit)d characters.")
CAPTIONS_NOT_TEXT = gettext_lazy("This file is not a WebVTT text file in UTF-8.")
CAPTIONS_LANGUAGE_UNKNOWN = gettext_lazy("%(language)s is not one of the course's languages.")
CAPTIONS_NOTHING_SENT = gettext_lazy("Send a .vtt file or the captions' text.")


class InvalidCaptionsError(Exception):
    """The captions have problems; `problems` names each one's line."""

    def __init__(self, problems: list[CaptionProblem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def _read(file: UploadedFile) -> str:
    data = file.read(MAX_CAPTION_BYTES + 1)
    if len(data) > MAX_CAPTION_BYTES:
        raise ValidationError(CAPTIONS_TOO_LARGE % {"limit": MAX_TEXT}, code="too_large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(CAPTIONS_NOT_TEXT, code="not_text") from error


def check_lesson_captions_upload(
    *,
    user: User,
    slug: str,
    lesson_key: uuid.UUID,
    language: str,
    file: UploadedFile | None = None,
    text: str | None = None,
) -> str:
    """The captions of a video lesson in `language`, from `file` (UTF-8, a BOM allowed) or
    `text`, checked; answers the text with LF line breaks, for the author to save with the
    lesson's texts.

    Raises Course.DoesNotExist (unknown or not the user's course), Lesson.DoesNotExist (no video
    lesson with that key), PermissionDenied (not an author), ValidationError (codes `too_large`,
    `not_text`, `language`, `required`) and InvalidCaptionsError listing every problem by line,
    cues starting after the end of the lesson's ready video included.
    """
    course = get_course_for_member(user=user, slug=slug)
    require_role(user=user, course=course, role="author", action="upload captions")
    lesson = (
        Lesson.objects.filter(
            module__version__course=course, key=lesson_key, kind=Lesson.Kind.VIDEO
        )
        .select_related("module__version")
        .order_by("-module__version__number")
        .first()
    )
    if lesson is None:
        raise Lesson.DoesNotExist
    if language not in lesson.module.version.languages:
        raise ValidationError(CAPTIONS_LANGUAGE_UNKNOWN % {"language": language}, code="language")
    if file is not None:
        captions = _read(file)
    elif text is not None:
        captions = text
    else:
        raise ValidationError(CAPTIONS_NOTHING_SENT, code="required")
    captions = captions.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if len(captions) > MAX_TEXT:
        raise ValidationError(CAPTIONS_TOO_LARGE % {"limit": MAX_TEXT}, code="too_large")
    asset = playing_videos(course_id=course.pk, lesson_keys=[lesson_key]).get(lesson_key)
    problems = check_captions(
        captions, length_seconds=asset.duration_seconds if asset is not None else None
    )
    if problems:
        raise InvalidCaptionsError(problems)
    return captions
