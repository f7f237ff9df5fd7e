"""Learners' enrolments: enrol (or join the waitlist), mine, leave, move to the current
version, whether one can enrol now, and invitation links."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import PageNumberPagination, paginated
from enrollment import api as enrollment_api
from enrollment.models import Enrollment
from enrollment.serializers.enrollments import (
    EnrollInputSerializer,
    EnrollmentQuerySerializer,
    EnrollmentSerializer,
    EnrollmentStateSerializer,
    InvitationSerializer,
)
from enrollment.views.common import INVALID, NOT_FOUND, request_language, request_user


def _context(request: Request, enrollments: list[Enrollment]) -> dict[str, Any]:
    """What EnrollmentSerializer needs: the request's language and the waitlist places."""
    return {
        "language": request_language(request),
        "waitlist_positions": enrollment_api.waitlist_positions(enrollments=enrollments),
    }


class EnrollmentListView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="My enrollments",
        operation_id="enrollments_list",
        responses={
            200: paginated(EnrollmentSerializer, name="PaginatedEnrollmentList"),
            400: INVALID,
        },
        parameters=[EnrollmentQuerySerializer],
    )
    def get(self, request: Request) -> Response:
        query = EnrollmentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        paginator = PageNumberPagination()
        queryset: QuerySet[Enrollment] = enrollment_api.list_enrollments(
            user=request_user(request), course_slug=query.validated_data.get("course")
        )
        page = paginator.paginate_queryset(queryset, request, view=self) or []
        return paginator.get_paginated_response(
            EnrollmentSerializer(page, many=True, context=_context(request, page)).data
        )

    @extend_schema(
        tags=["enrollment"],
        summary="Enrol in a course (or join its waitlist when it is full); idempotent",
        request=EnrollInputSerializer,
        responses={201: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = EnrollInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        enrollment = enrollment_api.enroll(
            user=request_user(request),
            course_slug=serializer.validated_data["course"],
            language=request_language(request),
        )
        return Response(
            EnrollmentSerializer(enrollment, context=_context(request, [enrollment])).data,
            status=status.HTTP_201_CREATED,
        )


class EnrollmentDetailView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="One of my enrollments",
        responses={200: EnrollmentSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.get_enrollment_for_user(
            user=request_user(request), enrollment_id=enrollment_id
        )
        return Response(
            EnrollmentSerializer(enrollment, context=_context(request, [enrollment])).data
        )


class UnenrollView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Leave the course (progress is kept); idempotent",
        request=None,
        responses={200: EnrollmentSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.unenroll(
            user=request_user(request), enrollment_id=enrollment_id
        )
        return Response(
            EnrollmentSerializer(enrollment, context=_context(request, [enrollment])).data
        )


class MoveVersionView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Move to the course's current published version (progress follows lessons)",
        request=None,
        responses={200: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, enrollment_id: int) -> Response:
        enrollment = enrollment_api.move_to_current_version(
            user=request_user(request), enrollment_id=enrollment_id
        )
        return Response(
            EnrollmentSerializer(enrollment, context=_context(request, [enrollment])).data
        )


class EnrollmentStateView(APIView):
    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        tags=["enrollment"],
        summary="Enrolment window, capacity and places left; my enrollment and missing "
        "prerequisites",
        description="Live and per user, so apart from the course detail (which is cached and "
        "the same for everyone). Signed out: `my_enrollment` and `missing_prerequisites` are "
        "null. Prerequisite titles are in the request's language, else the course's primary.",
        responses={200: EnrollmentStateSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        state = enrollment_api.enrollment_state(
            user=request_user(request), course_slug=slug, language=request_language(request)
        )
        return Response(EnrollmentStateSerializer(state).data)


class InvitationView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "invitation"

    @extend_schema(
        tags=["enrollment"],
        summary="An invitation by its link's token: the course, its institutions, the invited "
        "address and the state (open, expired, accepted, withdrawn); public",
        responses={200: InvitationSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, token: str) -> Response:
        invitation = enrollment_api.get_invitation(
            token=token, user=request.user, language=request_language(request)
        )
        return Response(InvitationSerializer(invitation).data)


class InvitationAcceptView(APIView):
    throttle_scope = "invitation"

    @extend_schema(
        tags=["enrollment"],
        summary="Accept an invitation as the invited address: enrol (or join the waitlist); "
        "idempotent. 400 codes: wrong_account, invitation_expired, invitation_used, "
        "invitation_withdrawn, and enrolment's own",
        request=None,
        responses={200: EnrollmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, token: str) -> Response:
        enrollment = enrollment_api.accept_invitation(
            user=request_user(request),
            token=token,
            language=request_language(request),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(
            EnrollmentSerializer(enrollment, context=_context(request, [enrollment])).data
        )
