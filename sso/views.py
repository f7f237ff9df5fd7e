"""Thin views of the sso API (configuration for organisation administrators, the public list of
sign-in buttons) and the protocol-neutral sign-in door `/sso/<slug>/login/`."""

from typing import cast

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from sso import api as sso_api
from sso.models import IdentityProvider
from sso.serializers import (
    DiscoveryTestInputSerializer,
    DiscoveryTestSerializer,
    IdentityProviderSerializer,
    ProviderInputSerializer,
    SignInProviderQuerySerializer,
    SignInProviderSerializer,
)

NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Unknown, or not an organisation you administer"
)
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input (e.g. a refused issuer)")
TAGS = ["sso"]


def _user(request: Request) -> User:
    return cast(User, request.user)


def _ip(request: Request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def sign_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Start signing in with the provider `slug`, whatever its protocol."""
    provider = get_object_or_404(IdentityProvider, slug=slug)
    if not provider.is_enabled:
        return sso_api.failure_redirect("provider_disabled")
    if provider.protocol == IdentityProvider.Protocol.OIDC:
        return sso_api.start_oidc_login(request, provider)
    if provider.protocol == IdentityProvider.Protocol.SAML:
        return sso_api.start_saml_login(request, provider)
    raise Http404


class _WritesThrottled(APIView):
    throttle_scope = "sso_config"

    def get_throttles(self) -> list[BaseThrottle]:
        return [] if self.request.method == "GET" else super().get_throttles()


class ProviderListView(_WritesThrottled):
    @extend_schema(
        tags=TAGS,
        summary="The organisation's identity providers (administrators)",
        operation_id="sso_providers_list",
        responses={
            200: paginated(IdentityProviderSerializer, name="PaginatedIdentityProviderList"),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        providers = sso_api.list_providers_for_admin(
            user=_user(request), organization_slug=organization_slug
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(providers, request, view=self)
        data = IdentityProviderSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        tags=TAGS,
        summary="Add an identity provider (the client secret is never shown again)",
        operation_id="sso_providers_create",
        request=ProviderInputSerializer,
        responses={201: IdentityProviderSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str) -> Response:
        serializer = ProviderInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provider = sso_api.create_provider(
            user=_user(request),
            organization_slug=organization_slug,
            ip_address=_ip(request),
            **serializer.validated_data,
        )
        return Response(
            IdentityProviderSerializer(provider, context={"request": request}).data, 201
        )


class ProviderDetailView(_WritesThrottled):
    @extend_schema(
        tags=TAGS,
        summary="One identity provider (administrators)",
        operation_id="sso_providers_retrieve",
        responses={200: IdentityProviderSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str, provider_id: int) -> Response:
        provider = sso_api.get_provider_for_admin(
            user=_user(request), organization_slug=organization_slug, provider_id=provider_id
        )
        return Response(IdentityProviderSerializer(provider, context={"request": request}).data)

    @extend_schema(
        tags=TAGS,
        summary="Change an identity provider (an empty client secret keeps the stored one)",
        operation_id="sso_providers_update",
        request=ProviderInputSerializer(partial=True),
        responses={200: IdentityProviderSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def patch(self, request: Request, organization_slug: str, provider_id: int) -> Response:
        serializer = ProviderInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        provider = sso_api.update_provider(
            user=_user(request),
            organization_slug=organization_slug,
            provider_id=provider_id,
            ip_address=_ip(request),
            **serializer.validated_data,
        )
        return Response(IdentityProviderSerializer(provider, context={"request": request}).data)

    @extend_schema(
        tags=TAGS,
        summary="Delete an identity provider and its account links (the accounts stay)",
        operation_id="sso_providers_destroy",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, organization_slug: str, provider_id: int) -> Response:
        sso_api.delete_provider(
            user=_user(request),
            organization_slug=organization_slug,
            provider_id=provider_id,
            ip_address=_ip(request),
        )
        return Response(status=204)


class DiscoveryTestView(APIView):
    throttle_scope = "sso_config"

    @extend_schema(
        tags=TAGS,
        summary="Fetch an issuer's discovery document and report what it names, or the error",
        operation_id="sso_providers_test_discovery",
        request=DiscoveryTestInputSerializer,
        responses={200: DiscoveryTestSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str) -> Response:
        serializer = DiscoveryTestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        empty = {
            "issuer": "", "authorization_endpoint": "", "token_endpoint": "",
            "userinfo_endpoint": "", "jwks_uri": "", "scopes_supported": [],
            "signing_algorithms": [],
        }  # fmt: skip
        try:
            found = sso_api.test_discovery(
                user=_user(request),
                organization_slug=organization_slug,
                issuer=serializer.validated_data["oidc_issuer"],
            )
        except ValidationError as error:
            return Response({"is_ok": False, "error": error.messages[0], **empty})
        except sso_api.ProviderUnavailable as error:
            return Response({"is_ok": False, "error": str(error.message), **empty})
        return Response(
            {
                "is_ok": True,
                "error": "",
                "issuer": found.issuer,
                "authorization_endpoint": found.authorization_endpoint,
                "token_endpoint": found.token_endpoint,
                "userinfo_endpoint": found.userinfo_endpoint,
                "jwks_uri": found.jwks_uri,
                "scopes_supported": list(found.scopes_supported),
                "signing_algorithms": list(found.signing_algorithms),
            }
        )


class SignInProviderListView(APIView):
    permission_classes = (AllowAny,)
    throttle_scope = "sso_providers"

    @extend_schema(
        tags=TAGS,
        summary="Sign-in buttons: an organisation's enabled providers, or those matching a name",
        operation_id="sso_sign_in_providers",
        parameters=[SignInProviderQuerySerializer],
        responses={200: paginated(SignInProviderSerializer, name="PaginatedSignInProviderList")},
    )
    def get(self, request: Request) -> Response:
        query = SignInProviderQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        providers = sso_api.list_sign_in_providers(
            organization_slug=query.validated_data.get("organization", ""),
            search=query.validated_data["search"],
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(providers, request, view=self)
        return paginator.get_paginated_response(SignInProviderSerializer(page, many=True).data)
