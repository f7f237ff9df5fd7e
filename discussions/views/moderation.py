"""Reports and moderation: report a post; an organisation's queue, hide/restore, lock/pin,
mutes and word list; and one's own e-mail preference."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import PageNumberPagination, paginated
from discussions import api as discussions_api
from discussions.serializers import (
    MuteInputSerializer,
    MuteSerializer,
    PostModerationInputSerializer,
    PostSerializer,
    PreferenceSerializer,
    QueueItemSerializer,
    ReportInputSerializer,
    ReportOutputSerializer,
    ThreadModerationInputSerializer,
    ThreadSerializer,
    WordFilterSerializer,
)
from discussions.views.common import FORBIDDEN, INVALID, NOT_FOUND, request_user
from discussions.views.threads import _post_data

TAGS = ["discussion moderation"]


class ReportView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Report someone's post to the moderators",
        request=ReportInputSerializer,
        responses={201: ReportOutputSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, post_id: int) -> Response:
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = discussions_api.report_post(
            user=request_user(request), post_id=post_id, **serializer.validated_data
        )
        return Response(ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class PostModerationView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Hide, restore, or dismiss the reports of a post",
        request=PostModerationInputSerializer,
        responses={200: PostSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, post_id: int) -> Response:
        serializer = PostModerationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.moderate_post(
            user=request_user(request),
            post_id=post_id,
            action=serializer.validated_data["action"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(_post_data(request, post_id))


class ThreadModerationView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Lock, unlock, pin or unpin a thread",
        request=ThreadModerationInputSerializer,
        responses={200: ThreadSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def post(self, request: Request, thread_id: int) -> Response:
        serializer = ThreadModerationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        thread = discussions_api.moderate_thread(
            user=request_user(request),
            thread_id=thread_id,
            action=serializer.validated_data["action"],
            ip_address=accounts_api.client_ip_address(request=request),
        )
        thread.is_following = False  # type: ignore[attr-defined]
        return Response(ThreadSerializer(thread).data)


class QueueView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An organisation's moderation queue: reported and held posts",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated(QueueItemSerializer, name="PaginatedQueueList"), 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        posts = discussions_api.moderation_queue(user=request_user(request), organization_slug=slug)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(posts, request, view=self) or []
        return paginator.get_paginated_response(QueueItemSerializer(page, many=True).data)


class MuteListView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An organisation's running mutes",
        responses={200: MuteSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        mutes = discussions_api.list_mutes(user=request_user(request), organization_slug=slug)
        return Response(MuteSerializer(mutes[:500], many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Mute a user in the organisation's courses for some days",
        request=MuteInputSerializer,
        responses={201: MuteSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = MuteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mute = discussions_api.mute_user(
            user=request_user(request), organization_slug=slug, **serializer.validated_data
        )
        return Response(MuteSerializer(mute).data, status=status.HTTP_201_CREATED)


class MuteDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="End a user's mute now",
        responses={204: None, 404: NOT_FOUND},
    )
    def delete(self, request: Request, slug: str, user_id: int) -> Response:
        discussions_api.unmute_user(
            user=request_user(request), organization_slug=slug, user_id=user_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class WordFilterView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="An organisation's word list (posts with a listed word are held)",
        responses={200: WordFilterSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        words = discussions_api.get_word_filter(user=request_user(request), organization_slug=slug)
        return Response({"words": words})

    @extend_schema(
        tags=TAGS,
        summary="Replace an organisation's word list",
        request=WordFilterSerializer,
        responses={200: WordFilterSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def put(self, request: Request, slug: str) -> Response:
        serializer = WordFilterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        words = discussions_api.set_word_filter(
            user=request_user(request), organization_slug=slug, **serializer.validated_data
        )
        return Response({"words": words})


class PreferenceView(APIView):
    @extend_schema(
        tags=["discussions"],
        summary="How I get discussion e-mail",
        responses={200: PreferenceSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response({"email_mode": discussions_api.get_email_mode(user=request_user(request))})

    @extend_schema(
        tags=["discussions"],
        summary="Choose discussion e-mail: at once, a daily digest, or none",
        request=PreferenceSerializer,
        responses={200: PreferenceSerializer, 400: INVALID},
    )
    def put(self, request: Request) -> Response:
        serializer = PreferenceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        mode = discussions_api.set_email_mode(
            user=request_user(request), **serializer.validated_data
        )
        return Response({"email_mode": mode})
