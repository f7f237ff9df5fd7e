"""The authoring API of resumable lesson-video uploads: start, send chunks, ask, cancel.

POST .../video/uploads starts a session (name and size, refused early); PATCH .../<id> sends
the chunk at `Upload-Offset` as `application/offset+octet-stream` (the body is streamed to disk,
never parsed); HEAD or GET tells the offset after an interruption; DELETE cancels. A chunk at
the wrong offset answers 409 with the right one, in the body and in `Upload-Offset`.
"""

import io
import uuid
from typing import IO, Any, cast

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import BaseParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer
from courses import api as courses_api
from courses.models import VideoAsset, VideoUploadSession
from courses.views.common import NOT_FOUND, UPLOAD_REFUSED, request_user, upload_refusals
from courses.views.video import LessonVideoStatusSerializer

CHUNK_MEDIA_TYPE = "application/offset+octet-stream"
HEADERS_REQUIRED = gettext_lazy("Upload-Offset and Content-Length are required.")
_TOO_LARGE_CODES = frozenset({"too_large", "chunk_too_large", "past_declared_size"})


class _ChunkParser(BaseParser):
    """Names the chunk's media type for content negotiation and the schema; the view reads the
    body as a stream itself, so this never parses (which would hold a chunk in memory)."""

    media_type = CHUNK_MEDIA_TYPE

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raise exceptions.UnsupportedMediaType(media_type)


class VideoUploadStartSerializer(serializers.Serializer[dict[str, Any]]):
    filename = serializers.CharField(max_length=255, help_text="The file's name (its extension).")
    size = serializers.IntegerField(min_value=1, help_text="The whole file's size in bytes.")


class VideoUploadSerializer(serializers.Serializer[dict[str, Any]]):
    """A resumable upload: how far it got and, once complete, the video's transcode status."""

    id = serializers.UUIDField()
    filename = serializers.CharField()
    size = serializers.IntegerField()
    offset = serializers.IntegerField(help_text="Bytes the server holds; the next chunk's start.")
    expires_at = serializers.DateTimeField()
    is_complete = serializers.BooleanField()
    video = LessonVideoStatusSerializer(
        allow_null=True, help_text="The lesson video's status once the last byte arrived."
    )


class UploadConflictSerializer(serializers.Serializer[dict[str, Any]]):
    detail = serializers.CharField()
    code = serializers.CharField()
    offset = serializers.IntegerField()


def _answer(
    session: VideoUploadSession, *, video: dict[str, Any] | None = None, code: int = 200
) -> Response:
    data = VideoUploadSerializer(
        {
            "id": session.pk,
            "filename": session.filename,
            "size": session.size,
            "offset": session.offset,
            "expires_at": session.expires_at,
            "is_complete": session.offset >= session.size,
            "video": video,
        }
    ).data
    return Response(data, status=code, headers=_offset_headers(session))


def _offset_headers(session: VideoUploadSession) -> dict[str, str]:
    return {
        "Upload-Offset": str(session.offset),
        "Upload-Length": str(session.size),
        "Cache-Control": "no-store",
    }


