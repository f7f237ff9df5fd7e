"""HTTP endpoints of the best-practice library: the public library and its search, and
authoring and review for the publishing organisations' staff."""

from typing import Any

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, parsers, permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import ErrorSerializer, PageNumberPagination, paginated
from config.languages import LanguageField
from practices import api as practices_api
from practices.models import CaseStudy
from practices.serializers import (
    AuthoringCaseStudySerializer,
    AuthoringListItemSerializer,
    CaseStudyAttachmentSerializer,
    CaseStudyDetailSerializer,
    CaseStudyInputSerializer,
    CaseStudyListItemSerializer,
    CaseStudyTransitionInputSerializer,
    CreateCaseStudySerializer,
)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language to answer in (else Accept-Language); texts fall back to the case "
    "study's primary language (`served_language`).",
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")


def _language(request: Request) -> str:
    value = request.query_params.get("lang")
    if value:
        return str(LanguageField().run_validation(value))
    return str(getattr(request, "LANGUAGE_CODE", "en"))


class LibraryFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text="Words to find in any language (the catalog's search): titles, texts, "
        "standards, competencies, organisation.",
    )
    standard = django_filters.CharFilter(
        method="filter_standard",
        max_length=40,
        help_text="A standard code: case studies tagged with it or with a competency that "
        "concerns it.",
    )
    competency = django_filters.CharFilter(
        method="filter_competency",
        max_length=20,
        help_text="A competency or domain code (a domain includes its competencies).",
    )
    sector = django_filters.ChoiceFilter(choices=CaseStudy.Sector.choices)
    country = django_filters.ChoiceFilter(choices=list(countries))

    class Meta:
        model = CaseStudy
        fields: tuple[str, ...] = ()

    def filter_search(
        self, queryset: QuerySet[CaseStudy], name: str, value: str
    ) -> QuerySet[CaseStudy]:
        return practices_api.search_case_studies(queryset, text=value)

    def filter_standard(
        self, queryset: QuerySet[CaseStudy], name: str, value: str
    ) -> QuerySet[CaseStudy]:
        return practices_api.filter_by_standard(queryset, code=value)

    def filter_competency(
        self, queryset: QuerySet[CaseStudy], name: str, value: str
    ) -> QuerySet[CaseStudy]:
        return practices_api.filter_by_competency(queryset, code=value)


@extend_schema(tags=["practices"], parameters=[LANG_PARAMETER])
class LibraryListView(generics.ListAPIView[CaseStudy]):
    """Published case studies, newest first: search and filter as the course catalog does."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = CaseStudyListItemSerializer
    filterset_class = LibraryFilter

    def perform_authentication(self, request: Request) -> None:
        """The same for every reader: no authentication query."""

    def get_queryset(self) -> QuerySet[CaseStudy]:
        return practices_api.published_case_studies()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": _language(self.request)}


class LibraryDetailView(APIView):
    permission_classes = (permissions.AllowAny,)

    def perform_authentication(self, request: Request) -> None:
        """The same for every reader: no authentication query."""

    @extend_schema(
        tags=["practices"],
        parameters=[LANG_PARAMETER],
        summary="A published case study",
        responses={200: CaseStudyDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        case_study = practices_api.get_published_case_study(slug=slug)
        context = {"language": _language(request)}
        response = Response(CaseStudyDetailSerializer(case_study, context=context).data)
        response["Content-Language"] = practices_api.served_language(
            case_study, context["language"]
        )
        return response


class AuthoringListView(APIView):
    permission_classes = (permissions.IsAuthenticated,)

    @extend_schema(
        tags=["practices"],
        operation_id="authoring_practices_list",
        summary="Case studies of your organisations (any state), recently changed first",
        parameters=[
            OpenApiParameter("page", int, description="Page, from 1."),
            OpenApiParameter("page_size", int, description="Per page (default 20, at most 100)."),
        ],
        responses={
            200: paginated(AuthoringListItemSerializer, name="PaginatedAuthoringCaseStudyList")
        },
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        case_studies = practices_api.list_case_studies_for_member(user=request.user)  # type: ignore[arg-type]
        page = paginator.paginate_queryset(case_studies, request, view=self)
        return paginator.get_paginated_response(AuthoringListItemSerializer(page, many=True).data)

    @extend_schema(
        tags=["practices"],
        summary="Create a draft case study",
        request=CreateCaseStudySerializer,
        responses={
            201: AuthoringCaseStudySerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = CreateCaseStudySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case_study = practices_api.create_case_study(
            user=request.user,  # type: ignore[arg-type]
            organization_slug=data.pop("organization"),
            data=data,
        )
        return Response(_authoring_data(request, case_study.slug), status=status.HTTP_201_CREATED)


def _authoring_data(request: Request, slug: str) -> dict[str, Any]:
    case_study = practices_api.get_case_study_for_member(user=request.user, slug=slug)  # type: ignore[arg-type]
    actions = practices_api.allowed_actions(user=request.user, case_study=case_study)  # type: ignore[arg-type]
    return dict(AuthoringCaseStudySerializer(case_study, context={"allowed_actions": actions}).data)


class AuthoringDetailView(APIView):
    permission_classes = (permissions.IsAuthenticated,)

    @extend_schema(
        tags=["practices"],
        summary="A case study of your organisation, every language, with its review history",
        responses={200: AuthoringCaseStudySerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        return Response(_authoring_data(request, slug))

    @extend_schema(
        tags=["practices"],
        summary="Replace a draft's texts and tags",
        request=CaseStudyInputSerializer,
        responses={
            200: AuthoringCaseStudySerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def put(self, request: Request, slug: str) -> Response:
        serializer = CaseStudyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        practices_api.update_case_study(
            user=request.user,  # type: ignore[arg-type]
            slug=slug,
            data=dict(serializer.validated_data),
        )
        return Response(_authoring_data(request, slug))


class TransitionView(APIView):
    permission_classes = (permissions.IsAuthenticated,)

    @extend_schema(
        tags=["practices"],
        summary="Move a case study through review: submit, request_changes, approve, publish",
        description="Authors submit; reviewers approve or request changes; approvers publish. "
        "No one approves or publishes a case study they edited or submitted (403, "
        "`separation_of_duties`).",
        request=CaseStudyTransitionInputSerializer,
        responses={
            200: AuthoringCaseStudySerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = CaseStudyTransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        practices_api.transition_case_study(
            user=request.user,  # type: ignore[arg-type]
            slug=slug,
            action=serializer.validated_data["action"],
            comment=serializer.validated_data["comment"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(_authoring_data(request, slug))


class AttachmentView(APIView):
    permission_classes = (permissions.IsAuthenticated,)
    parser_classes = (parsers.MultiPartParser,)

    @extend_schema(
        tags=["practices"],
        summary="Attach a file to a draft (PDF, images, text, CSV, Office; typed by its bytes)",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={
            201: CaseStudyAttachmentSerializer,
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": [_("No file was submitted.")]})
        attachment = practices_api.add_attachment(user=request.user, slug=slug, file=upload)  # type: ignore[arg-type]
        return Response(
            CaseStudyAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED
        )
