"""HTTP endpoints of the catalog (public) and of authoring (institution staff)."""

import hashlib
from typing import Any, cast
from urllib.parse import urlencode

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, PayloadTooLarge, paginated
from config.languages import LanguageFilter
from courses import api as courses_api
from courses import catalog_cache
from courses.models import CatalogEntry, Competency, Course, CourseVersion, Level
from courses.serializers import (
    AuthoringCourseDetailSerializer,
    AuthoringCourseSerializer,
    CatalogCourseSerializer,
    CatalogQuerySerializer,
    CompetencySerializer,
    CourseDetailSerializer,
    CoursePackageSerializer,
    DiffSerializer,
    FileUploadSerializer,
    ImportedVersionSerializer,
    InstitutionPageSerializer,
    PackageErrorSerializer,
    ResourceSerializer,
    ReviewCommentInputSerializer,
    ReviewCommentQuerySerializer,
    ReviewCommentSerializer,
    ReviewCommentUpdateSerializer,
    TransitionInputSerializer,
    VersionSummarySerializer,
)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language to answer in (else Accept-Language), as a BCP 47 tag, "
    "case-insensitive (`zh-Hans`, `zh-CN` and `zh` mean `zh-hans`); content falls back to the "
    "course's primary language and says which it served.",
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")


def _requested_language(request: Request) -> str:
    serializer = CatalogQuerySerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return str(serializer.validated_data.get("lang") or getattr(request, "LANGUAGE_CODE", "en"))


