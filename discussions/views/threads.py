"""Threads and posts: list and open threads in a course, reply, edit, delete, react."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import paginated
from discussions import api as discussions_api
from discussions.serializers import (
    AnsweredInputSerializer,
    AttachmentUploadSerializer,
    EditInputSerializer,
    EndorseInputSerializer,
    FollowInputSerializer,
    PostAttachmentSerializer,
    PostSerializer,
    ReplyInputSerializer,
    ThreadDetailSerializer,
    ThreadFilterSerializer,
    ThreadInputSerializer,
    ThreadSerializer,
    UpvoteInputSerializer,
)
from discussions.views.common import (
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    THROTTLED,
    PostingView,
    request_user,
)
from discussions.views.pages import post_page, thread_page

TAGS = ["discussions"]


def _thread_detail(request: Request, thread_id: int, status_code: int = 200) -> Response:
    user = request_user(request)
    thread, is_moderator, opening = discussions_api.get_thread(user=user, thread_id=thread_id)
    context = {"user_id": user.pk, "is_moderator": is_moderator}
    data = {
        "thread": ThreadSerializer(thread).data,
        "opening_post": PostSerializer(opening, context=context).data,
        "is_moderator": is_moderator,
        "course_slug": thread.course.slug,
    }
    return Response(data, status=status_code)


class CourseThreadsView(PostingView):
    @extend_schema(
        tags=TAGS,
        summary="A course's discussion threads",
        description="Pinned first, then the most recently active. `q` searches titles and "
        "opening posts in every language (each word as a substring, so Chinese is found "
        "without spaces).",
        parameters=[
            ThreadFilterSerializer,
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={
            200: paginated(ThreadSerializer, name="PaginatedThreadList"),
            400: INVALID,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        filters = ThreadFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        values = filters.validated_data
        return thread_page(
            request,
            self,
            user=request_user(request),
            course_slug=slug,
            filters={
                "kind": values.get("kind"),
                "language": values.get("language"),
                "is_answered": values.get("is_answered"),
                "lesson_key": values.get("lesson_key"),
                "query": values.get("q", ""),
            },
        )

    @extend_schema(
        tags=TAGS,
        summary="Open a thread (question, discussion, or announcement by staff)",
        request=ThreadInputSerializer,
        responses={
            201: ThreadDetailSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = ThreadInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        thread = discussions_api.start_thread(
            user=request_user(request), course_slug=slug, **serializer.validated_data
        )
        return _thread_detail(request, thread.pk, status.HTTP_201_CREATED)


class ThreadDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="A thread with its opening post",
        responses={200: ThreadDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, thread_id: int) -> Response:
        return _thread_detail(request, thread_id)


class ThreadPostsView(PostingView):
    @extend_schema(
        tags=TAGS,
        summary="The replies of a thread",
        description="In order, each reply's own replies right after it (`parent_id`).",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: paginated(PostSerializer, name="PaginatedPostList"), 404: NOT_FOUND},
    )
    def get(self, request: Request, thread_id: int) -> Response:
        return post_page(request, self, user=request_user(request), thread_id=thread_id)

    @extend_schema(
        tags=TAGS,
        summary="Reply to a thread, or to a reply in it",
        request=ReplyInputSerializer,
        responses={
            201: PostSerializer,
            400: INVALID,
            403: FORBIDDEN,
            404: NOT_FOUND,
            429: THROTTLED,
        },
    )
    def post(self, request: Request, thread_id: int) -> Response:
        serializer = ReplyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = request_user(request)
        values = serializer.validated_data
        post = discussions_api.reply_to_thread(
            user=user,
            thread_id=thread_id,
            body=values["body"],
            parent_id=values["parent_id"],
            attachment_keys=values["attachment_keys"],
        )
        return Response(_post_data(request, post.pk), status=status.HTTP_201_CREATED)


def _post_data(request: Request, post_id: int) -> dict[str, object]:
    user = request_user(request)
    post, access = discussions_api.get_post_for_reader(user=user, post_id=post_id)
    post.is_upvoted = post.upvotes.filter(user=user).exists()  # type: ignore[attr-defined]
    context = {"user_id": user.pk, "is_moderator": access.is_moderator}
    return dict(PostSerializer(post, context=context).data)


class PostDetailView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Edit my post",
        request=EditInputSerializer,
        responses={200: PostSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def patch(self, request: Request, post_id: int) -> Response:
        serializer = EditInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.edit_post(
            user=request_user(request), post_id=post_id, body=serializer.validated_data["body"]
        )
        return Response(_post_data(request, post_id))

    @extend_schema(
        tags=TAGS,
        summary="Delete my post (a “deleted” placeholder stays)",
        responses={200: PostSerializer, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def delete(self, request: Request, post_id: int) -> Response:
        discussions_api.delete_post(user=request_user(request), post_id=post_id)
        return Response(_post_data(request, post_id))


class UpvoteView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Upvote a post, or take the upvote back",
        request=UpvoteInputSerializer,
        responses={200: PostSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def put(self, request: Request, post_id: int) -> Response:
        serializer = UpvoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.set_upvote(
            user=request_user(request), post_id=post_id, **serializer.validated_data
        )
        return Response(_post_data(request, post_id))


class EndorseView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Endorse a reply as the course's staff (or withdraw it)",
        request=EndorseInputSerializer,
        responses={200: PostSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, post_id: int) -> Response:
        serializer = EndorseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.endorse_post(
            user=request_user(request), post_id=post_id, **serializer.validated_data
        )
        return Response(_post_data(request, post_id))


class FollowView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Follow a thread (or stop)",
        request=FollowInputSerializer,
        responses={200: ThreadDetailSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def put(self, request: Request, thread_id: int) -> Response:
        serializer = FollowInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.follow_thread(
            user=request_user(request), thread_id=thread_id, **serializer.validated_data
        )
        return _thread_detail(request, thread_id)


class AnsweredView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Mark a question answered (its asker or staff)",
        request=AnsweredInputSerializer,
        responses={200: ThreadDetailSerializer, 400: INVALID, 403: FORBIDDEN, 404: NOT_FOUND},
    )
    def put(self, request: Request, thread_id: int) -> Response:
        serializer = AnsweredInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        discussions_api.mark_answered(
            user=request_user(request), thread_id=thread_id, **serializer.validated_data
        )
        return _thread_detail(request, thread_id)


class AttachmentUploadView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=TAGS,
        summary="Upload a file to attach to a post (PNG, JPEG or PDF)",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: PostAttachmentSerializer, 400: INVALID, 404: NOT_FOUND},
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = AttachmentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = discussions_api.upload_attachment(
            user=request_user(request), course_slug=slug, file=serializer.validated_data["file"]
        )
        return Response(PostAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)
