"""The authoring check of a video lesson's captions: a .vtt file or edited text in, the checked
text or its problems by line out."""

import uuid
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import ErrorSerializer, StrictSerializer
from courses import api as courses_api
from courses.views.common import NOT_FOUND, request_user, too_large_refusals


class CaptionsInputSerializer(StrictSerializer):
    """The captions in one content language: a .vtt `file`, or their `text` as edited."""

    # The platform's languages (the schema's one LanguageEnum), which are the content languages.
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    file = serializers.FileField(required=False, allow_empty_file=False)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)


class CheckedCaptionsSerializer(serializers.Serializer[dict[str, Any]]):
    """Captions that passed every check, to save as the lesson's `captions` text in `language`."""

    language = serializers.CharField()
    vtt = serializers.CharField(allow_blank=True)


class CaptionProblemSerializer(serializers.Serializer[dict[str, Any]]):
    line = serializers.IntegerField(help_text="1-based line of the WebVTT text.")
    message = serializers.CharField(help_text="In the requested language; names the line.")


class CaptionsErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """Captions refused: every problem by line (`problems`), or the request itself (`fields`)."""

    detail = serializers.CharField()
    code = serializers.CharField()
    problems = CaptionProblemSerializer(many=True, required=False)


class LessonCaptionsView(APIView):
    parser_classes = (MultiPartParser, FormParser)

    @extend_schema(
        tags=["authoring"],
        summary="Check a video lesson's captions (a .vtt file or edited text) in one language",
        description="Checks the WebVTT text line by line (header, timings, cue order, end after "
        "start, cues starting after the end of the lesson's ready video) and answers it with LF "
        "line breaks. Stores nothing: save it as the lesson's `captions` text in that language "
        "with the course package, which checks it again. Overlapping cues are allowed.",
        request={"multipart/form-data": CaptionsInputSerializer},
        responses={
            200: CheckedCaptionsSerializer,
            400: OpenApiResponse(CaptionsErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
            413: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        serializer = CaptionsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with too_large_refusals():
                vtt = courses_api.check_lesson_captions_upload(
                    user=request_user(request),
                    slug=slug,
                    lesson_key=lesson_key,
                    language=data["language"],
                    file=data.get("file"),
                    text=data.get("text"),
                )
        except courses_api.InvalidCaptionsError as error:
            return Response(
                {
                    "detail": _("The captions have %(count)d problem(s).")
                    % {"count": len(error.problems)},
                    "code": "invalid_captions",
                    "problems": [
                        {"line": problem.line, "message": problem.message}
                        for problem in error.problems
                    ],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(CheckedCaptionsSerializer({"language": data["language"], "vtt": vtt}).data)
