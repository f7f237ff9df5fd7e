"""Validation of a whole package by its serializer, every problem turned into a `Problem` with
its location (`course.modules[2].lessons[0].quiz.questions[3].options`)."""

from collections.abc import Iterator
from typing import Any

from rest_framework.exceptions import ValidationError

from courses.packages.course import CoursePackageSerializer
from courses.packages.fields import OWN
from courses.packages.schema import InvalidPackageError, Problem


def validate_package(data: Any) -> dict[str, Any]:
    """Return the package normalised (keys and defaults filled in, decimals as strings), or raise
    InvalidPackageError listing every problem.

    References to other records (institutions, prerequisites, competencies, resources) are only
    checked for shape here; the caller resolves them against the database.
    """
    try:
        return CoursePackageSerializer(context={}).run_validation(data)
    except ValidationError as error:
        raise InvalidPackageError(list(_problems(error.detail, ""))) from None


def _problems(detail: Any, location: str) -> Iterator[Problem]:
    """The serializer's nested errors in order: an object's fields are `.name`, a list's items
    `[index]`, and what a list or object says of itself is at its own location."""
    if isinstance(detail, dict):
        for name, inner in detail.items():
            if name == OWN:
                where = location
            elif isinstance(name, int):
                where = f"{location}[{name}]"
            else:
                where = f"{location}.{name}" if location else name
            yield from _problems(inner, where)
    elif isinstance(detail, list):
        for inner in detail:
            yield from _problems(inner, location)
    else:
        yield Problem(location or "$", str(detail))
