"""Institution templates: the template, its signatories, and a sample PDF to preview them."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from certificates import api as certificates_api
from certificates.serializers.templates import (
    CertificateSignatoryInputSerializer,
    CertificateSignatorySerializer,
    CertificateTemplateInputSerializer,
    CertificateTemplatePreviewInputSerializer,
    CertificateTemplateSerializer,
    SignatoryOrderInputSerializer,
)
from certificates.views.common import INVALID, NOT_FOUND, request_user
from config.api import ErrorSerializer

TEMPLATE_BODY = {"multipart/form-data": CertificateTemplateInputSerializer}


class CertificateTemplateView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: the institution's certificate template",
        responses={
            200: CertificateTemplateSerializer,
            403: OpenApiResponse(ErrorSerializer, description="A member without the role"),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        template = certificates_api.get_certificate_template(
            user=request_user(request), organization_slug=organization_slug
        )
        return Response(CertificateTemplateSerializer(template).data)

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: change the certificate template",
        description="Multipart, with the `logo` file if any (PNG or JPEG, at most 1 MB, "
        "stored re-encoded as PNG). Fields left out keep their value; `clear_logo` removes "
        "the logo. Signatories change through `…/certificate-template/signatories`. "
        "Certificates issued from now on use the template; issued ones never change.",
        request=TEMPLATE_BODY,
        responses={
            200: CertificateTemplateSerializer,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer, description="A member without the role"),
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, organization_slug: str) -> Response:
        serializer = CertificateTemplateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = certificates_api.update_certificate_template(
            user=request_user(request),
            organization_slug=organization_slug,
            changes=serializer.to_changes(),
        )
        return Response(CertificateTemplateSerializer(template).data)


SIGNATORY_BODY = {"multipart/form-data": CertificateSignatoryInputSerializer}
NOT_A_TEMPLATE_MANAGER = OpenApiResponse(ErrorSerializer, description="A member without the role")


class CertificateSignatoryListView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: add a signatory to the certificate template",
        description="Multipart, with the `signature_image` file if any (PNG or JPEG, at most "
        "1 MB, stored re-encoded as PNG). The signatory is printed after the others; a "
        "template has at most three (code `too_many_signatories`).",
        request=SIGNATORY_BODY,
        responses={
            201: CertificateSignatorySerializer,
            400: INVALID,
            403: NOT_A_TEMPLATE_MANAGER,
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, organization_slug: str) -> Response:
        serializer = CertificateSignatoryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatory = certificates_api.add_template_signatory(
            user=request_user(request),
            organization_slug=organization_slug,
            changes=serializer.to_changes(),
        )
        return Response(CertificateSignatorySerializer(signatory).data, status=201)


class CertificateSignatoryOrderView(APIView):
    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: reorder the certificate template's signatories",
        request=SignatoryOrderInputSerializer,
        responses={
            200: CertificateSignatorySerializer(many=True),
            400: INVALID,
            403: NOT_A_TEMPLATE_MANAGER,
            404: NOT_FOUND,
        },
    )
    def put(self, request: Request, organization_slug: str) -> Response:
        serializer = SignatoryOrderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signatories = certificates_api.reorder_template_signatories(
            user=request_user(request),
            organization_slug=organization_slug,
            signatory_ids=serializer.validated_data["order"],
        )
        return Response(CertificateSignatorySerializer(signatories, many=True).data)


class CertificateSignatoryDetailView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: change a signatory of the certificate template",
        description="Multipart, with the `signature_image` file if any. Fields left out keep "
        "their value; `clear_signature_image` removes the image.",
        request=SIGNATORY_BODY,
        responses={
            200: CertificateSignatorySerializer,
            400: INVALID,
            403: NOT_A_TEMPLATE_MANAGER,
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, organization_slug: str, signatory_id: int) -> Response:
        serializer = CertificateSignatoryInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        signatory = certificates_api.update_template_signatory(
            user=request_user(request),
            organization_slug=organization_slug,
            signatory_id=signatory_id,
            changes=serializer.to_changes(),
        )
        return Response(CertificateSignatorySerializer(signatory).data)

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: remove a signatory from the certificate template",
        request=None,
        responses={204: None, 403: NOT_A_TEMPLATE_MANAGER, 404: NOT_FOUND},
    )
    def delete(self, request: Request, organization_slug: str, signatory_id: int) -> Response:
        certificates_api.delete_template_signatory(
            user=request_user(request),
            organization_slug=organization_slug,
            signatory_id=signatory_id,
        )
        return Response(status=204)


class CertificateTemplatePreviewView(APIView):
    parser_classes = (MultiPartParser,)
    throttle_scope = "certificate_preview"

    @extend_schema(
        tags=["institution"],
        summary="Admins and approvers: a sample certificate PDF with the template",
        description="Renders a sample certificate (made-up learner and course, in the "
        "request's language, or `language`) with the saved template and the changes sent, "
        "which are not saved. The body is optional and takes the same fields as PATCH, and "
        "`signatories` as edited.",
        request={"multipart/form-data": CertificateTemplatePreviewInputSerializer},
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            400: INVALID,
            403: OpenApiResponse(ErrorSerializer, description="A member without the role"),
            404: NOT_FOUND,
            429: OpenApiResponse(ErrorSerializer, description="Too many previews"),
        },
    )
    def post(self, request: Request, organization_slug: str) -> HttpResponse:
        serializer = CertificateTemplatePreviewInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        pdf = certificates_api.render_template_preview(
            user=request_user(request),
            organization_slug=organization_slug,
            changes=serializer.to_changes(),
            language=serializer.validated_data.get("language")
            or str(getattr(request, "LANGUAGE_CODE", "en")),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        response["Cache-Control"] = "no-store"
        return response
