"""The learner's own certificates: the list, one, its PDF, privacy, an enrollment's state."""

import uuid

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from certificates import api as certificates_api
from certificates.serializers.holder import (
    CertificateSerializer,
    EnrollmentCertificateStateSerializer,
    PrivacyInputSerializer,
)
from certificates.views.common import INVALID, NOT_FOUND, request_user
from config.api import PageNumberPagination, paginated


class CertificateListView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="My certificates",
        operation_id="certificates_list",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated(CertificateSerializer, name="PaginatedCertificateList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        certificates = certificates_api.list_certificates_for_user(user=request_user(request))
        page = paginator.paginate_queryset(certificates, request, view=self) or []
        return paginator.get_paginated_response(CertificateSerializer(page, many=True).data)


class EnrollmentCertificateView(APIView):
    @extend_schema(
        tags=["certificates"],
        operation_id="enrollment_certificate_state",
        summary="Where the certificate of one of my enrollments stands",
        description="`pending` from the moment the course is completed until the certificate "
        "(rendered in the background) is issued; then `issued` with its id. Poll this after "
        "completing a course.",
        responses={200: EnrollmentCertificateStateSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, enrollment_id: int) -> Response:
        state = certificates_api.get_certificate_state_for_user(
            user=request_user(request), enrollment_id=enrollment_id
        )
        return Response(EnrollmentCertificateStateSerializer(state).data)


class CertificateDetailView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="One of my certificates",
        responses={200: CertificateSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, certificate_id: uuid.UUID) -> Response:
        certificate = certificates_api.get_certificate_for_user(
            user=request_user(request), certificate_id=certificate_id
        )
        return Response(CertificateSerializer(certificate).data)

    @extend_schema(
        tags=["certificates"],
        summary="Make verification by id private (or not)",
        request=PrivacyInputSerializer,
        responses={200: CertificateSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def patch(self, request: Request, certificate_id: uuid.UUID) -> Response:
        serializer = PrivacyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificate = certificates_api.set_privacy(
            user=request_user(request), certificate_id=certificate_id, **serializer.validated_data
        )
        return Response(CertificateSerializer(certificate).data)


class CertificatePdfView(APIView):
    @extend_schema(
        tags=["certificates"],
        summary="Download the PDF, byte for byte as issued",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: NOT_FOUND},
    )
    def get(self, request: Request, certificate_id: uuid.UUID) -> HttpResponse:
        certificate = certificates_api.get_certificate_for_user(
            user=request_user(request), certificate_id=certificate_id
        )
        response = HttpResponse(
            certificates_api.read_pdf(certificate=certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
        response["ETag"] = f'"{certificate.pdf_sha256}"'
        return response
