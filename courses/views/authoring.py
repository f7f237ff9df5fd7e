"""Authoring endpoints for institution staff: their courses, and course packages and archives
in (imports, the draft replaced) and out (exports)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import ErrorSerializer, PayloadTooLarge
from courses import api as courses_api
from courses.serializers.authoring import (
    AuthoringCourseDetailSerializer,
    AuthoringCourseSerializer,
    ImportedVersionSerializer,
    VersionSummarySerializer,
)
from courses.serializers.files import FileUploadSerializer
from courses.serializers.package import CoursePackageSerializer, PackageErrorSerializer
from courses.views.common import (
    NOT_FOUND,
    VERSION_PARAMETER,
    package_refused,
    request_user,
    version_from_query,
)


class AuthoringCourseListView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Courses of the institutions I am a member of",
        responses={200: AuthoringCourseSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        courses = courses_api.list_courses_for_member(user=request_user(request))
        return Response(AuthoringCourseSerializer(courses, many=True).data)

    @extend_schema(
        tags=["authoring"],
        summary="Import a course package: a new course, or a new draft of one of mine",
        description="Body: an `icim-course/1` package (see courses/data/FORMAT.md). Every "
        "problem is reported with its location; on any problem nothing is written.",
        request=CoursePackageSerializer,
        responses={
            201: ImportedVersionSerializer,
            400: OpenApiResponse(PackageErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        try:
            version = courses_api.import_course_package(
                user=request_user(request), data=request.data
            )
        except courses_api.InvalidPackageError as error:
            return package_refused(error)
        return Response(ImportedVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class AuthoringCourseDetailView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="A course of mine: versions, history, completeness",
        responses={200: AuthoringCourseDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=request_user(request), slug=slug)
        context = {"request": request}
        return Response(AuthoringCourseDetailSerializer(course, context=context).data)


class CoursePackageView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Export a version as a course package",
        parameters=[VERSION_PARAMETER],
        responses={200: CoursePackageSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=request_user(request), slug=slug)
        version = version_from_query(request, course)
        package = courses_api.export_course_package(version=version)
        response = Response(package)
        response["Content-Disposition"] = (
            f'attachment; filename="{course.slug}-v{version.number}.json"'
        )
        return response

    @extend_schema(
        tags=["authoring"],
        summary="Replace the draft's content with a package (creates a draft if needed)",
        request=CoursePackageSerializer,
        responses={
            200: VersionSummarySerializer,
            400: OpenApiResponse(PackageErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def put(self, request: Request, slug: str) -> Response:
        courses_api.get_course_for_member(user=request_user(request), slug=slug)
        course_spec = request.data.get("course") if isinstance(request.data, dict) else None
        if not isinstance(course_spec, dict) or course_spec.get("slug") != slug:
            raise ValidationError({"course.slug": [_("Must match the course in the URL.")]})
        try:
            version = courses_api.import_course_package(
                user=request_user(request), data=request.data
            )
        except courses_api.InvalidPackageError as error:
            return package_refused(error)
        return Response(VersionSummarySerializer(version).data)


class CourseArchiveView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Export a version as a zip: course.json and its resource files",
        parameters=[VERSION_PARAMETER],
        responses={(200, "application/zip"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        course = courses_api.get_course_for_member(user=request_user(request), slug=slug)
        version = version_from_query(request, course)
        response = HttpResponse(
            courses_api.export_course_archive(version=version), content_type="application/zip"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{course.slug}-v{version.number}.zip"'
        )
        return response


class CourseImportView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="Import a course package file (.json, or .zip with resources/)",
        description="Nothing is written unless the whole file is valid; every problem is "
        "listed with its location (an archive entry or a path in course.json).",
        request={"multipart/form-data": FileUploadSerializer},
        responses={
            201: ImportedVersionSerializer,
            400: OpenApiResponse(PackageErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            413: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > courses_api.archives.MAX_TOTAL_BYTES:
            raise PayloadTooLarge()
        content = upload.read()
        user = request_user(request)
        try:
            if content.startswith(b"PK"):
                version = courses_api.import_course_archive(user=user, data=content)
            else:
                version = courses_api.import_course_package(
                    user=user, data=courses_api.packages.parse_package_json(content)
                )
        except courses_api.InvalidPackageError as error:
            return package_refused(error)
        return Response(ImportedVersionSerializer(version).data, status=status.HTTP_201_CREATED)
