"""Approvers and institution staff: prior learning, revoke, reinstate, reissue, the register."""

import uuid

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from certificates import api as certificates_api
from certificates.serializers.holder import CertificateSerializer
from certificates.serializers.staff import (
    PriorLearningInputSerializer,
    ReinstateInputSerializer,
    RevokeInputSerializer,
    StaffCertificateQuerySerializer,
    StaffCertificateSerializer,
)
from certificates.serializers.verification import VerificationSerializer
from certificates.tasks import issue_certificate_task
from certificates.views.common import INVALID, NOT_FOUND, request_user
from config.api import ErrorSerializer, PageNumberPagination, paginated
from config.tasks import queue_after_commit


class PriorLearningView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="Approvers: issue a certificate for recognised prior learning",
        request=PriorLearningInputSerializer,
        responses={
            201: CertificateSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request) -> Response:
        serializer = PriorLearningInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        certificate = certificates_api.issue_for_prior_learning(
            user=request_user(request),
            course_slug=data["course"],
            learner_email=data["learner_email"],
            note=data["note"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(CertificateSerializer(certificate).data, status=201)


class RevokeView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="Approvers: revoke a certificate with a reason",
        request=RevokeInputSerializer,
        responses={
            200: VerificationSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, certificate_id: uuid.UUID) -> Response:
        serializer = RevokeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate = certificates_api.revoke_certificate(
            user=request_user(request),
            certificate_id=certificate_id,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(
            VerificationSerializer(
                certificates_api.verify_certificate(
                    certificate_id=str(certificate.pk), viewer=request_user(request)
                )
            ).data
        )


class ReinstateView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="Approvers: reinstate a certificate revoked in error, with a reason (audited)",
        request=ReinstateInputSerializer,
        responses={
            200: VerificationSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, certificate_id: uuid.UUID) -> Response:
        serializer = ReinstateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate = certificates_api.reinstate_certificate(
            user=request_user(request),
            certificate_id=certificate_id,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(
            VerificationSerializer(
                certificates_api.verify_certificate(
                    certificate_id=str(certificate.pk), viewer=request_user(request)
                )
            ).data
        )


class ReissueView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="Approvers: re-issue with the learner's corrected name",
        description="Not for a revoked certificate (reinstate it first) nor one's own. The "
        "replacement keeps the privacy setting and the basis of the original, which is "
        "superseded: its credential's status entry is set.",
        request=None,
        responses={
            201: CertificateSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, certificate_id: uuid.UUID) -> Response:
        replacement = certificates_api.reissue_certificate(
            user=request_user(request),
            certificate_id=certificate_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        queue_after_commit(issue_certificate_task, replacement.enrollment_id)
        return Response(CertificateSerializer(replacement).data, status=201)


class StaffCertificateListView(APIView):
    @extend_schema(
        tags=["institution"],
        operation_id="institution_certificates_list",
        summary="Staff: the certificates of my institutions' courses",
        description="For authors, reviewers, approvers and administrators of an institution: "
        "every certificate issued for a course it owns, newest first. Filter by course, "
        "institution, status, issue date range (inclusive) and learner name or e-mail.",
        parameters=[StaffCertificateQuerySerializer],
        responses={
            200: paginated(StaffCertificateSerializer, name="PaginatedStaffCertificateList"),
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer, description="Not staff of an institution"),
        },
    )
    def get(self, request: Request) -> Response:
        query = StaffCertificateQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        certificates = certificates_api.list_certificates_for_staff(
            user=request_user(request),
            course_slug=filters.get("course"),
            institution_slug=filters.get("institution"),
            status=filters.get("status"),
            issued_from=filters.get("issued_from"),
            issued_until=filters.get("issued_until"),
            search=filters.get("search"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(certificates, request, view=self) or []
        return paginator.get_paginated_response(
            StaffCertificateSerializer(page, many=True, context={"now": timezone.now()}).data
        )
