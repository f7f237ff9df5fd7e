"""The authoring API of lesson videos: upload a file, follow its transcode."""

import uuid
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import PayloadTooLarge
from courses import api as courses_api
from courses.models import VideoAsset
from courses.serializers.files import FileUploadSerializer
from courses.views.common import NOT_FOUND, UPLOAD_REFUSED, request_user, upload_refusals

# Multipart framing around the file: a request longer than the limit by more is refused unread.
_MULTIPART_ALLOWANCE = 64 * 1024


class LessonVideoStatusSerializer(serializers.Serializer[dict[str, Any]]):
    """The newest upload of a lesson's video and how its transcode goes."""

    state = serializers.ChoiceField(choices=["none", *VideoAsset.State.values])
    stage = serializers.ChoiceField(choices=VideoAsset.Stage.choices, allow_null=True)
    percent = serializers.IntegerField(min_value=0, max_value=100)
    error = serializers.CharField(allow_null=True, help_text="Why it failed, translated.")
    duration_seconds = serializers.FloatField(allow_null=True)
    has_ready_video = serializers.BooleanField(
        help_text="The lesson has a ready video that learners play meanwhile."
    )


class LessonVideoView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="State of a video lesson's newest upload (percent, stage, translated error)",
        responses={200: LessonVideoStatusSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        result = courses_api.lesson_video_status(
            user=request_user(request), slug=slug, lesson_key=lesson_key
        )
        return Response(LessonVideoStatusSerializer(result).data)

    @extend_schema(
        tags=["authoring"],
        summary="Upload a video file (MP4, MOV, MKV, WebM) for a video lesson",
        description="The file is transcoded to HLS in the background; follow it with GET. The "
        "lesson keeps playing its previous video until the new one is ready.",
        request={"multipart/form-data": FileUploadSerializer},
        responses={202: LessonVideoStatusSerializer, **UPLOAD_REFUSED},
    )
    def post(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        limit = settings.VIDEO_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + _MULTIPART_ALLOWANCE:
            raise PayloadTooLarge(
                courses_api.video.VIDEO_TOO_LARGE % {"limit": limit // (1024 * 1024)}
            )
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request_user(request)
        with upload_refusals():
            courses_api.upload_lesson_video(
                user=user, slug=slug, lesson_key=lesson_key, file=serializer.validated_data["file"]
            )
        result = courses_api.lesson_video_status(user=user, slug=slug, lesson_key=lesson_key)
        return Response(LessonVideoStatusSerializer(result).data, status=status.HTTP_202_ACCEPTED)
