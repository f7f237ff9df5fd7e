"""The authoring API of imports and exports in other formats: thin views over `interchange.api`."""

import uuid
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer, PayloadTooLarge
from courses import api as courses_api
from interchange import api as interchange_api
from interchange.serializers import CourseImportSerializer, CourseImportUploadSerializer

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
# Multipart framing around the file: a request longer than the limit by more is refused unread.
_MULTIPART_ALLOWANCE = 64 * 1024


def _user(request: Request) -> User:
    return cast(User, request.user)


class CourseImportsView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="Upload a Common Cartridge (.imscc), a Moodle backup (.mbz) or an Open edX OLX "
        "export (.tar.gz) to import as a new draft course",
        description="The file is kept and analysed in the background: follow the import "
        "with GET until it is `ready` (its fidelity report shows what will be imported) or "
        "`failed`, then confirm it. Only authors of the institution may import.",
        request={"multipart/form-data": CourseImportUploadSerializer},
        responses={
            202: CourseImportSerializer,
            400: OpenApiResponse(ErrorSerializer),
            413: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        limit = settings.IMPORT_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + _MULTIPART_ALLOWANCE:
            raise PayloadTooLarge()
        serializer = CourseImportUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            job = interchange_api.start_course_import(
                user=_user(request),
                organisation=serializer.validated_data["organisation"],
                file=serializer.validated_data["file"],
            )
        except DjangoValidationError as error:
            if error.code == "too_large":
                raise PayloadTooLarge(error.messages[0]) from error
            raise
        return Response(CourseImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class CourseImportView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="An import's state, progress (stage, items) and fidelity report",
        responses={200: CourseImportSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, import_id: uuid.UUID) -> Response:
        job = interchange_api.get_course_import_for_user(user=_user(request), import_id=import_id)
        return Response(CourseImportSerializer(job).data)


class CourseImportConfirmView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Confirm an analysed import: it is written as a draft course in the background",
        request=None,
        responses={
            202: CourseImportSerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, import_id: uuid.UUID) -> Response:
        job = interchange_api.confirm_course_import(user=_user(request), import_id=import_id)
        return Response(CourseImportSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class CourseCartridgeView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Export a version as IMS Common Cartridge 1.3 (.imscc) with QTI 1.2 quizzes",
        parameters=[
            OpenApiParameter(
                "version",
                int,
                description="The version number (default: the working one, else the latest).",
            )
        ],
        responses={
            (200, "application/zip"): OpenApiTypes.BINARY,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        course = courses_api.get_course_for_member(user=_user(request), slug=slug)
        number = request.query_params.get("version")
        if number is not None and (not number.isdigit() or len(number) > 6):
            raise ValidationError({"version": ["A whole number is required."]})
        version = courses_api.get_course_version(
            course=course, number=int(number) if number is not None else None
        )
        response = HttpResponse(
            interchange_api.export_common_cartridge(version=version),
            content_type="application/zip",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{course.slug}-v{version.number}.imscc"'
        )
        return response
