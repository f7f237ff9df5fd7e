"""HTTP endpoints of accounts: thin views that validate, call `accounts.api`, serialize."""

import uuid
from collections.abc import Sequence
from typing import Any, cast

import django_filters
from django.db.models import Q, QuerySet
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect, ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import AuditEvent, Organization, User
from accounts.serializers import (
    ApiTokenSerializer,
    AuditEventFilterSerializer,
    AuditEventSerializer,
    ConfirmEmailInputSerializer,
    CsrfSerializer,
    DetailSerializer,
    LoginInputSerializer,
    NewApiTokenSerializer,
    OrganizationSerializer,
    PasswordResetConfirmInputSerializer,
    PasswordResetInputSerializer,
    ProfileInputSerializer,
    ProfileSerializer,
    RegisterInputSerializer,
    SessionSerializer,
    TokenInputSerializer,
)
from config.api import ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Invalid input"),
    401: OpenApiResponse(ErrorSerializer, description="Not authenticated"),
    403: OpenApiResponse(ErrorSerializer, description="CSRF check failed or not allowed"),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests"),
}


def _current_user(request: Request) -> User:
    """The authenticated user; the view's IsAuthenticated permission has already run."""
    return cast(User, request.user)


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


class CsrfView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()

    @extend_schema(
        operation_id="auth_csrf",
        summary="Set the CSRF cookie",
        description="Sets the `csrftoken` cookie; browser clients send its value as "
        "`X-CSRFToken` on every unsafe request.",
        responses={200: CsrfSerializer},
        tags=["auth"],
    )
    @method_decorator(ensure_csrf_cookie)
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


