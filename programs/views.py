"""Thin views of the programs API: validate, call `programs.api`, serialize."""

import uuid
from typing import Any, cast

from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from programs import api as programs_api
from programs.models import Program
from programs.serializers import (
    ProgramCoursesInputSerializer,
    ProgramCredentialSerializer,
    ProgramDetailSerializer,
    ProgramInputSerializer,
    ProgramStaffSerializer,
    ProgramSummarySerializer,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Your role does not allow it")
PAGE_PARAMETERS = [OpenApiParameter("page", int), OpenApiParameter("page_size", int)]


def _user(request: Request) -> User:
    return cast(User, request.user)


def _staff(program: Program) -> dict[str, Any]:
    data: dict[str, Any] = ProgramStaffSerializer(program).data
    return data


class ProgramCatalogView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "programs_catalog"

    @extend_schema(
        tags=["programs"],
        summary="Published programs (learning paths), by slug",
        operation_id="programs_list",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated(ProgramSummarySerializer, name="PaginatedProgramList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        programs = programs_api.list_published_programs()
        page = paginator.paginate_queryset(programs, request, view=self) or []
        return paginator.get_paginated_response(ProgramSummarySerializer(page, many=True).data)


class ProgramDetailView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "programs_catalog"

    @extend_schema(
        tags=["programs"],
        summary="A program with its courses and, signed in, my progress and credential",
        operation_id="programs_retrieve",
        responses={200: ProgramDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        user = _user(request)
        page = programs_api.get_program_page(
            slug=slug, user=user, language=translation.get_language()
        )
        owners = {o.pk for o in page.program.institutions.all()}
        can_edit = bool(
            owners
            & accounts_api.organization_ids_for_user(user=user, roles=programs_api.STAFF_ROLES)
        )
        return Response(ProgramDetailSerializer(page, context={"can_edit": can_edit}).data)


class StaffProgramListView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="Programs of my institutions (any state)",
        operation_id="programs_staff_list",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated(ProgramStaffSerializer, name="PaginatedStaffProgramList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        programs = programs_api.list_programs_for_staff(user=_user(request))
        page = paginator.paginate_queryset(programs, request, view=self) or []
        return paginator.get_paginated_response(ProgramStaffSerializer(page, many=True).data)

    @extend_schema(
        tags=["programs"],
        summary="Create a draft program (authors, approvers, admins of each owner)",
        operation_id="programs_create",
        request=ProgramInputSerializer,
        responses={201: ProgramStaffSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = ProgramInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        organizations = fields.pop("organizations", [])
        program = programs_api.create_program(
            user=_user(request), organization_slugs=organizations, fields=fields
        )
        return Response(_staff(program), status=201)


class StaffProgramView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="A program of my institutions, as staff edit it",
        operation_id="programs_staff_retrieve",
        responses={200: ProgramStaffSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        return Response(_staff(programs_api.get_program_for_staff(user=_user(request), slug=slug)))

    @extend_schema(
        tags=["programs"],
        summary="Change a program's kind, required count and texts",
        operation_id="programs_update",
        request=ProgramInputSerializer,
        responses={200: ProgramStaffSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request: Request, slug: str) -> Response:
        serializer = ProgramInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("organizations", None)
        program = programs_api.update_program(user=_user(request), slug=slug, fields=fields)
        return Response(_staff(program))


class ProgramCoursesView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="Replace a program's courses, in order",
        operation_id="programs_set_courses",
        request=ProgramCoursesInputSerializer,
        responses={200: ProgramStaffSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        serializer = ProgramCoursesInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        program = programs_api.set_program_courses(
            user=_user(request), slug=slug, course_slugs=serializer.validated_data["courses"]
        )
        return Response(_staff(program))


class PublishProgramView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="Publish a program (approvers and admins of an owner)",
        operation_id="programs_publish",
        request=None,
        responses={200: ProgramStaffSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        program = programs_api.publish_program(
            user=_user(request),
            slug=slug,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(_staff(program))


class RetireProgramView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="Retire a program (credentials issued stay valid)",
        operation_id="programs_retire",
        request=None,
        responses={200: ProgramStaffSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        program = programs_api.retire_program(user=_user(request), slug=slug)
        return Response(_staff(program))


class MyProgramCredentialsView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="My program credentials (issued, not revoked), newest first",
        operation_id="programs_my_credentials",
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated(ProgramCredentialSerializer, name="PaginatedProgramCredentialList")
        },
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        credentials = programs_api.list_program_credentials_for_user(user_id=_user(request).pk)
        page = paginator.paginate_queryset(credentials, request, view=self) or []
        return paginator.get_paginated_response(ProgramCredentialSerializer(page, many=True).data)


class ProgramCredentialPdfView(APIView):
    @extend_schema(
        tags=["programs"],
        summary="Download my program certificate's PDF, byte for byte as issued",
        operation_id="programs_credential_pdf",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request: Request, credential_id: uuid.UUID) -> HttpResponse:
        pdf = programs_api.read_program_credential_pdf(
            user=_user(request), credential_id=credential_id
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="program-{credential_id}.pdf"'
        return response
