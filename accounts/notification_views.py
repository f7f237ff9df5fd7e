"""The bell: the signed-in user's notifications, their unread count, and marking them read."""

from typing import cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import Notification, User
from config.api import ErrorSerializer, PageNumberPagination, StrictSerializer, paginated


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ("id", "topic", "title", "body", "link", "created_at", "is_read")
        read_only_fields = fields

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationFilterSerializer(serializers.Serializer):
    is_unread = serializers.BooleanField(required=False, allow_null=True, default=None)


class UnreadCountSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class MarkReadInputSerializer(StrictSerializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        allow_null=True,
        default=None,
        max_length=500,
        help_text="The notifications to mark read; omit to mark every one read.",
    )


class NotificationListView(APIView):
    @extend_schema(
        tags=["notifications"],
        summary="My notifications, newest first",
        parameters=[
            OpenApiParameter("is_unread", bool),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={
            200: paginated(NotificationSerializer, name="PaginatedNotificationList"),
            400: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        filters = NotificationFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = PageNumberPagination()
        notifications = accounts_api.list_notifications(
            user=cast(User, request.user), **filters.validated_data
        )
        page = paginator.paginate_queryset(notifications, request, view=self) or []
        return paginator.get_paginated_response(NotificationSerializer(page, many=True).data)


class UnreadCountView(APIView):
    @extend_schema(
        tags=["notifications"],
        summary="How many of my notifications are unread",
        responses={200: UnreadCountSerializer},
    )
    def get(self, request: Request) -> Response:
        count = accounts_api.unread_notification_count(user=cast(User, request.user))
        return Response({"unread": count})


class MarkReadView(APIView):
    @extend_schema(
        tags=["notifications"],
        summary="Mark notifications read",
        request=MarkReadInputSerializer,
        responses={200: UnreadCountSerializer, 400: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = MarkReadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = cast(User, request.user)
        accounts_api.mark_notifications_read(user=user, ids=serializer.validated_data["ids"])
        return Response({"unread": accounts_api.unread_notification_count(user=user)})
