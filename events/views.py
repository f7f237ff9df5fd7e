"""Thin views of the events API: validate, call `events.api`, serialize."""

import uuid
from typing import Any, cast

from django.http import HttpResponse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from accounts.models import User
from config.api import ErrorSerializer, PageNumberPagination, paginated
from events import api as events_api
from events.models import Event
from events.serializers import (
    AttendanceRowSerializer,
    AttendanceUploadSerializer,
    CheckInSerializer,
    EventDetailSerializer,
    EventDraftSerializer,
    EventSerializer,
    MyRegistrationSerializer,
    RegistrationSerializer,
    RevocationInputSerializer,
    RevokedCredentialSerializer,
    StaffRegistrationSerializer,
)

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Your role does not allow it")
ICS = OpenApiResponse(OpenApiTypes.BINARY, description="iCalendar (text/calendar)")


def _user(request: Request) -> User:
    return cast(User, request.user)


def _detail(request: Request, event: Event) -> dict[str, Any]:
    user = _user(request)
    roles = events_api.event_roles(user=user, event=event)
    context = {
        "registration": events_api.registration_of(user=user, event=event),
        "is_staff": bool(roles & set(events_api.STAFF_ROLES)),
        "can_edit": bool(roles & set(events_api.EDITOR_ROLES)),
        "can_publish": bool(roles & set(events_api.PUBLISHER_ROLES)),
    }
    data: dict[str, Any] = EventDetailSerializer(event, context=context).data
    return data


def _boolean(value: str | None) -> bool | None:
    return None if value in (None, "") else value in ("true", "1")