@method_decorator(csrf_protect, name="dispatch")
class RegisterView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "register"

    @extend_schema(
        operation_id="auth_register",
        summary="Register an e-mail address (the link to finish comes by e-mail)",
        description="Answers 202 with the same body for every address that passes the field "
        "checks, whether or not it has an account: a new address gets a confirmation link, the "
        "owner of an existing account a notice. The account signs in only after "
        "`POST /api/v1/auth/confirm-email` with the link's token.",
        request=RegisterInputSerializer,
        responses={202: DetailSerializer, **_errors(400, 403, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = RegisterInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        details = dict(serializer.validated_data)
        next_path = details.pop("next", "")
        accounts_api.register_user(**details, next_path=next_path)
        return Response(
            {"detail": str(accounts_api.REGISTRATION_RECEIVED)}, status=status.HTTP_202_ACCEPTED
        )


@method_decorator(csrf_protect, name="dispatch")
class ConfirmEmailView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "confirm_email"

    @extend_schema(
        operation_id="auth_confirm_email",
        summary="Confirm the e-mail address from the registration link and sign in",
        description="Starts a session (browser clients) and answers the profile. A tampered, "
        "expired or used link answers 400 with code `invalid_confirmation_link`.",
        request=ConfirmEmailInputSerializer,
        responses={200: ProfileSerializer, **_errors(400, 403, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = ConfirmEmailInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = accounts_api.confirm_email(request=request, **serializer.validated_data)
        return Response(ProfileSerializer(accounts_api.get_profile(user_id=user.pk)).data)


@method_decorator(csrf_protect, name="dispatch")
class LoginView(APIView):
    permission_classes = (permissions.AllowAny,)
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_login",
        summary="Sign in with a session (browser clients)",
        description="A wrong e-mail or password answers 400 with code `invalid_credentials`; "
        "the right password of an account whose address is not confirmed yet answers 400 with "
        "code `email_not_confirmed` and e-mails the confirmation link again.",
        request=LoginInputSerializer,
        responses={200: ProfileSerializer, **_errors(400, 403, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = LoginInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = accounts_api.log_in(request=request, **serializer.validated_data)
        return Response(ProfileSerializer(accounts_api.get_profile(user_id=user.pk)).data)


@method_decorator(csrf_protect, name="dispatch")
class LogoutView(APIView):
    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        operation_id="auth_logout",
        summary="End the session",
        request=None,
        responses={204: None, **_errors(403)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        accounts_api.log_out(request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SessionView(APIView):
    """The browser's own question "who am I?", where being anonymous is an answer, not an error:
    a 401 would be logged as a console error on every page an anonymous visitor opens."""

    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        operation_id="auth_session_retrieve",
        summary="Who is signed in (browser clients)",
        description="Answers 200 with `user` set to the signed-in user's profile, or `null` for "
        "an anonymous visitor. Token clients use `GET /api/v1/auth/me`, which answers 401 instead.",
        responses={200: SessionSerializer, **_errors(401)},
        tags=["auth"],
    )
    def get(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            return Response({"user": None})
        profile = accounts_api.get_profile(user_id=_current_user(request).pk)
        return Response(SessionSerializer({"user": profile}).data)


class MeView(APIView):
    @extend_schema(
        operation_id="auth_me_retrieve",
        summary="The signed-in user's profile",
        responses={200: ProfileSerializer, **_errors(401)},
        tags=["auth"],
    )
    def get(self, request: Request) -> Response:
        return Response(
            ProfileSerializer(accounts_api.get_profile(user_id=_current_user(request).pk)).data
        )

    @extend_schema(
        operation_id="auth_me_update",
        summary="Change the profile: name on certificates, native-script name, language, country",
        request=ProfileInputSerializer,
        responses={200: ProfileSerializer, **_errors(400, 401, 403)},
        tags=["auth"],
    )
    def patch(self, request: Request) -> Response:
        serializer = ProfileInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = accounts_api.update_profile(user=_current_user(request), **serializer.validated_data)
        return Response(ProfileSerializer(user).data)


class TokenListCreateView(APIView):
    throttle_scope = "tokens"

    def get_permissions(self) -> Sequence[Any]:
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return super().get_permissions()

    def get_throttles(self) -> list[BaseThrottle]:
        # Only the credential check is throttled; listing one's tokens is not a guessing target.
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        operation_id="auth_tokens_create",
        summary="Exchange e-mail and password for a bearer token (machine clients)",
        description="Send the returned `token` as `Authorization: Bearer <token>`. "
        "It expires after API_TOKEN_LIFETIME_DAYS and can be revoked.",
        request=TokenInputSerializer,
        responses={201: NewApiTokenSerializer, **_errors(400, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, secret = accounts_api.create_api_token(
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        token.token = secret  # type: ignore[attr-defined]
        return Response(NewApiTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="auth_tokens_list",
        summary="The signed-in user's tokens (secrets are never shown again)",
        responses={200: ApiTokenSerializer(many=True), **_errors(401)},
        tags=["auth"],
    )
    def get(self, request: Request) -> Response:
        tokens = accounts_api.list_api_tokens(user=_current_user(request))
        return Response(ApiTokenSerializer(tokens, many=True).data)


class TokenDetailView(APIView):
    @extend_schema(
        operation_id="auth_tokens_revoke",
        summary="Revoke a token (idempotent)",
        responses={204: None, 404: OpenApiResponse(ErrorSerializer), **_errors(401, 403)},
        tags=["auth"],
    )
    def delete(self, request: Request, token_id: uuid.UUID) -> Response:
        accounts_api.revoke_api_token(
            user=_current_user(request),
            token_id=token_id,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()
    throttle_scope = "password_reset"

    @extend_schema(
        operation_id="auth_password_reset",
        summary="E-mail a password reset link",
        description="Answers 202 whether or not the address has an account.",
        request=PasswordResetInputSerializer,
        responses={202: DetailSerializer, **_errors(400, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accounts_api.request_password_reset(**serializer.validated_data)
        detail = _("If an account uses this address, a reset link is on its way.")
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(APIView):
    permission_classes = (permissions.AllowAny,)
    authentication_classes = ()
    throttle_scope = "password_reset"

    @extend_schema(
        operation_id="auth_password_reset_confirm",
        summary="Set a new password from a reset link",
        request=PasswordResetConfirmInputSerializer,
        responses={200: DetailSerializer, **_errors(400, 429)},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        serializer = PasswordResetConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accounts_api.reset_password(**serializer.validated_data)
        return Response({"detail": _("Your password has been changed. You can sign in now.")})


class OrganizationFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", max_length=100, label="Search")

    class Meta:
        model = Organization
        fields = ("kind", "country")

    def filter_search(
        self, queryset: QuerySet[Organization], name: str, value: str
    ) -> QuerySet[Organization]:
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))


@extend_schema(tags=["organizations"])
class OrganizationListView(generics.ListAPIView[Organization]):
    """Institutions, employers and the coalition, by name."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter

    def get_queryset(self) -> QuerySet[Organization]:
        return accounts_api.list_organizations()


@extend_schema(tags=["organizations"])
class OrganizationDetailView(generics.RetrieveAPIView[Organization]):
    """One organisation by slug."""

    permission_classes = (permissions.AllowAny,)
    serializer_class = OrganizationSerializer
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Organization]:
        return accounts_api.list_organizations()


@extend_schema(
    tags=["audit"],
    summary="Platform staff: the audit log, newest first",
    description="Sign-ins (and failed ones), API tokens created and revoked, course versions "
    "published, certificates revoked, prior learning recognised and signing keys rotated. "
    "`since` is inclusive, `until` exclusive.",
    parameters=[AuditEventFilterSerializer],
    responses={200: AuditEventSerializer(many=True), **_errors(400, 401, 403)},
)
class AuditEventListView(generics.ListAPIView[AuditEvent]):
    """The audit log, for platform staff (`is_staff`) only."""

    permission_classes = (permissions.IsAdminUser,)
    serializer_class = AuditEventSerializer
    filter_backends = ()

    def get_queryset(self) -> QuerySet[AuditEvent]:
        filters = AuditEventFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return accounts_api.list_audit_events(**filters.validated_data)