class VideoUploadListView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Start a resumable upload of a lesson video",
        description="Refused at once when the declared size is over VIDEO_MAX_MB or the name "
        "is not .mp4, .m4v, .mov, .mkv or .webm. Then PATCH the chunks to the upload.",
        request=VideoUploadStartSerializer,
        responses={201: VideoUploadSerializer, **UPLOAD_REFUSED},
    )
    def post(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        serializer = VideoUploadStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with upload_refusals(too_large=_TOO_LARGE_CODES):
            session = courses_api.start_video_upload(
                user=request_user(request),
                slug=slug,
                lesson_key=lesson_key,
                **serializer.validated_data,
            )
        response = _answer(session, code=status.HTTP_201_CREATED)
        response["Location"] = f"{request.path.rstrip('/')}/{session.pk}"
        return response


_OFFSET_HEADER = OpenApiParameter(
    "Upload-Offset",
    OpenApiTypes.INT,
    OpenApiParameter.HEADER,
    required=True,
    description="Where this chunk starts: the upload's current offset.",
)


class VideoUploadDetailView(APIView):
    parser_classes = (_ChunkParser,)

    def _session(self, request: Request, **kwargs: Any) -> VideoUploadSession:
        return courses_api.get_video_upload(user=request_user(request), **kwargs)

    def head(
        self, request: Request, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
    ) -> Response:
        session = self._session(request, slug=slug, lesson_key=lesson_key, upload_id=upload_id)
        return Response(headers=_offset_headers(session))

    @extend_schema(
        tags=["authoring"],
        summary="How far a resumable video upload got (HEAD answers the same in headers)",
        responses={200: VideoUploadSerializer, 404: NOT_FOUND},
    )
    def get(
        self, request: Request, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
    ) -> Response:
        return _answer(
            self._session(request, slug=slug, lesson_key=lesson_key, upload_id=upload_id)
        )

    @extend_schema(
        tags=["authoring"],
        summary="Send the next chunk of a resumable video upload",
        description=f"The body is the chunk's bytes ({CHUNK_MEDIA_TYPE}, at most "
        "VIDEO_UPLOAD_CHUNK_MAX_MB), starting at `Upload-Offset`. Bytes received before a "
        "connection broke are kept: ask for the offset and go on from there. The last chunk "
        "hands the file to the transcode (`video` in the answer); an empty chunk at the end "
        "retries that.",
        parameters=[_OFFSET_HEADER],
        request={CHUNK_MEDIA_TYPE: OpenApiTypes.BINARY},
        responses={
            200: VideoUploadSerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
            409: OpenApiResponse(UploadConflictSerializer, description="Not at the offset"),
            413: OpenApiResponse(ErrorSerializer),
            503: OpenApiResponse(ErrorSerializer),
            415: OpenApiResponse(ErrorSerializer),
        },
    )
    def patch(
        self, request: Request, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
    ) -> Response:
        user = request_user(request)
        # Someone else's or an unknown upload is a 404 before anything about the request is said.
        self._session(request, slug=slug, lesson_key=lesson_key, upload_id=upload_id)
        if request.content_type.split(";")[0].strip() != CHUNK_MEDIA_TYPE:
            raise exceptions.UnsupportedMediaType(request.content_type)
        try:
            offset = int(request.headers["Upload-Offset"])
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except (KeyError, ValueError) as error:
            raise exceptions.ParseError(HEADERS_REQUIRED) from error
        if offset < 0 or length < 0:
            raise exceptions.ParseError(HEADERS_REQUIRED)
        stream = cast(IO[bytes], request.stream if length else io.BytesIO())
        with upload_refusals(too_large=_TOO_LARGE_CODES):
            try:
                session, asset = courses_api.append_video_upload_chunk(
                    user=user,
                    slug=slug,
                    lesson_key=lesson_key,
                    upload_id=upload_id,
                    offset=offset,
                    length=length,
                    stream=stream,
                )
            except courses_api.UploadOffsetConflictError as conflict:
                return Response(
                    {
                        "detail": conflict.message,
                        "code": "offset_conflict",
                        "offset": conflict.offset,
                    },
                    status=status.HTTP_409_CONFLICT,
                    headers={"Upload-Offset": str(conflict.offset), "Cache-Control": "no-store"},
                )
        video = _video_status(user, asset, slug=slug, lesson_key=lesson_key)
        return _answer(session, video=video)

    @extend_schema(
        tags=["authoring"],
        summary="Cancel a resumable video upload and delete what it received",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(
        self, request: Request, slug: str, lesson_key: uuid.UUID, upload_id: uuid.UUID
    ) -> Response:
        courses_api.cancel_video_upload(
            user=request_user(request), slug=slug, lesson_key=lesson_key, upload_id=upload_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _video_status(
    user: User, asset: VideoAsset | None, *, slug: str, lesson_key: uuid.UUID
) -> dict[str, Any] | None:
    if asset is None:
        return None
    return courses_api.lesson_video_status(user=user, slug=slug, lesson_key=lesson_key)
