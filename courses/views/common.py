"""What the course views share: the `lang` parameter, the signed-in user, the version asked for,
the error answers they document, and how an upload's refusals are answered."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from config.api import ErrorSerializer, PayloadTooLarge, StorageUnavailable
from courses import api as courses_api
from courses.models import Course, CourseVersion
from courses.serializers.catalog import CatalogQuerySerializer

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=[code for code, _name in settings.LANGUAGES],
    description="Language to answer in (else Accept-Language), as a BCP 47 tag, "
    "case-insensitive (`zh-Hans`, `zh-CN` and `zh` mean `zh-hans`); content falls back to the "
    "course's primary language and says which it served.",
)
VERSION_PARAMETER = OpenApiParameter(
    "version",
    int,
    description="Version number; default: the working version, else the latest.",
)
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Unknown, or not yours")
# What an author's upload may be refused with (see upload_refusals); the schema generator adds
# the 403 of every unsafe request (CSRF, or not an author).
UPLOAD_REFUSED: dict[int, Any] = {
    400: OpenApiResponse(ErrorSerializer),
    404: NOT_FOUND,
    413: OpenApiResponse(ErrorSerializer),
    503: OpenApiResponse(ErrorSerializer),
}

logger = logging.getLogger(__name__)


def requested_language(request: Request) -> str:
    """The language asked for with `lang`, else the request's (Accept-Language)."""
    serializer = CatalogQuerySerializer(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return str(serializer.validated_data.get("lang") or getattr(request, "LANGUAGE_CODE", "en"))


def request_user(request: Request) -> User:
    """The user of a request that the view's permissions let in signed in."""
    return cast(User, request.user)


def version_from_query(request: Request, course: Course) -> CourseVersion:
    """The version named by the `version` query parameter, else the working one, else the
    latest; raises CourseVersion.DoesNotExist (404) when there is none."""
    number = request.query_params.get("version")
    if number is not None and (not number.isdigit() or len(number) > 6):
        raise ValidationError({"version": [_("A whole number is required.")]})
    return courses_api.get_course_version(
        course=course, number=int(number) if number is not None else None
    )


def package_refused(error: courses_api.InvalidPackageError) -> Response:
    """The 400 answer for a course package with problems, every one with its location."""
    return Response(
        {
            "detail": _("The course package has %(count)d problem(s).")
            % {"count": len(error.problems)},
            "code": "invalid_package",
            "problems": [{"location": p.location, "message": p.message} for p in error.problems],
        },
        status=status.HTTP_400_BAD_REQUEST,
    )


_TOO_LARGE = frozenset({"too_large"})


@contextmanager
def too_large_refusals(*, too_large: frozenset[str] = _TOO_LARGE) -> Iterator[None]:
    """A ValidationError whose code is in `too_large` as a 413; any other goes on as it is."""
    try:
        yield
    except DjangoValidationError as error:
        if error.code in too_large:
            raise PayloadTooLarge(error.messages[0]) from error
        raise


@contextmanager
def upload_refusals(*, too_large: frozenset[str] = _TOO_LARGE) -> Iterator[None]:
    """An upload's refusals as their answers: a ValidationError whose code is in `too_large` is a
    413, and a storage that cannot take the file just now (an OSError, or a transient object
    store failure) a 503 the client may retry, never a 500."""
    try:
        with too_large_refusals(too_large=too_large), courses_api.storage_errors():
            yield
    except OSError as error:
        logger.warning("An upload could not be stored: %s", error)
        raise StorageUnavailable() from error
