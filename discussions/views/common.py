"""What the discussions views share: the signed-in user, documented errors, the posting
throttle (stricter for new accounts)."""

from datetime import timedelta
from typing import cast

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from accounts.models import User
from config.api import ErrorSerializer

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours to see")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="Not allowed for you")
THROTTLED = OpenApiResponse(ErrorSerializer, description="Too many posts; wait and retry")


def request_user(request: Request) -> User:
    """The user of a request that the view's permissions let in signed in."""
    return cast(User, request.user)


class PostingView(APIView):
    """A view whose POST writes a post: throttled per user with the `discussion_post` rate,
    or `discussion_post_new` for an account younger than DISCUSSION_NEW_ACCOUNT_DAYS (spam
    comes from fresh accounts)."""

    def get_throttles(self) -> list[BaseThrottle]:
        if self.request.method != "POST":
            return []
        user = self.request.user
        joined = getattr(user, "date_joined", None)
        age = timedelta(days=settings.DISCUSSION_NEW_ACCOUNT_DAYS)
        is_new = joined is not None and joined > timezone.now() - age
        self.throttle_scope = "discussion_post_new" if is_new else "discussion_post"
        return super().get_throttles()
