"""HTTP endpoints of certificates and public verification: thin views over the api."""

import hashlib
import json
import uuid
from typing import cast

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from certificates.serializers import (
    BulkVerifyInputSerializer,
    CertificateSerializer,
    CertificateSignatoryInputSerializer,
    CertificateSignatorySerializer,
    CertificateTemplateInputSerializer,
    CertificateTemplatePreviewInputSerializer,
    CertificateTemplateSerializer,
    DidDocumentSerializer,
    EnrollmentCertificateStateSerializer,
    PriorLearningInputSerializer,
    PrivacyInputSerializer,
    ReinstateInputSerializer,
    RevokeInputSerializer,
    SignatoryOrderInputSerializer,
    StaffCertificateQuerySerializer,
    StaffCertificateSerializer,
    VerifiableCredentialSerializer,
    VerificationSerializer,
    VerifyCredentialSerializer,
    VerifyUploadSerializer,
)
from certificates.tasks import issue_certificate_task
from config import raw_cache
from config.api import (
    ErrorSerializer,
    PageNumberPagination,
    PayloadTooLarge,
    paginated,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _user(request: Request) -> User:
    return cast(User, request.user)


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
        page = (
            paginator.paginate_queryset(
                certificates_api.list_certificates_for_user(user=_user(request)).select_related(
                    "course"
                ),
                request,
                view=self,
            )
            or []
        )
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
            user=_user(request), enrollment_id=enrollment_id
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
            user=_user(request), certificate_id=certificate_id
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
            user=_user(request), certificate_id=certificate_id, **serializer.validated_data
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
            user=_user(request), certificate_id=certificate_id
        )
        response = HttpResponse(
            certificates_api.read_pdf(certificate=certificate), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.pk}.pdf"'
        response["ETag"] = f'"{certificate.pdf_sha256}"'
        return response


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
            user=_user(request),
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
            user=_user(request),
            certificate_id=certificate_id,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(
            VerificationSerializer(
                certificates_api.verify_certificate(
                    certificate_id=str(certificate.pk), viewer=_user(request)
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
            user=_user(request),
            certificate_id=certificate_id,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(
            VerificationSerializer(
                certificates_api.verify_certificate(
                    certificate_id=str(certificate.pk), viewer=_user(request)
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
            user=_user(request),
            certificate_id=certificate_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        issue_certificate_task.delay_on_commit(replacement.enrollment_id)  # type: ignore[attr-defined]
        return Response(CertificateSerializer(replacement).data, status=201)


# Answers by id differ by who asks (a private certificate's holder and owning staff see its
# details): shared caches must key on the credentials, and never keep a personal answer.
_vary_on_credentials = method_decorator(vary_on_headers("Authorization", "Cookie"), name="dispatch")
PERSONAL_CACHE_CONTROL = "private, no-store"


@_vary_on_credentials
class VerifyByIdView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "verify"
    # The throttle reads the cached answer in the same Redis round trip as its counter
    # (config.throttling): a repeated verification costs one round trip and no query.
    prefetched: bytes | None = None
    is_prefetched = False

    def throttle_prefetch_name(self, request: Request) -> str:
        return certificates_api.public_verification_cache_name(
            certificate_id=self.kwargs["certificate_id"], language=translation.get_language()
        )

    @extend_schema(
        tags=["verification"],
        summary="Public: verify a certificate by its id",
        description="Anyone gets the public answer (cached briefly; a private certificate "
        "confirms only existence, status and dates). Signed in, its holder and the staff of "
        "its owning institutions get every detail, in an answer no cache may keep.",
        responses={
            200: VerificationSerializer,
            404: NOT_FOUND,
            429: OpenApiResponse(ErrorSerializer),
        },
    )
    def get(self, request: Request, certificate_id: str) -> HttpResponse:
        if request.user.is_authenticated:
            result = certificates_api.verify_certificate(
                certificate_id=certificate_id, viewer=_user(request)
            )
            response = Response(VerificationSerializer(result).data)
            response["Cache-Control"] = PERSONAL_CACHE_CONTROL
            return response
        # Only the public answer is ever stored in, or served from, the shared cache.
        name = self.throttle_prefetch_name(request)
        body = self.prefetched if self.is_prefetched else raw_cache.get_bytes(name)
        if not body:  # absent, or a tombstone left by a recent change
            public, lifetime = certificates_api.verify_certificate_for_cache(
                certificate_id=certificate_id
            )
            body = JSONRenderer().render(VerificationSerializer(public).data)
            if lifetime > 0:
                raw_cache.add_bytes(name, body, timeout=lifetime)
        answer = HttpResponse(body, content_type="application/json")
        answer["Cache-Control"] = "no-cache"  # a revocation must show at once
        return answer


class VerifyUploadView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()
    throttle_scope = "verify"
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["verification"],
        summary="Public: verify a certificate PDF or an Open Badges 3.0 credential file",
        description=(
            "Upload a PDF or a credential JSON file as the multipart `file` (a credential "
            "already in hand as JSON goes to `POST /api/v1/verify/credential`). The answer "
            "lists every check made, each passed, failed or skipped with an explanation."
        ),
        request={"multipart/form-data": VerifyUploadSerializer},
        responses={
            200: VerificationSerializer,
            400: INVALID,
            413: OpenApiResponse(ErrorSerializer),
            429: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = VerifyUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise PayloadTooLarge()
        content = upload.read()
        if content.startswith(b"%PDF-"):
            result = certificates_api.verify_pdf(content=content)
        else:
            result = certificates_api.verify_credential(content=content)
        return Response(VerificationSerializer(result).data)


class VerifyCredentialView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()
    throttle_scope = "verify"

    @extend_schema(
        tags=["verification"],
        summary="Public: verify an Open Badges 3.0 credential sent as JSON",
        description=(
            'Send `{"credential": {...}}`. The answer lists every check made, as for an '
            "uploaded file."
        ),
        request=VerifyCredentialSerializer,
        responses={
            200: VerificationSerializer,
            400: INVALID,
            429: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = VerifyCredentialSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        content = json.dumps(serializer.validated_data["credential"]).encode()
        return Response(
            VerificationSerializer(certificates_api.verify_credential(content=content)).data
        )


class VerifyBulkView(APIView):
    throttle_scope = "verify_bulk"

    @extend_schema(
        tags=["verification"],
        summary="Employers (token): verify up to 100 ids at once",
        request=BulkVerifyInputSerializer,
        responses={
            200: VerificationSerializer(many=True),
            400: INVALID,
            401: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = BulkVerifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        certificates_api.require_verifier(user=_user(request))
        results = certificates_api.verify_certificates(
            certificate_ids=serializer.validated_data["ids"]
        )
        return Response(VerificationSerializer(results, many=True).data)


# --- credentials: public, cacheable, readable by any origin (wallets, verifiers) -----------------


def _public_json(content: bytes, content_type: str, *, max_age: int) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["ETag"] = f'"{hashlib.sha256(content).hexdigest()}"'
    return response


@_vary_on_credentials
class CredentialView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "verify"

    @extend_schema(
        tags=["verification"],
        summary="Public: the signed Open Badges 3.0 credential, byte for byte as issued",
        description="A private certificate's credential is served only to its holder and the "
        "staff of its owning institutions (signed in); to anyone else it does not exist.",
        responses={(200, "application/vc"): VerifiableCredentialSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, certificate_id: uuid.UUID) -> HttpResponse:
        viewer = _user(request) if request.user.is_authenticated else None
        content = certificates_api.read_credential(
            certificate_id=str(certificate_id), viewer=viewer
        )
        if viewer is None:
            # The content never changes, but the holder may make it private at any time.
            response = _public_json(content, "application/vc", max_age=60)
        else:
            response = HttpResponse(content, content_type="application/vc")
            response["Cache-Control"] = PERSONAL_CACHE_CONTROL
        response["Content-Disposition"] = f'inline; filename="credential-{certificate_id}.json"'
        return response


class StatusListView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()

    @extend_schema(
        tags=["verification"],
        summary="Public: a signed Bitstring Status List credential (revocations)",
        responses={(200, "application/vc"): VerifiableCredentialSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, status_list_id: int) -> HttpResponse:
        content = certificates_api.read_status_list(status_list_id=status_list_id)
        # Short: a revocation must reach verifiers within a minute.
        return _public_json(content, "application/vc", max_age=60)


class DidDocumentView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()

    @extend_schema(
        tags=["verification"],
        summary="Public: the issuer's did:web DID document (every signing key ever used)",
        responses={(200, "application/did+ld+json"): DidDocumentSerializer},
    )
    def get(self, request: Request) -> HttpResponse:
        # Served only where the issuer's DID resolves, so a resolver and this app agree.
        if request.path_info != certificates_api.did_document_path():
            raise NotFound
        content = json.dumps(certificates_api.did_document(), indent=2).encode()
        return _public_json(content, "application/did+ld+json", max_age=300)


@extend_schema(exclude=True)  # the same document as /.well-known/did.json, documented there
class DidDocumentUnderPathView(DidDocumentView):
    """The DID document of an app served under a path: did:web:host:academy resolves to
    https://host/academy/did.json, which is /did.json of this app."""


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
            user=_user(request),
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
            user=_user(request), organization_slug=organization_slug
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
            user=_user(request),
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
            user=_user(request),
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
            user=_user(request),
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
            user=_user(request),
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
            user=_user(request), organization_slug=organization_slug, signatory_id=signatory_id
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
            user=_user(request),
            organization_slug=organization_slug,
            changes=serializer.to_changes(),
            language=serializer.validated_data.get("language")
            or str(getattr(request, "LANGUAGE_CODE", "en")),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="certificate-preview.pdf"'
        response["Cache-Control"] = "no-store"
        return response
