"""What the enrollment views share: the request's user and language, and error responses."""

from typing import cast

from drf_spectacular.utils import OpenApiResponse
from rest_framework.request import Request

from accounts.models import User
from config.api import ErrorSerializer

__all__ = ["INVALID", "NOT_FOUND", "request_language", "request_user"]

NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
INVALID = OpenApiResponse(ErrorSerializer, description="Invalid input")


def request_user(request: Request) -> User:
    """The signed-in user (the views' permission classes have checked there is one)."""
    return cast(User, request.user)


def request_language(request: Request) -> str:
    """The language the request was negotiated in (LocaleMiddleware)."""
    return str(getattr(request, "LANGUAGE_CODE", "en"))