class EventListView(APIView):
    permission_classes = (permissions.IsAuthenticatedOrReadOnly,)

    @extend_schema(
        tags=["events"],
        summary="Upcoming published events",
        operation_id="events_list",
        parameters=[
            OpenApiParameter("organization", str),
            OpenApiParameter("kind", str, enum=Event.Kind.values),
            OpenApiParameter("language", str),
            OpenApiParameter("online", bool),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: paginated(EventSerializer, name="PaginatedEventList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        events = events_api.list_upcoming_events(
            organization=request.query_params.get("organization"),
            kind=request.query_params.get("kind"),
            language=request.query_params.get("language"),
            is_online=_boolean(request.query_params.get("online")),
        )
        page = paginator.paginate_queryset(events, request, view=self) or []
        return paginator.get_paginated_response(EventSerializer(page, many=True).data)

    @extend_schema(
        tags=["events"],
        summary="Create a draft event (authors and admins of the organisation)",
        operation_id="events_create",
        request=EventDraftSerializer,
        responses={201: EventDetailSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request) -> Response:
        serializer = EventDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        organization = fields.pop("organization", "")
        event = events_api.create_event(
            user=_user(request), organization_slug=organization, fields=fields
        )
        event = events_api.get_event_for_user(user=_user(request), slug=event.slug)
        return Response(_detail(request, event), status=201)


class StaffEventListView(APIView):
    @extend_schema(
        tags=["events"],
        summary="Events of my organisations (drafts too)",
        operation_id="events_staff_list",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated(EventSerializer, name="PaginatedStaffEventList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        events = events_api.list_events_for_staff(user=_user(request))
        page = paginator.paginate_queryset(events, request, view=self) or []
        return paginator.get_paginated_response(EventSerializer(page, many=True).data)


class MyRegistrationsView(APIView):
    @extend_schema(
        tags=["events"],
        summary="My registrations, attendances and attendance credentials",
        operation_id="events_my_registrations",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated(MyRegistrationSerializer, name="PaginatedMyRegistrationList")},
    )
    def get(self, request: Request) -> Response:
        paginator = PageNumberPagination()
        registrations = events_api.list_my_registrations(user=_user(request))
        page = paginator.paginate_queryset(registrations, request, view=self) or []
        return paginator.get_paginated_response(MyRegistrationSerializer(page, many=True).data)


class EventDetailView(APIView):
    permission_classes = (permissions.IsAuthenticatedOrReadOnly,)

    @extend_schema(
        tags=["events"],
        summary="One event",
        operation_id="events_retrieve",
        responses={200: EventDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        event = events_api.get_event_for_user(user=_user(request), slug=slug)
        return Response(_detail(request, event))

    @extend_schema(
        tags=["events"],
        summary="Edit an event (authors and admins of the organisation)",
        operation_id="events_update",
        request=EventDraftSerializer,
        responses={200: EventDetailSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        serializer = EventDraftSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        fields.pop("organization", None)
        events_api.update_event(user=_user(request), slug=slug, fields=fields)
        event = events_api.get_event_for_user(user=_user(request), slug=slug)
        return Response(_detail(request, event))


class PublishView(APIView):
    @extend_schema(
        tags=["events"],
        summary="Publish an event (approvers and admins of the organisation)",
        operation_id="events_publish",
        request=None,
        responses={200: EventDetailSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        events_api.publish_event(
            user=_user(request),
            slug=slug,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        event = events_api.get_event_for_user(user=_user(request), slug=slug)
        return Response(_detail(request, event))


class RegistrationView(APIView):
    @extend_schema(
        tags=["events"],
        summary="Register (or join the waitlist when full)",
        operation_id="events_register",
        request=None,
        responses={201: RegistrationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        registration = events_api.register_for_event(user=_user(request), slug=slug)
        return Response(RegistrationSerializer(registration).data, status=201)

    @extend_schema(
        tags=["events"],
        summary="Cancel my registration (the first waitlisted takes the place)",
        operation_id="events_cancel_registration",
        request=None,
        responses={200: RegistrationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def delete(self, request: Request, slug: str) -> Response:
        registration = events_api.cancel_registration(user=_user(request), slug=slug)
        return Response(RegistrationSerializer(registration).data)


class CheckInView(APIView):
    throttle_scope = "event_check_in"

    @extend_schema(
        tags=["events"],
        summary="Record my attendance with the event's check-in code",
        operation_id="events_check_in",
        request=CheckInSerializer,
        responses={200: RegistrationSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = CheckInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = events_api.check_in(
            user=_user(request),
            slug=slug,
            code=serializer.validated_data["code"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(RegistrationSerializer(registration).data)


class StaffRegistrationsView(APIView):
    @extend_schema(
        tags=["events"],
        summary="An event's registrations (staff of its organisation)",
        operation_id="events_registrations",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={
            200: paginated(StaffRegistrationSerializer, name="PaginatedStaffRegistrationList"),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        event = events_api.get_event_for_staff(user=_user(request), slug=slug)
        paginator = PageNumberPagination()
        page = (
            paginator.paginate_queryset(
                events_api.list_registrations(event=event), request, view=self
            )
            or []
        )
        return paginator.get_paginated_response(StaffRegistrationSerializer(page, many=True).data)


class AttendanceUploadView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["events"],
        summary="Record attendance from a CSV of e-mail addresses (a report per row)",
        operation_id="events_attendance_upload",
        request={"multipart/form-data": AttendanceUploadSerializer},
        responses={200: AttendanceRowSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = AttendanceUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = events_api.record_attendance_csv(
            user=_user(request),
            slug=slug,
            content=serializer.validated_data["file"].read(),
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(AttendanceRowSerializer(report, many=True).data)


class RevokeAttendanceView(APIView):
    @extend_schema(
        tags=["events"],
        summary="Approvers and admins: revoke an attendance credential of the event, with a reason",
        operation_id="events_credential_revoke",
        request=RevocationInputSerializer,
        responses={200: RevokedCredentialSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str, credential_id: uuid.UUID) -> Response:
        serializer = RevocationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = events_api.revoke_attendance(
            user=_user(request),
            slug=slug,
            credential_id=credential_id,
            reason=serializer.validated_data["reason"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(RevokedCredentialSerializer(registration).data)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventCalendarView(APIView):
    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        tags=["events"],
        summary="The event as iCalendar (.ics)",
        operation_id="events_ics",
        responses={(200, "text/calendar"): ICS, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> HttpResponse:
        user = _user(request)
        event = events_api.get_event_for_user(user=user, slug=slug)
        registration = events_api.registration_of(user=user, event=event)
        registered = registration is not None and registration.status == "registered"
        content = events_api.calendar_document(
            [event],
            language=translation.get_language(),
            name=event.organization.name,
            meeting_urls_for={event.pk} if registered else set(),
        )
        return _ics_response(content, f"{event.slug}.ics")


class OrganizationFeedView(APIView):
    permission_classes = (permissions.AllowAny,)

    @extend_schema(
        tags=["events"],
        summary="An organisation's published events as an iCalendar feed",
        operation_id="events_organization_feed",
        responses={(200, "text/calendar"): ICS},
    )
    def get(self, request: Request, organization: str) -> HttpResponse:
        events = list(events_api.organization_feed_events(organization_slug=organization))
        name = events[0].organization.name if events else organization
        content = events_api.calendar_document(
            events, language=translation.get_language(), name=name, meeting_urls_for=set()
        )
        return _ics_response(content, f"{organization}-events.ics")
