"""Thin views of the webhooks API: validate, call `webhooks.api`, serialize. Organisation
administrators only; everyone else gets the 404 of an unknown organisation."""

import uuid
from typing import cast

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from webhooks import api as webhooks_api
from webhooks.models import Delivery, EventType
from webhooks.serializers import (
    DeliveryQuerySerializer,
    DeliverySerializer,
    EndpointInputSerializer,
    EndpointSerializer,
    EndpointUpdateSerializer,
    EndpointWithSecretSerializer,
)

NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Unknown, or not an organisation you administer"
)
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input (e.g. a refused URL)")
TAGS = ["webhooks"]


def _user(request: Request) -> User:
    return cast(User, request.user)


class EndpointListView(APIView):
    throttle_scope = "webhooks"

    def get_throttles(self) -> list[BaseThrottle]:
        # Reading the list is not throttled; registering is.
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        tags=TAGS,
        summary="The organisation's webhook endpoints (administrators)",
        operation_id="webhook_endpoints_list",
        responses={200: EndpointSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str) -> Response:
        endpoints = webhooks_api.list_endpoints(
            user=_user(request), organization_slug=organization_slug
        )
        return Response(EndpointSerializer(endpoints, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Register a webhook endpoint; the answer shows its secret this once",
        operation_id="webhook_endpoints_create",
        request=EndpointInputSerializer,
        responses={201: EndpointWithSecretSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str) -> Response:
        serializer = EndpointInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint, secret = webhooks_api.create_endpoint(
            user=_user(request), organization_slug=organization_slug, **serializer.validated_data
        )
        data = EndpointWithSecretSerializer(endpoint, context={"secret": secret}).data
        return Response(data, status=201)


class EndpointDetailView(APIView):
    throttle_scope = "webhooks"

    def get_throttles(self) -> list[BaseThrottle]:
        return [] if self.request.method == "GET" else super().get_throttles()

    @extend_schema(
        tags=TAGS,
        summary="One webhook endpoint",
        operation_id="webhook_endpoints_retrieve",
        responses={200: EndpointSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        endpoint = webhooks_api.get_endpoint_for_admin(
            user=_user(request), organization_slug=organization_slug, endpoint_id=endpoint_id
        )
        return Response(EndpointSerializer(endpoint).data)

    @extend_schema(
        tags=TAGS,
        summary="Change an endpoint; `is_active: true` enables a disabled one again",
        operation_id="webhook_endpoints_update",
        request=EndpointUpdateSerializer,
        responses={200: EndpointSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def patch(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        serializer = EndpointUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        endpoint = webhooks_api.update_endpoint(
            user=_user(request),
            organization_slug=organization_slug,
            endpoint_id=endpoint_id,
            **serializer.validated_data,
        )
        return Response(EndpointSerializer(endpoint).data)

    @extend_schema(
        tags=TAGS,
        summary="Remove an endpoint and its delivery log",
        operation_id="webhook_endpoints_destroy",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        webhooks_api.delete_endpoint(
            user=_user(request), organization_slug=organization_slug, endpoint_id=endpoint_id
        )
        return Response(status=204)


class RotateSecretView(APIView):
    throttle_scope = "webhooks"

    @extend_schema(
        tags=TAGS,
        summary="Rotate the signing secret; the old one keeps signing through a grace period",
        operation_id="webhook_endpoints_rotate_secret",
        request=None,
        responses={200: EndpointWithSecretSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        endpoint, secret = webhooks_api.rotate_endpoint_secret(
            user=_user(request), organization_slug=organization_slug, endpoint_id=endpoint_id
        )
        return Response(EndpointWithSecretSerializer(endpoint, context={"secret": secret}).data)


class TestDeliveryView(APIView):
    throttle_scope = "webhooks"

    @extend_schema(
        tags=TAGS,
        summary="Send a `webhook.test` message to the endpoint",
        operation_id="webhook_endpoints_test",
        request=None,
        responses={202: DeliverySerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        delivery = webhooks_api.send_test_delivery(
            user=_user(request), organization_slug=organization_slug, endpoint_id=endpoint_id
        )
        return Response(DeliverySerializer(delivery).data, status=202)


class DeliveryListView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The endpoint's delivery log, newest first",
        operation_id="webhook_deliveries_list",
        parameters=[
            OpenApiParameter("state", str, enum=Delivery.State.values),
            OpenApiParameter(
                "event_type", str, enum=[*EventType.values, webhooks_api.TEST_EVENT_TYPE]
            ),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={
            200: paginated(DeliverySerializer, name="PaginatedWebhookDeliveryList"),
            400: INVALID,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, organization_slug: str, endpoint_id: uuid.UUID) -> Response:
        query = DeliveryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        deliveries = webhooks_api.list_deliveries(
            user=_user(request),
            organization_slug=organization_slug,
            endpoint_id=endpoint_id,
            state=query.validated_data.get("state"),
            event_type=query.validated_data.get("event_type"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(deliveries, request, view=self) or []
        return paginator.get_paginated_response(DeliverySerializer(page, many=True).data)


class RedeliverView(APIView):
    throttle_scope = "webhooks"

    @extend_schema(
        tags=TAGS,
        summary="Send a finished delivery again (same message id and body)",
        operation_id="webhook_deliveries_redeliver",
        request=None,
        responses={202: DeliverySerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(
        self, request: Request, organization_slug: str, endpoint_id: uuid.UUID, delivery_id: int
    ) -> Response:
        delivery = webhooks_api.redeliver(
            user=_user(request),
            organization_slug=organization_slug,
            endpoint_id=endpoint_id,
            delivery_id=delivery_id,
        )
        return Response(DeliverySerializer(delivery).data, status=202)
