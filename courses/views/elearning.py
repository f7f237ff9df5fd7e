"""The authoring API of package lessons: upload a SCORM or cmi5 zip, read what was found."""

import uuid

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import PayloadTooLarge
from courses import api as courses_api
from courses.serializers.elearning import PackageRefusalSerializer, PackageReportSerializer
from courses.serializers.files import FileUploadSerializer
from courses.views.common import NOT_FOUND, UPLOAD_REFUSED, request_user, upload_refusals

# Multipart framing around the file: a request longer than the limit by more is refused unread.
_MULTIPART_ALLOWANCE = 64 * 1024


class LessonPackageView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="The newest upload of a package lesson: what was found, its problems, its state",
        responses={200: PackageReportSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        report = courses_api.lesson_package_report(
            user=request_user(request), slug=slug, lesson_key=lesson_key
        )
        return Response(PackageReportSerializer(report).data)

    @extend_schema(
        tags=["authoring"],
        summary="Upload a SCORM 1.2, SCORM 2004 or cmi5 package (zip) for a package lesson",
        description="The zip's listing and manifest are checked at once (refused: 400 with every "
        "problem); the accepted package is unpacked into storage in the background: follow it "
        "with GET. The lesson keeps playing its previous package until the new one is ready.",
        request={"multipart/form-data": FileUploadSerializer},
        responses={
            202: PackageReportSerializer,
            **UPLOAD_REFUSED,
            400: OpenApiResponse(PackageRefusalSerializer),
        },
    )
    def post(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        limit = settings.PACKAGE_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit + _MULTIPART_ALLOWANCE:
            raise PayloadTooLarge(
                courses_api.elearning.PACKAGE_TOO_LARGE % {"limit": limit // (1024 * 1024)}
            )
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request_user(request)
        try:
            with upload_refusals():
                package = courses_api.upload_lesson_package(
                    user=user,
                    slug=slug,
                    lesson_key=lesson_key,
                    file=serializer.validated_data["file"],
                )
        except courses_api.PackageRefusedError as refused:
            problems = courses_api.elearning.problem_messages(
                [
                    {"code": problem.code, "path": problem.path, "params": problem.params}
                    for problem in refused.problems
                ]
            )
            detail = courses_api.elearning.PACKAGE_REFUSED % {"count": len(problems)}
            return Response(
                PackageRefusalSerializer(
                    {"detail": str(detail), "code": "package_refused", "problems": problems}
                ).data,
                status=status.HTTP_400_BAD_REQUEST,
            )
        report = courses_api.elearning.package_report(package)
        return Response(PackageReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)
