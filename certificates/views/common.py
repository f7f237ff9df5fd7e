"""What the certificate views share: the signed-in user and the error answers they document."""

from typing import cast

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request

from accounts.models import User
from config.api import ErrorSerializer

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")


def request_user(request: Request) -> User:
    """The user of a request that the view's permissions let in signed in."""
    return cast(User, request.user)
