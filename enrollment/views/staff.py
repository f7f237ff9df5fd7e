"""A course's and an institution's staff: bulk enrolment, pending invitations, analytics (as
JSON and as CSV)."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import PageNumberPagination
from enrollment import api as enrollment_api
from enrollment.serializers.staff import (
    BulkEnrollInputSerializer,
    BulkEnrollReportSerializer,
    CourseAnalyticsSerializer,
    InstitutionAnalyticsSerializer,
    PageQuerySerializer,
    PaginatedStaffInvitationSerializer,
    StaffInvitationSerializer,
)
from enrollment.views.common import INVALID, NOT_FOUND, request_language, request_user


class BulkEnrollView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["enrollment"],
        summary="Staff: enrol learners from a CSV file (email, name); one result per row",
        request={"multipart/form-data": BulkEnrollInputSerializer},
        responses={200: BulkEnrollReportSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = BulkEnrollInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        report = enrollment_api.bulk_enroll(
            user=request_user(request),
            course_slug=serializer.validated_data["course"],
            content=upload.read(enrollment_api.CSV_MAX_BYTES + 1),
            language=request_language(request),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(BulkEnrollReportSerializer(report).data)


class CourseInvitationListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: a course's pending (open or expired) invitations, last sent first",
        parameters=[PageQuerySerializer],
        responses={200: PaginatedStaffInvitationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        PageQuerySerializer(data=request.query_params).is_valid(raise_exception=True)
        invitations = enrollment_api.list_pending_invitations(
            user=request_user(request), course_slug=slug
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(invitations, request, view=self) or []
        return paginator.get_paginated_response(StaffInvitationSerializer(page, many=True).data)


class CourseInvitationWithdrawView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: withdraw a pending invitation (its link stops working); idempotent",
        request=None,
        responses={200: StaffInvitationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str, invitation_id: int) -> Response:
        invitation = enrollment_api.withdraw_invitation(
            user=request_user(request),
            course_slug=slug,
            invitation_id=invitation_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(StaffInvitationSerializer(invitation).data)


class CourseAnalyticsView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: analytics of a course",
        responses={200: CourseAnalyticsSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        analytics = enrollment_api.course_analytics(
            user=request_user(request), course_slug=slug, language=request_language(request)
        )
        return Response(CourseAnalyticsSerializer(analytics).data)


class InstitutionAnalyticsView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Staff: analytics of an institution and each of its courses",
        responses={200: InstitutionAnalyticsSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        analytics = enrollment_api.institution_analytics(
            user=request_user(request),
            organization_slug=organization_slug,
            language=request_language(request),
        )
        return Response(InstitutionAnalyticsSerializer(analytics).data)


CSV_RESPONSE = {(200, "text/csv"): OpenApiTypes.STR, 404: NOT_FOUND}


class CourseAnalyticsCsvView(APIView):
    @extend_schema(
        tags=["enrollment"],
        operation_id="analytics_courses_csv_retrieve",
        summary="Staff: the analytics of a course as CSV",
        description="The data of `GET /analytics/courses/<slug>/`, one line per figure: "
        "`section` (summary, enrollments, enrollments_over_time, grade_distribution, funnel, "
        "questions), `key` "
        "(the figure, status, date, module or question key), `label`, `count` (learners, "
        "enrolments or answers) and `value` (rates, grades, the share of correct answers).",
        responses=CSV_RESPONSE,
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        export = enrollment_api.course_analytics_csv(
            user=request_user(request), course_slug=slug, language=request_language(request)
        )
        return _csv_response(export)


class InstitutionAnalyticsCsvView(APIView):
    @extend_schema(
        tags=["enrollment"],
        operation_id="analytics_institutions_csv_retrieve",
        summary="Staff: an institution's per-course analytics as CSV",
        description="One line per course, then a line `*` with the institution's totals: "
        "enrolments by status, completion rate and average grade, as in "
        "`GET /analytics/institutions/<slug>/`.",
        responses=CSV_RESPONSE,
    )
    def get(self, request: Request, organization_slug: str) -> HttpResponse:
        export = enrollment_api.institution_analytics_csv(
            user=request_user(request),
            organization_slug=organization_slug,
            language=request_language(request),
        )
        return _csv_response(export)


def _csv_response(export: enrollment_api.CsvFile) -> HttpResponse:
    response = HttpResponse(export.text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
