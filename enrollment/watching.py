"""Video lessons in progress: watched stretches and the last position, and the transcript read
instead, each applied to the learner's lesson row by the completion rule the author chose."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from courses import api as courses_api
from enrollment import progress
from enrollment.errors import WRONG_LESSON_KIND
from enrollment.models import LessonProgress

__all__ = ["apply_transcript_read", "apply_video_progress"]

CompletedBy = LessonProgress.CompletedBy

MALFORMED_SEGMENTS = gettext_lazy("Give watched segments as [[start, end], …] in seconds.")
MALFORMED_DURATION = gettext_lazy("Give the video's length in seconds, from 1 to 86,400.")
MALFORMED_POSITION = gettext_lazy("Give the position in the video in seconds, from 0.")
TRANSCRIPT_NOT_ACCEPTED = gettext_lazy(
    "This video lesson is completed by watching it; reading its transcript does not complete it."
)
NO_TRANSCRIPT = gettext_lazy("This video lesson has no transcript to read.")

MAX_SEGMENTS = 1000
_MAX_SECONDS = 10**7


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < _MAX_SECONDS
    )


def _require_video(lesson: Any, kind: str) -> None:
    if lesson.kind != "video":
        raise ValidationError(WRONG_LESSON_KIND % {"kind": lesson.kind, "event": kind})


def apply_video_progress(
    lesson: Any,
    state: LessonProgress,
    payload: dict[str, Any],
    now: datetime,
    kind: str,
    outline: courses_api.Outline,
) -> dict[str, Any]:
    """Merge the watched `segments` into the row, keep the reported `position` and length, and
    complete the lesson once the author's share of it is watched. Raises ValidationError for
    a lesson that is not a video and malformed segments, duration or position."""
    _require_video(lesson, kind)
    segments = payload.get("segments")
    if (
        not isinstance(segments, list)
        or len(segments) > MAX_SEGMENTS
        or not all(
            isinstance(segment, list) and len(segment) == 2 and all(map(_is_number, segment))
            for segment in segments
        )
    ):
        raise ValidationError({"segments": [MALFORMED_SEGMENTS]})
    position = payload.get("position")
    if position is not None and not _is_number(position):
        raise ValidationError({"position": [MALFORMED_POSITION]})
    reported = payload.get("duration")
    if reported is not None:
        if (
            not isinstance(reported, int | float)
            or isinstance(reported, bool)
            or not 1 <= reported <= progress.MAX_VIDEO_SECONDS
        ):
            raise ValidationError({"duration": [MALFORMED_DURATION]})
        state.video_length_seconds = max(
            progress.bounded_video_length(
                reported=float(reported), declared_minutes=lesson.duration_minutes
            ),
            state.video_length_seconds or 0.0,
        )
    # A video transcoded here has a length we measured ourselves (ffprobe): it is the truth,
    # whatever the lesson declares or the player reports.
    uploaded = courses_api.playing_videos(
        course_id=outline.course_id, lesson_keys=[uuid.UUID(lesson.key)]
    ).get(uuid.UUID(lesson.key))
    if uploaded is not None and uploaded.duration_seconds:
        state.video_length_seconds = float(uploaded.duration_seconds)
    duration = progress.video_length(
        declared_minutes=lesson.duration_minutes, measured=state.video_length_seconds
    )
    state.watched_segments = progress.merge_segments(
        [*state.watched_segments, *segments], limit=duration
    )
    if position is not None:
        state.video_position_seconds = min(float(position), duration)
    share = Decimal(str(progress.watched_seconds(state.watched_segments) / duration))
    if share >= progress.watched_share(lesson) and state.completed_at is None:
        state.completed_at = now
        state.completed_by = CompletedBy.WATCHING
    return {
        "watched_percent": min(100, int(share * 100)),
        "is_watched": state.completed_at is not None,
        "completed_by": state.completed_by or None,
        "video_length_seconds": duration,
    }


def apply_transcript_read(
    lesson: Any, state: LessonProgress, now: datetime, kind: str
) -> dict[str, Any]:
    """Complete a video lesson whose rule accepts its transcript read instead (the accessible
    path), recorded as completed by the transcript; a lesson completed already stays as it was.
    Raises ValidationError for a lesson that is not a video, whose rule asks for watching, or
    that has no transcript in any language."""
    _require_video(lesson, kind)
    if lesson.video_completion != "watched_or_transcript":
        raise ValidationError(TRANSCRIPT_NOT_ACCEPTED, code="transcript_not_accepted")
    if not any(str(texts.get("transcript", "")).strip() for texts in lesson.translations.values()):
        raise ValidationError(NO_TRANSCRIPT, code="no_transcript")
    if state.completed_at is None:
        state.completed_at = now
        state.completed_by = CompletedBy.TRANSCRIPT
    return {"is_watched": True, "completed_by": state.completed_by or None}
