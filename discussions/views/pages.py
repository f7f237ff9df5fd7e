"""Pages of threads and of replies answered from discussions.page_cache: built once as every
reader (or every moderator) of the course sees them, then completed per request with what is
the reader's own, in one query (follows, upvotes; authorship from the stored author id)."""

import hashlib
from collections.abc import Callable, Mapping
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Value
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from config.api import PageNumberPagination
from discussions import api as discussions_api
from discussions.page_cache import PAGES
from discussions.serializers import PostSerializer, ThreadSerializer

__all__ = ["post_page", "thread_page"]

# What a stored page is: (count, page number, rows as every reader sees them).
Stored = tuple[int, int, list[dict[str, Any]]]


def _page_of(
    request: Request,
    view: APIView,
    queryset: QuerySet[Any],
    serialize: Callable[[list[Any]], list[dict[str, Any]]],
) -> tuple[PageNumberPagination, Stored]:
    paginator = PageNumberPagination()
    rows = paginator.paginate_queryset(queryset, request, view=view) or []
    page = cast(Page, paginator.page)  # set by paginate_queryset, which raises NotFound else
    return paginator, (page.paginator.count, page.number, serialize(rows))


def _answer(request: Request, stored: Stored, results: list[dict[str, Any]]) -> Response:
    """The paginated answer of a stored page, as PageNumberPagination would give it."""
    count, number, _rows = stored
    paginator = PageNumberPagination()
    size = paginator.get_page_size(request) or paginator.page_size or 1
    counted = Paginator((), size)
    counted.__dict__["count"] = count  # Paginator.count is a cached_property
    paginator.page = Page(results, number, counted)
    paginator.request = request
    return paginator.get_paginated_response(results)


def _key(kind: str, request: Request, *parts: object) -> str:
    """The page's name: its kind and parts, and the query string (page, size, filters) in any
    order, hashed (a search can be long)."""
    query = sorted((name, request.query_params.getlist(name)) for name in request.query_params)
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    return ":".join([kind, *(str(part) for part in parts), digest])


def thread_page(
    request: Request, view: APIView, *, user: User, course_slug: str, filters: Mapping[str, Any]
) -> Response:
    """A page of the course's threads with the reader's follows. Raises Course.DoesNotExist."""
    access = discussions_api.get_course_for_reader(user=user, course_slug=course_slug)
    if not access.is_moderator and discussions_api.has_own_unseen_threads(
        user=user, access=access
    ):  # their own held or hidden threads are in their list only: not a shared page
        threads = discussions_api.course_threads(access=access, reader=user, **filters)
        with_follows = discussions_api.with_follows(threads, user=user)
        paginator, stored = _page_of(request, view, with_follows, _serialize_threads)
        return paginator.get_paginated_response(stored[2])

    def build() -> Stored:
        threads = discussions_api.course_threads(access=access, reader=None, **filters)
        unfollowed = threads.annotate(is_following=Value(False))
        return _page_of(request, view, unfollowed, _serialize_threads)[1]

    role = "moderator" if access.is_moderator else "reader"
    stored = PAGES.get_or_build(_key("threads", request, role), build, scope=access.course.pk)
    rows = stored[2]
    followed = discussions_api.followed_among(user=user, thread_ids=[row["id"] for row in rows])
    return _answer(
        request, stored, [{**row, "is_following": row["id"] in followed} for row in rows]
    )


def post_page(request: Request, view: APIView, *, user: User, thread_id: int) -> Response:
    """A page of a thread's replies with the reader's upvotes and own posts. Raises
    Thread.DoesNotExist."""
    thread, access = discussions_api.get_thread_for_reader(user=user, thread_id=thread_id)
    context = {"user_id": None, "is_moderator": access.is_moderator}
    if not access.is_moderator and discussions_api.has_own_held_posts(user=user, thread=thread):
        posts = discussions_api.thread_posts(thread=thread, access=access, reader=user)
        own = {**context, "user_id": user.pk}
        paginator, stored = _page_of(
            request,
            view,
            posts,
            lambda page: list(PostSerializer(page, many=True, context=own).data),
        )
        return paginator.get_paginated_response(stored[2])

    def serialize(page: list[Any]) -> list[dict[str, Any]]:
        rows = PostSerializer(page, many=True, context=context).data
        shows_text = PostSerializer(context=context).shows_text
        # Kept beside each row for the request that completes it: who wrote it, and its
        # Markdown source (shown to its author only, for their editor).
        return [
            {**row, "_author": post.author_id, "_body": post.body if shows_text(post) else ""}
            for row, post in zip(rows, page, strict=True)
        ]

    def build() -> Stored:
        posts = discussions_api.thread_posts(thread=thread, access=access, reader=None)
        return _page_of(request, view, posts, serialize)[1]

    role = "moderator" if access.is_moderator else "reader"
    stored = PAGES.get_or_build(
        _key("posts", request, thread.pk, role), build, scope=thread.course_id
    )
    rows = stored[2]
    upvoted = discussions_api.upvoted_among(user=user, post_ids=[row["id"] for row in rows])
    return _answer(request, stored, [_own(row, user=user, upvoted=upvoted) for row in rows])


def _own(row: dict[str, Any], *, user: User, upvoted: set[int]) -> dict[str, Any]:
    public = {name: value for name, value in row.items() if not name.startswith("_")}
    is_mine = row["_author"] == user.pk
    return {
        **public,
        "is_mine": is_mine,
        "body": row["_body"] if is_mine else "",
        "is_upvoted": row["id"] in upvoted,
    }


def _serialize_threads(page: list[Any]) -> list[dict[str, Any]]:
    return list(ThreadSerializer(page, many=True).data)