def _package_refused(error: courses_api.InvalidPackageError) -> Response:
    return Response(
        {
            "detail": _("The course package has %(count)d problem(s).")
            % {"count": len(error.problems)},
            "code": "invalid_package",
            "problems": [{"location": p.location, "message": p.message} for p in error.problems],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


@extend_schema(tags=["catalog"], parameters=[LANG_PARAMETER])
class CompetencyListView(generics.ListAPIView[Competency]):
    """The intelligent-manufacturing competency framework: domains, then their competencies."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CompetencySerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Competency]:
        return courses_api.list_competencies()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": _requested_language(self.request)}


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts by the terms given, then by course, so equal values never shuffle between pages;
    blank terms (`?ordering=,`) keep the default order instead of dropping all order."""

    def filter(self, qs: QuerySet[CatalogEntry], value: Any) -> QuerySet[CatalogEntry]:
        terms = [self.get_ordering_value(term) for term in value or () if term]
        return qs.order_by(*terms, "course_id") if terms else qs


class CatalogFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text="Words to find, in any language whatever `lang`: every word must occur in "
        "a course's titles, summaries or descriptions (all translations), its competencies' or "
        "their domains' names (all languages) or codes, or its institutions' names; courses "
        "with the words in a title come first unless `ordering` is given.",
    )
    language = LanguageFilter(
        method="filter_language",
        help_text="Courses offered in this language (a BCP 47 tag, case-insensitive).",
    )
    level = django_filters.ChoiceFilter(choices=Level.choices, field_name="version__level")
    competency = django_filters.ModelChoiceFilter(
        queryset=Competency.objects.all(),
        to_field_name="code",
        method="filter_competency",
        help_text="A competency or domain code (a domain includes its competencies).",
    )
    institution = django_filters.CharFilter(
        method="filter_institution", max_length=80, help_text="Owning institution slug."
    )
    country = django_filters.ChoiceFilter(
        choices=list(countries),
        method="filter_country",
        help_text="Country of an owning institution.",
    )
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("version__estimated_hours", "hours"),
            ("version__published_at", "published"),
        ),
    )

    class Meta:
        model = CatalogEntry
        fields: tuple[str, ...] = ()

    def filter_search(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        return courses_api.search_catalog(queryset, text=value)

    def filter_language(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        offered = CatalogEntry.objects.filter(
            course=OuterRef("course"), language=value, served_language=value
        )
        return queryset.filter(Exists(offered))

    def filter_competency(
        self, queryset: QuerySet[CatalogEntry], name: str, value: Competency
    ) -> QuerySet[CatalogEntry]:
        codes = [value.pk, *value.children.values_list("pk", flat=True)]
        through = CourseVersion.competencies.through
        return queryset.filter(
            Exists(
                through.objects.filter(
                    courseversion_id=OuterRef("version_id"), competency_id__in=codes
                )
            )
        )

    def filter_institution(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        through = Course.institutions.through
        return queryset.filter(
            Exists(
                through.objects.filter(course_id=OuterRef("course_id"), organization__slug=value)
            )
        )

    def filter_country(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        through = Course.institutions.through
        return queryset.filter(
            Exists(
                through.objects.filter(course_id=OuterRef("course_id"), organization__country=value)
            )
        )


@extend_schema(tags=["catalog"], parameters=[LANG_PARAMETER])
class CatalogListView(generics.ListAPIView[CatalogEntry]):
    """Published courses: search, filter, sort, paginate. Default order: title."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CatalogCourseSerializer
    filterset_class = CatalogFilter

    def perform_authentication(self, request: Request) -> None:
        """The catalog is the same for everyone: do not look up who asks (a bearer token cost a
        query per request); `request.user` still resolves if anything reads it."""

    def get_queryset(self) -> QuerySet[CatalogEntry]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no real request
            return CatalogEntry.objects.none()
        return courses_api.catalog_entries(language=_requested_language(self.request)).order_by(
            "title", "course_id"
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:  # type: ignore[override]
        # The same for every reader of a language: served from the cache as rendered JSON.
        query = urlencode(sorted(request.query_params.lists()), doseq=True)
        digest = hashlib.sha256(query.encode()).hexdigest()
        page = super().list  # paginated and serialized, on a cache miss only
        body = catalog_cache.cached(
            key=f"list:{_requested_language(request)}:{digest}",
            build=lambda: JSONRenderer().render(page(request).data),
        )
        return HttpResponse(body, content_type="application/json")


class CourseDetailView(APIView):
    permission_classes = (permissions.AllowAny,)

    def perform_authentication(self, request: Request) -> None:
        """The same for everyone, like the catalog: no authentication query."""

    @extend_schema(
        tags=["catalog"],
        parameters=[LANG_PARAMETER],
        summary="A published course with its outline (no lesson content, no answers)",
        responses={200: CourseDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        language = _requested_language(request)

        def build() -> tuple[bytes, str]:
            version = courses_api.get_published_version(slug=slug)
            data = CourseDetailSerializer(CourseDetailSerializer.build(version, language)).data
            return JSONRenderer().render(data), data["served_language"]

        if len(slug) > (Course._meta.get_field("slug").max_length or 0):
            # No course has such a slug; it must not become a cache key either.
            raise NotFound()
        body, served_language = catalog_cache.cached(key=f"detail:{slug}:{language}", build=build)
        response = HttpResponse(body, content_type="application/json")
        response["Content-Language"] = served_language
        return response


class InstitutionDetailView(APIView):
    permission_classes = (permissions.AllowAny,)

    def perform_authentication(self, request: Request) -> None:
        """Public and the same for everyone, like the catalog: no authentication query."""

    @extend_schema(
        tags=["catalog"],
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("page", int, description="Page of courses, from 1."),
            OpenApiParameter(
                "page_size", int, description="Courses per page (default 20, at most 100)."
            ),
        ],
        summary="Public: an institution with its published courses",
        description="The page that credentials and course pages link to. Unknown slugs and "
        "organisations that are not institutions (employers, the coalition) answer 404.",
        responses={200: InstitutionPageSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        institution = accounts_api.get_institution(slug=slug)
        entries = courses_api.institution_catalog_entries(
            institution_id=institution.pk, language=_requested_language(request)
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        courses = paginator.get_paginated_response(page).data
        data = {
            "slug": institution.slug,
            "name": institution.name,
            "country": str(institution.country),  # the ISO code
            "website": institution.website or None,
            "logo": institution.logo or None,
            "courses": courses,
        }
        return Response(InstitutionPageSerializer(data, context={"request": request}).data)


# --- authoring ----------------------------------------------------------------------------------


def _user(request: Request) -> User:
    return cast(User, request.user)


class AuthoringCourseListView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Courses of the institutions I am a member of",
        responses={200: AuthoringCourseSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        courses = courses_api.list_courses_for_member(user=_user(request))
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
            version = courses_api.import_course_package(user=_user(request), data=request.data)
        except courses_api.InvalidPackageError as error:
            return _package_refused(error)
        return Response(ImportedVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class AuthoringCourseDetailView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="A course of mine: versions, history, completeness",
        responses={200: AuthoringCourseDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=_user(request), slug=slug)
        context = {"request": request}
        return Response(AuthoringCourseDetailSerializer(course, context=context).data)


class CoursePackageView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Export a version as a course package",
        parameters=[
            OpenApiParameter(
                "version",
                int,
                description="Version number; default: the working version, else the latest.",
            )
        ],
        responses={200: CoursePackageSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=_user(request), slug=slug)
        version = _version_from_query(request, course)
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
        courses_api.get_course_for_member(user=_user(request), slug=slug)
        course_spec = request.data.get("course") if isinstance(request.data, dict) else None
        if not isinstance(course_spec, dict) or course_spec.get("slug") != slug:
            raise ValidationError({"course.slug": [_("Must match the course in the URL.")]})
        try:
            version = courses_api.import_course_package(user=_user(request), data=request.data)
        except courses_api.InvalidPackageError as error:
            return _package_refused(error)
        return Response(VersionSummarySerializer(version).data)


class CourseTransitionView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Workflow: submit, approve, request_changes, publish, archive",
        description="submit (author): draft → in_review; approve (reviewer, not the submitter): "
        "in_review → approved; request_changes (reviewer): in_review/approved → draft; publish "
        "(approver): approved → published, archiving the previous published version; archive "
        "(approver): published → archived.",
        request=TransitionInputSerializer,
        responses={
            200: VersionSummarySerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = courses_api.transition_version(
            user=_user(request),
            slug=slug,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(VersionSummarySerializer(version).data)


class CourseDiffView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="What the working version changes against the published one",
        responses={200: DiffSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=_user(request), slug=slug)
        return Response(DiffSerializer(courses_api.diff_against_published(course=course)).data)


def _version_from_query(request: Request, course: Course) -> CourseVersion:
    number = request.query_params.get("version")
    versions = course.versions.order_by("-number")
    if number is not None:
        if not number.isdigit() or len(number) > 6:
            raise ValidationError({"version": [_("A whole number is required.")]})
        version = versions.filter(number=int(number)).first()
    else:
        version = courses_api.working_version(course=course) or versions.first()
    if version is None:
        raise NotFound()
    return version


class CourseArchiveView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Export a version as a zip: course.json and its resource files",
        parameters=[
            OpenApiParameter(
                "version",
                int,
                description="Version number; default: the working version, else the latest.",
            )
        ],
        responses={(200, "application/zip"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        course = courses_api.get_course_for_member(user=_user(request), slug=slug)
        version = _version_from_query(request, course)
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
        try:
            if content.startswith(b"PK"):
                version = courses_api.import_course_archive(user=_user(request), data=content)
            else:
                version = courses_api.import_course_package(
                    user=_user(request), data=courses_api.packages.parse_package_json(content)
                )
        except courses_api.InvalidPackageError as error:
            return _package_refused(error)
        return Response(ImportedVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class CourseResourceView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["authoring"],
        summary="Upload a file for a resource lesson (PDF, images, text, CSV, Office)",
        request={"multipart/form-data": FileUploadSerializer},
        responses={
            201: ResourceSerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
            413: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = FileUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            resource = courses_api.upload_resource(
                user=_user(request), slug=slug, file=serializer.validated_data["file"]
            )
        except DjangoValidationError as error:
            if error.code == "too_large":
                raise PayloadTooLarge(error.messages[0]) from error
            raise
        return Response(ResourceSerializer(resource).data, status=status.HTTP_201_CREATED)


# --- review comments ----------------------------------------------------------------------------


def _comment_context(
    request: Request, comments: list[Any], language: str | None = None
) -> dict[str, Any]:
    language = language or str(getattr(request, "LANGUAGE_CODE", "en"))
    return {
        "user_id": request.user.pk,
        "lesson_titles": courses_api.lesson_titles(comments=comments, language=language),
    }


class ReviewCommentListView(APIView):
    @extend_schema(
        tags=["authoring"],
        operation_id="authoring_courses_comments_list",
        summary="Review comments on a course, oldest first",
        description="For every member of an owning institution. Each comment is about one "
        "lesson (`lesson`, its stable key, as in the diff) of one version, or about the whole "
        "version (`lesson` null). Lesson titles are in `lang` (else Accept-Language), falling "
        "back to the version's primary language.",
        parameters=[ReviewCommentQuerySerializer],
        responses={
            200: paginated(ReviewCommentSerializer, name="PaginatedReviewCommentList"),
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        query = ReviewCommentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        comments = courses_api.list_review_comments(
            user=_user(request),
            slug=slug,
            version_number=filters.get("version"),
            lesson_key=filters.get("lesson"),
            is_resolved=filters.get("is_resolved"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(comments, request, view=self) or []
        context = _comment_context(request, page, filters.get("lang"))
        return paginator.get_paginated_response(
            ReviewCommentSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        tags=["authoring"],
        summary="Comment on a lesson of a version, or on the whole version",
        description="Authors, reviewers and approvers of an owning institution. `version` "
        "defaults to the working version (else the latest); `lesson` must be a lesson of it.",
        request=ReviewCommentInputSerializer,
        responses={
            201: ReviewCommentSerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = ReviewCommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = courses_api.add_review_comment(
            user=_user(request),
            slug=slug,
            body=data["body"],
            lesson_key=data["lesson"],
            version_number=data["version"],
        )
        return Response(
            ReviewCommentSerializer(comment, context=_comment_context(request, [comment])).data,
            status=status.HTTP_201_CREATED,
        )


class ReviewCommentDetailView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Resolve a review comment, or open it again (idempotent)",
        request=ReviewCommentUpdateSerializer,
        responses={
            200: ReviewCommentSerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, slug: str, comment_id: int) -> Response:
        serializer = ReviewCommentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = courses_api.set_review_comment_resolved(
            user=_user(request),
            slug=slug,
            comment_id=comment_id,
            is_resolved=serializer.validated_data["is_resolved"],
        )
        return Response(
            ReviewCommentSerializer(comment, context=_comment_context(request, [comment])).data
        )
