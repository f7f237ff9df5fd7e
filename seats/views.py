"""Thin views of the seats API: an employer's administrators manage its pools under
/api/v1/organizations/<slug>/seats/ (everyone else gets the 404 of an unknown organisation);
a learner answers the consent question under /api/v1/me/seats/."""

from typing import Any, cast

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from seats import api as seats_api
from seats.serializers import (
    MySeatSerializer,
    SeatConsentInputSerializer,
    SeatLearnerQuerySerializer,
    SeatPoolLearnerSerializer,
    SeatPoolSerializer,
    SeatUploadInputSerializer,
    SeatUploadReportSerializer,
    learner_rows,
)

NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Unknown, or not an employer you administer"
)
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")
TAGS = ["seats"]
PAGE = [OpenApiParameter("page", int), OpenApiParameter("page_size", int)]


def _user(request: Request) -> User:
    return cast(User, request.user)


def _language(request: Request) -> str:
    return str(getattr(request, "LANGUAGE_CODE", "en"))


class PoolListView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The employer's seat pools with used and free seats (administrators)",
        operation_id="seat_pools_list",
        parameters=PAGE,
        responses={
            200: paginated(SeatPoolSerializer, name="PaginatedSeatPoolList"),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        pools = seats_api.list_pools_for_admin(
            user=_user(request), organization_slug=organization_slug
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(pools, request, view=self) or []
        context = {"language": _language(request)}
        return paginator.get_paginated_response(
            SeatPoolSerializer(page, many=True, context=context).data
        )


class PoolLearnersView(APIView):
    throttle_scope = "seats_upload"

    def get_throttles(self) -> list[BaseThrottle]:
        # Reading the list is not throttled; uploading is.
        return super().get_throttles() if self.request.method == "POST" else []

    def get_parsers(self) -> list:
        if getattr(self, "request", None) is not None and self.request.method == "POST":
            return [MultiPartParser()]
        return super().get_parsers()

    @extend_schema(
        tags=TAGS,
        summary="The pool's seat holders; progress only for those who granted consent",
        operation_id="seat_pool_learners_list",
        parameters=[SeatLearnerQuerySerializer],
        responses={
            200: paginated(SeatPoolLearnerSerializer, name="PaginatedSeatPoolLearnerList"),
            400: INVALID,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, organization_slug: str, pool_id: int) -> Response:
        query = SeatLearnerQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        assignments = seats_api.list_pool_learners(
            user=_user(request),
            organization_slug=organization_slug,
            pool_id=pool_id,
            consent=query.validated_data.get("consent"),
        )
        paginator = PageNumberPagination()
        page = list(paginator.paginate_queryset(assignments, request, view=self) or [])
        progress: dict[int, Any] = {}
        program_progress: dict[int, Any] = {}
        if page:
            pool = page[0].pool
            visible = seats_api.visible_learner_ids(page)
            if pool.program is not None:
                program_progress = seats_api.program_progress_for(
                    program=pool.program, learner_ids=visible
                )
            elif pool.course_id is not None:
                progress = seats_api.progress_for(course_id=pool.course_id, learner_ids=visible)
        data = SeatPoolLearnerSerializer(
            learner_rows(page, progress, program_progress), many=True
        ).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        tags=TAGS,
        summary="Give seats from a CSV file (email, full_name); one result per row",
        description="The whole file is one transaction holding the pool's lock: rows are "
        "given seats in file order until none are left; the rest answer `no_seats_left`. "
        f"At most {seats_api.CSV_MAX_ROWS} rows and {seats_api.CSV_MAX_BYTES // 1024} KiB.",
        operation_id="seat_pool_learners_upload",
        request={"multipart/form-data": SeatUploadInputSerializer},
        responses={200: SeatUploadReportSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str, pool_id: int) -> Response:
        serializer = SeatUploadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        report = seats_api.assign_seats_from_csv(
            user=_user(request),
            organization_slug=organization_slug,
            pool_id=pool_id,
            content=upload.read(seats_api.CSV_MAX_BYTES + 1),
            language=_language(request),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(SeatUploadReportSerializer(report).data)


class PoolLearnerView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Take a seat back; it returns to the pool if the learner had not started",
        operation_id="seat_pool_learners_destroy",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(
        self, request: Request, organization_slug: str, pool_id: int, assignment_id: int
    ) -> Response:
        seats_api.release_seat(
            user=_user(request),
            organization_slug=organization_slug,
            pool_id=pool_id,
            assignment_id=assignment_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(status=204)


class ReportView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The monthly seat report as CSV, for any month (YYYY-MM)",
        description="`pool` lines (seats, used, assigned in the month, consenting learners, "
        "their completions and certificates of the month), then a `learner` line per "
        "consenting learner who completed or received a certificate that month.",
        operation_id="seat_reports_retrieve",
        responses={(200, "text/csv"): OpenApiTypes.STR, 400: INVALID, 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str, month: str) -> HttpResponse:
        report = seats_api.report_csv_for_admin(
            user=_user(request),
            organization_slug=organization_slug,
            month=month,
            language=_language(request),
        )
        response = HttpResponse(report.text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        return response


class MySeatsView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The seats employers hold for me, and my consent to each",
        operation_id="my_seats_list",
        parameters=PAGE,
        responses={200: paginated(MySeatSerializer, name="PaginatedMySeatList")},
    )
    def get(self, request: Request) -> Response:
        seats = seats_api.list_seats_for_learner(user=_user(request))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(seats, request, view=self) or []
        context = {"language": _language(request)}
        return paginator.get_paginated_response(
            MySeatSerializer(page, many=True, context=context).data
        )


class MySeatConsentView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Decide whether the employer may see my progress and certificates",
        operation_id="my_seat_consent_update",
        request=SeatConsentInputSerializer,
        responses={
            200: MySeatSerializer,
            400: INVALID,
            404: OpenApiResponse(ErrorSerializer, description="Not a seat of yours"),
        },
    )
    def put(self, request: Request, assignment_id: int) -> Response:
        serializer = SeatConsentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = seats_api.decide_consent(
            user=_user(request),
            assignment_id=assignment_id,
            consent=serializer.validated_data["consent"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(MySeatSerializer(assignment, context={"language": _language(request)}).data)
