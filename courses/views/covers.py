"""Uploading and removing a course's cover picture."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import ErrorSerializer
from courses import api as courses_api
from courses.serializers.catalog import CoverSerializer
from courses.serializers.files import FileUploadSerializer
from courses.views.common import NOT_FOUND, UPLOAD_REFUSED, request_user, upload_refusals


class CourseCoverView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="Set the course's cover picture (JPEG, PNG or WebP, at least 480 × 270)",
        description="Cropped to 16:9 around its centre and written in responsive sizes as AVIF, "
        "WebP and JPEG; the catalog shows it at once, whatever the course's version state.",
        request={"multipart/form-data": FileUploadSerializer},
        responses={200: CoverSerializer, **UPLOAD_REFUSED},
    )
    def put(self, request: Request, slug: str) -> Response:
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with upload_refusals():
            course = courses_api.set_course_cover(
                user=request_user(request), slug=slug, file=serializer.validated_data["file"]
            )
        cover = courses_api.cover_sources(course_id=course.pk, cover=course.cover)
        return Response(CoverSerializer(cover).data)

    @extend_schema(
        tags=["authoring"],
        summary="Remove the course's cover picture",
        responses={204: None, 403: OpenApiResponse(ErrorSerializer), 404: NOT_FOUND},
    )
    def delete(self, request: Request, slug: str) -> Response:
        courses_api.remove_course_cover(user=request_user(request), slug=slug)
        return Response(status=status.HTTP_204_NO_CONTENT)
