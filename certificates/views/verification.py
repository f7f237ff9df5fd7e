"""Public verification (by id, of an upload or a credential, in bulk) and what verifiers
fetch: a certificate's credential, the status lists, the issuer's DID document."""

import hashlib
import json
import uuid

from django.http import HttpResponse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.exceptions import NotFound
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from certificates import api as certificates_api
from certificates.serializers.documents import DidDocumentSerializer, VerifiableCredentialSerializer
from certificates.serializers.verification import (
    BulkVerifyInputSerializer,
    VerificationSerializer,
    VerifyCredentialSerializer,
    VerifyUploadSerializer,
)
from certificates.views.common import INVALID, NOT_FOUND, request_user
from config.api import ErrorSerializer, PayloadTooLarge
from config.cache import read_ahead
from config.sniffing import PDF, sniffed_type

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

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
                certificate_id=certificate_id, viewer=request_user(request)
            )
            response = Response(VerificationSerializer(result).data)
            response["Cache-Control"] = PERSONAL_CACHE_CONTROL
            return response
        body = certificates_api.public_verification_answer(
            certificate_id=certificate_id,
            language=translation.get_language(),
            render=lambda public: JSONRenderer().render(VerificationSerializer(public).data),
            prefetched=read_ahead(request),
        )
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
        if sniffed_type(content) == PDF:
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
        certificates_api.require_verifier(user=request_user(request))
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
        viewer = request_user(request) if request.user.is_authenticated else None
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
