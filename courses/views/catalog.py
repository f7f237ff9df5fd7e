"""Public endpoints: the competency framework, the catalog, a course's page, an institution's
page. The same for every reader, so none of them looks up who asks."""

import uuid
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import HttpResponse
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import PageNumberPagination
from config.languages import LanguageFilter
from courses import api as courses_api
from courses.models import CatalogEntry, Competency, Level, Standard
from courses.serializers.catalog import (
    CatalogCourseSerializer,
    CompetencySerializer,
    CourseDetailSerializer,
    InstitutionPageSerializer,
    PreviewLessonSerializer,
    StandardSerializer,
)
from courses.views.common import LANG_PARAMETER, NOT_FOUND, requested_language


@extend_schema(tags=["catalog"], parameters=[LANG_PARAMETER])
class CompetencyListView(generics.ListAPIView[Competency]):
    """The intelligent-manufacturing competency framework: domains, then their competencies."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CompetencySerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Competency]:
        return courses_api.list_competencies()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": requested_language(self.request)}


@extend_schema(tags=["catalog"], parameters=[LANG_PARAMETER])
class StandardListView(generics.ListAPIView[Standard]):
    """The standards competencies and case studies are tagged with (IEC 62443, ISA-95, …)."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = StandardSerializer
    pagination_class = None  # a short, curated list

    def get_queryset(self) -> QuerySet[Standard]:
        return courses_api.list_standards()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": requested_language(self.request)}


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
    standard = django_filters.ModelChoiceFilter(
        queryset=Standard.objects.all(),
        to_field_name="code",
        method="filter_standard",
        help_text="A standard code (e.g. `IEC 62443`): courses developing a competency tagged "
        "with it.",
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
        return courses_api.filter_entries_by_language(queryset, language=value)

    def filter_competency(
        self, queryset: QuerySet[CatalogEntry], name: str, value: Competency
    ) -> QuerySet[CatalogEntry]:
        return courses_api.filter_entries_by_competency(queryset, competency=value)

    def filter_standard(
        self, queryset: QuerySet[CatalogEntry], name: str, value: Standard
    ) -> QuerySet[CatalogEntry]:
        return courses_api.filter_entries_by_standard(queryset, standard=value)

    def filter_institution(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        return courses_api.filter_entries_by_institution(queryset, slug=value)

    def filter_country(
        self, queryset: QuerySet[CatalogEntry], name: str, value: str
    ) -> QuerySet[CatalogEntry]:
        return courses_api.filter_entries_by_country(queryset, country=value)


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
        return courses_api.catalog_entries(language=requested_language(self.request)).order_by(
            "title", "course_id"
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:  # type: ignore[override]
        # The same for every reader of a language: served from the cache as rendered JSON.
        page = super().list  # paginated and serialized, on a cache miss only
        body = courses_api.cached_catalog_page(
            language=requested_language(request),
            query=request.query_params.lists(),
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
        language = requested_language(request)

        def build() -> tuple[bytes, str]:
            version = courses_api.get_published_version(slug=slug)
            data = CourseDetailSerializer(CourseDetailSerializer.build(version, language)).data
            return JSONRenderer().render(data), data["served_language"]

        body, served_language = courses_api.cached_course_detail(
            slug=slug, language=language, build=build
        )
        response = HttpResponse(body, content_type="application/json")
        response["Content-Language"] = served_language
        return response


class PreviewLessonView(APIView):
    permission_classes = (permissions.AllowAny,)

    def perform_authentication(self, request: Request) -> None:
        """The same for everyone: no authentication query."""

    @extend_schema(
        tags=["catalog"],
        parameters=[LANG_PARAMETER],
        summary="Public: a preview lesson of a published course",
        description="A lesson its authors marked as a preview (`is_preview` in the course's "
        "outline), for anyone, signed in or not: text, video (its playlist, segments and poster "
        "are served to anyone too) and transcript. Other lessons, unknown courses and lessons "
        "answer 404.",
        responses={200: PreviewLessonSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str, lesson_key: uuid.UUID) -> Response:
        content = courses_api.get_preview_lesson(
            slug=slug, lesson_key=str(lesson_key), language=requested_language(request)
        )
        response = Response(PreviewLessonSerializer(content).data)
        response["Content-Language"] = content["served_language"]
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
            institution_id=institution.pk, language=requested_language(request)
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
