"""The learner's own record (signed CLR 2.0) and the public verification of a presented one."""

from typing import cast

from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, permissions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer
from records import api as records_api
from records.serializers import (
    ClrCredentialSerializer,
    LearnerRecordQuerySerializer,
    RecordVerificationSerializer,
    VerifyLearnerRecordSerializer,
)

NO_CREDENTIALS = gettext_lazy(
    "You hold no certificate or credential yet: a learner record needs at least one."
)
ERROR = OpenApiResponse(ErrorSerializer)


class LearnerRecordView(APIView):
    throttle_scope = "learner_record"

    @extend_schema(
        tags=["records"],
        operation_id="learner_record",
        summary="My whole record as a signed 1EdTech CLR 2.0 (Comprehensive Learner Record)",
        description=(
            "Every credential I hold that is neither revoked nor replaced, embedded as signed, "
            "in one ClrCredential signed by the platform (eddsa-rdfc-2022). Always my own: "
            "there is no parameter naming a user, and any parameter but `download` is refused."
        ),
        parameters=[OpenApiParameter("download", bool, description="Answer as a file.")],
        responses={
            (200, "application/vc"): ClrCredentialSerializer,
            400: ERROR,
            401: ERROR,
            404: OpenApiResponse(ErrorSerializer, description="No credential held yet"),
            429: ERROR,
        },
    )
    def get(self, request: Request) -> HttpResponse:
        query = LearnerRecordQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        try:
            content = records_api.issue_learner_record(user=cast(User, request.user))
        except records_api.NoCredentialsHeld as error:
            raise exceptions.NotFound(NO_CREDENTIALS) from error
        response = HttpResponse(content, content_type="application/vc")
        response["Cache-Control"] = "private, no-store"
        if query.validated_data["download"]:
            response["Content-Disposition"] = (
                f'attachment; filename="{records_api.DOWNLOAD_FILENAME}"'
            )
        return response


class VerifyLearnerRecordView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()
    throttle_scope = "verify"

    @extend_schema(
        tags=["verification"],
        operation_id="verify_learner_record",
        summary="Public: verify a CLR 2.0 learner record sent as JSON",
        description=(
            'Send `{"credential": {...}}`. The record\'s own proof and issuer are checked, then '
            "each credential in it (proof, issuer key, revocation status, validity)."
        ),
        request=VerifyLearnerRecordSerializer,
        responses={200: RecordVerificationSerializer, 400: ERROR, 429: ERROR},
    )
    def post(self, request: Request) -> Response:
        serializer = VerifyLearnerRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = records_api.verify_learner_record(document=serializer.validated_data["credential"])
        return Response(RecordVerificationSerializer(result).data)
