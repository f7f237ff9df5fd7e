"""The review workflow's endpoints: moving a version through its states, what it changes
against the published one, and review comments."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api as accounts_api
from config.api import ErrorSerializer, PageNumberPagination, paginated
from courses import api as courses_api
from courses.serializers.authoring import VersionSummarySerializer
from courses.serializers.review import (
    DiffSerializer,
    ReviewCommentInputSerializer,
    ReviewCommentQuerySerializer,
    ReviewCommentSerializer,
    ReviewCommentUpdateSerializer,
    TransitionInputSerializer,
)
from courses.views.common import NOT_FOUND, request_user


class CourseTransitionView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Workflow: submit, approve, request_changes, publish, archive",
        description="submit (author): draft → in_review; approve (reviewer, not the submitter): "
        "in_review → approved; request_changes (reviewer): in_review/approved → draft; publish "
        "(approver): approved → published, archiving the previous published version; archive "
        "(approver): published → archived.",
        request=TransitionInputSerializer,
        responses={
            200: VersionSummarySerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = courses_api.transition_version(
            user=request_user(request),
            slug=slug,
            **serializer.validated_data,
            ip_address=accounts_api.client_ip_address(request=request),
        )
        return Response(VersionSummarySerializer(version).data)


class CourseDiffView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="What the working version changes against the published one",
        responses={200: DiffSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        course = courses_api.get_course_for_member(user=request_user(request), slug=slug)
        return Response(DiffSerializer(courses_api.diff_against_published(course=course)).data)


def comment_context(
    request: Request, comments: list[Any], language: str | None = None
) -> dict[str, Any]:
    """What ReviewCommentSerializer needs: who asks, and the titles of the lessons commented
    on in `language` (else the request's)."""
    language = language or str(getattr(request, "LANGUAGE_CODE", "en"))
    return {
        "user_id": request.user.pk,
        "lesson_titles": courses_api.lesson_titles(comments=comments, language=language),
    }


class ReviewCommentListView(APIView):
    @extend_schema(
        tags=["authoring"],
        operation_id="authoring_courses_comments_list",
        summary="Review comments on a course, oldest first",
        description="For every member of an owning institution. Each comment is about one "
        "lesson (`lesson`, its stable key, as in the diff) of one version, or about the whole "
        "version (`lesson` null). Lesson titles are in `lang` (else Accept-Language), falling "
        "back to the version's primary language.",
        parameters=[ReviewCommentQuerySerializer],
        responses={
            200: paginated(ReviewCommentSerializer, name="PaginatedReviewCommentList"),
            400: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        query = ReviewCommentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        comments = courses_api.list_review_comments(
            user=request_user(request),
            slug=slug,
            version_number=filters.get("version"),
            lesson_key=filters.get("lesson"),
            is_resolved=filters.get("is_resolved"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(comments, request, view=self) or []
        context = comment_context(request, page, filters.get("lang"))
        return paginator.get_paginated_response(
            ReviewCommentSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        tags=["authoring"],
        summary="Comment on a lesson of a version, or on the whole version",
        description="Authors, reviewers and approvers of an owning institution. `version` "
        "defaults to the working version (else the latest); `lesson` must be a lesson of it.",
        request=ReviewCommentInputSerializer,
        responses={
            201: ReviewCommentSerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def post(self, request: Request, slug: str) -> Response:
        serializer = ReviewCommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        comment = courses_api.add_review_comment(
            user=request_user(request),
            slug=slug,
            body=data["body"],
            lesson_key=data["lesson"],
            version_number=data["version"],
        )
        return Response(
            ReviewCommentSerializer(comment, context=comment_context(request, [comment])).data,
            status=status.HTTP_201_CREATED,
        )


class ReviewCommentDetailView(APIView):
    @extend_schema(
        tags=["authoring"],
        summary="Resolve a review comment, or open it again (idempotent)",
        request=ReviewCommentUpdateSerializer,
        responses={
            200: ReviewCommentSerializer,
            400: OpenApiResponse(ErrorSerializer),
            403: OpenApiResponse(ErrorSerializer),
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, slug: str, comment_id: int) -> Response:
        serializer = ReviewCommentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = courses_api.set_review_comment_resolved(
            user=request_user(request),
            slug=slug,
            comment_id=comment_id,
            is_resolved=serializer.validated_data["is_resolved"],
        )
        return Response(
            ReviewCommentSerializer(comment, context=comment_context(request, [comment])).data
        )
