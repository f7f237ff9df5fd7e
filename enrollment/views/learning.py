"""Learners studying: learning events, exact progress, a lesson to study, quiz attempts."""

import uuid
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.cache import read_ahead
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from enrollment.serializers.learning import (
    EventInputSerializer,
    EventResultSerializer,
    LessonContentSerializer,
    ProgressSerializer,
    QuizAttemptSerializer,
)
from enrollment.views.common import INVALID, NOT_FOUND, request_language, request_user


class EventView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Record a learning event (idempotent by its client-generated id)",
        description="Kinds: lesson_opened, lesson_completed (text and resource lessons), "
        "video_progress (`segments`, `position` to resume at, and `duration`, the video's real "
        "length, when the player knows it; the server marks the video watched at the lesson's "
        "`video_watched_percent` (default 90 %) of that length, believed within the declared "
        "minutes ± a quarter, at least a minute, never under half; the length ffprobe measured "
        "wins for a video transcoded here), transcript_read (video lessons whose "
        "`video_completion` is `watched_or_transcript` and that have a transcript: completed by "
        "the transcript), quiz_submitted (`answers`; graded on the server). Replaying an id "
        "returns the stored result.",
        request=EventInputSerializer,
        responses={200: EventResultSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        payload = {
            name: data[name]
            for name in ("segments", "duration", "position", "answers")
            if name in data
        }
        result = enrollment_api.record_event(
            user=request_user(request),
            enrollment_id=enrollment_id,
            event_id=data["id"],
            kind=data["kind"],
            lesson_key=data["lesson"],
            payload=payload,
            language=request_language(request),
        )
        return Response(result)


class ProgressView(APIView):
    # With a bearer token, the cached answer is read in the token's round trip (one in all).
    def authentication_prefetch_names(self, request: Request) -> list[str]:
        return enrollment_api.progress_cache_names(
            enrollment_id=self.kwargs["enrollment_id"], language=request_language(request)
        )

    @extend_schema(
        tags=["enrollment"],
        summary="Exact progress and what is still missing",
        responses={200: ProgressSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        # The api's answer is already in ProgressSerializer's shape (a test holds them equal):
        # serializing it again cost a fifth of this hot request.
        return Response(
            enrollment_api.get_progress(
                user=request_user(request),
                enrollment_id=enrollment_id,
                language=request_language(request),
                prefetched=read_ahead(request),
            )
        )


class LessonContentView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="A lesson to study (quiz without answer keys)",
        responses={200: LessonContentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int, lesson_key: Any) -> Response:
        try:
            content = enrollment_api.get_lesson_content(
                user=request_user(request),
                enrollment_id=enrollment_id,
                lesson_key=lesson_key,
                language=request_language(request),
            )
        except KeyError as error:
            raise Enrollment.DoesNotExist from error
        return Response(LessonContentSerializer(content).data)


class QuizAttemptView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Start an attempt at a quiz lesson (or answer the one running)",
        description="Answers to a quiz (`quiz_submitted`) are accepted only for an attempt "
        "started here; the server times it from now. A timed attempt not handed in by `ends_at` "
        "(plus a minute's grace) is refused and counts as used, with a score of 0.",
        request=None,
        responses={200: QuizAttemptSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int, lesson_key: uuid.UUID) -> Response:
        attempt = enrollment_api.start_quiz_attempt(
            user=request_user(request),
            enrollment_id=enrollment_id,
            lesson_key=lesson_key,
            language=request_language(request),
        )
        return Response(QuizAttemptSerializer(attempt).data)
