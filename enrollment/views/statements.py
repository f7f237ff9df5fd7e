"""The learning-record export as xAPI 1.0.3 statements: a learner's own, or a course's for its
staff."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import ErrorSerializer, PageNumberPagination
from enrollment import api as enrollment_api
from enrollment.serializers.statements import (
    StatementQuerySerializer,
    StatementSerializer,
    XapiStatementPageSerializer,
)
from enrollment.views.common import INVALID, request_user


class StatementListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Export learning records as xAPI 1.0.3 statements",
        description="My own statements, or with `course` the statements of a course my "
        "institution owns. Oldest first, paginated, `since`/`until` as ISO 8601.",
        parameters=[StatementQuerySerializer],
        responses={
            200: XapiStatementPageSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
        },
    )
    def get(self, request: Request) -> Response:
        query = StatementQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        window = {name: query.validated_data.get(name) for name in ("since", "until")}
        if "course" in query.validated_data:
            events = enrollment_api.list_course_statements(
                user=request_user(request), course_slug=query.validated_data["course"], **window
            )
        else:
            events = enrollment_api.list_statements(user=request_user(request), **window)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(events, request, view=self) or []
        return paginator.get_paginated_response(StatementSerializer(page, many=True).data)
