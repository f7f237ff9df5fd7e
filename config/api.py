"""API conventions shared by every app: one error shape, pagination, strict input serializers."""

import logging
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page, Paginator
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, pagination, parsers, serializers
from rest_framework.fields import get_error_detail
from rest_framework.response import Response

__all__ = [
    "ErrorSerializer",
    "JSONErrorsMiddleware",
    "JSONParser",
    "PageNumberPagination",
    "PayloadTooLarge",
    "ServiceUnavailable",
    "StorageUnavailable",
    "StrictSerializer",
    "api_not_found",
    "api_server_error",
    "document_shape",
    "exception_handler",
    "paginated",
]

_logger = logging.getLogger(__name__)

UNKNOWN_FIELD_MESSAGE = gettext_lazy("Unknown field.")
JSON_TOO_DEEP = gettext_lazy("JSON parse error - nested too deeply.")


class ErrorSerializer(serializers.Serializer):
    """The shape of every error the API returns."""

    detail = serializers.CharField(help_text="A human-readable message in the request's language.")
    code = serializers.CharField(help_text="A stable machine-readable code, e.g. `invalid`.")
    # Named like the API field; DRF's metaclass moves it out of the `fields` property's way.
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Validation messages per field (`non_field_errors` for the whole body).",
    )


class StrictSerializer(serializers.Serializer):
    """An input serializer that refuses unknown fields instead of silently dropping them."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise exceptions.ValidationError(
                    {name: [UNKNOWN_FIELD_MESSAGE] for name in unknown}
                )
        return super().to_internal_value(data)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing nesting deeper than Python's recursion limit as a parse error
    (`[[[…]]]` 100,000 levels deep raised RecursionError, a 500)."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise exceptions.ParseError(JSON_TOO_DEEP) from error


class PayloadTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = gettext_lazy("The upload is too large.")
    default_code = "too_large"


class ServiceUnavailable(exceptions.APIException):
    """The database went away mid-request (restart, failover, a killed connection)."""

    status_code = 503
    default_detail = gettext_lazy("The service is briefly unavailable. Try again in a moment.")
    default_code = "service_unavailable"
    # DRF turns `wait` into a Retry-After header, as it does for throttling.
    wait = 1


class StorageUnavailable(exceptions.APIException):
    """File storage could not take an upload just now (a full disk, an object store that is
    down): nothing was kept, and the same upload can be sent again."""

    status_code = 503
    default_detail = gettext_lazy(
        "The file could not be stored just now. Nothing was saved; send it again in a few minutes."
    )
    default_code = "storage_unavailable"
    wait = 30


class _CountingPaginator(Paginator):
    """A paginator that counts with a query only when it must: a first page shorter than a
    page is the whole list, so its length is the count (most learners' lists: one query, not
    two). A full first page is counted as before, and its rows are not read twice."""

    def page(self, number: Any) -> Page:
        if str(number) != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["count"] = len(rows)  # Paginator.count is a cached_property
        return Page(rows, 1, self)


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of 20 by default, `page_size` up to 100, always with the total `count`."""

    django_paginator_class = _CountingPaginator
    page_size_query_param = "page_size"
    max_page_size = 100


def paginated(serializer_class: type[serializers.Serializer], *, name: str) -> Any:
    """The schema of one page of `serializer_class` items as PageNumberPagination answers it,
    for hand-paginated APIViews (spectacular wraps only generic list views itself)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "__doc__": f"A page of {serializer_class.__name__.removesuffix('Serializer')} items.",
            "count": serializers.IntegerField(help_text="Items on every page together."),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


def document_shape(
    name: str, description: str, fields: Mapping[str, serializers.Field]
) -> type[serializers.Serializer]:
    """A named schema component for a JSON document the API passes through as it is (a signed
    credential, an xAPI statement, a course package), whose keys need not be Python names
    (`@context`, `publicKeyMultibase`). For the schema only: nothing is serialized with it."""
    return type(f"{name}Serializer", (serializers.Serializer,), {"__doc__": description, **fields})


def _flatten_codes(codes: Any) -> str:
    if isinstance(codes, str):
        return codes
    if isinstance(codes, list) and codes:
        return _flatten_codes(codes[0])
    if isinstance(codes, dict) and codes:
        return _flatten_codes(next(iter(codes.values())))
    return "error"


def _flatten_fields(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field errors as one flat `{path: [message, ...]}`: nested serializers and list items get
    dotted paths (`ids.3`, `modules.0.title`), so every client reads one shape."""
    if isinstance(errors, Mapping):
        items: Any = errors.items()
    elif isinstance(errors, list) and any(isinstance(item, Mapping | list) for item in errors):
        items = ((str(index), item) for index, item in enumerate(errors) if item)
    else:
        messages = errors if isinstance(errors, list) else [errors]
        return {prefix or "non_field_errors": [str(message) for message in messages]}
    flat: dict[str, list[str]] = {}
    for name, value in items:
        flat.update(_flatten_fields(value, f"{prefix}.{name}" if prefix else str(name)))
    return flat


def _translate_exception(exc: Exception) -> Exception:
    """Map the errors `api` modules raise (Django's) onto DRF's, so one handler shapes them all."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=get_error_detail(exc))
    # Http404 from DRF's generic views names the model ("No Organization matches…"); an unknown
    # object and one the user may not see must answer alike.
    if isinstance(exc, ObjectDoesNotExist | Http404):
        return exceptions.NotFound()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, OperationalError | InterfaceError):
        # Lost or refused connections: the request's transaction was rolled back, and Django
        # drops the broken connection when the request ends, so a retry gets a fresh one.
        # Other database errors (integrity, data) are bugs and stay 500s.
        _logger.warning("Database unavailable: %s: %s", type(exc).__name__, exc)
        return ServiceUnavailable()
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: every error becomes `{detail, code, fields?}`."""
    exc = _translate_exception(exc)
    # Imported here: rest_framework.views reads the DRF settings, which name classes in this
    # module, when it is first imported; at module level that import would be circular.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    code = _flatten_codes(exc.get_codes())
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten_fields(response.data)
        non_field = fields.get("non_field_errors")
        detail = str(non_field[0]) if isinstance(non_field, list) and len(fields) == 1 else None
        response.data = {
            "detail": detail or _("Invalid input."),
            "code": code,
            "fields": fields,
        }
    else:
        response.data = {"detail": str(exc.detail), "code": code}
    return response


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    """JSON 404 for unknown URLs under /api/ (the SPA answers everything else)."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)


def api_server_error(request: HttpRequest) -> JsonResponse:
    """JSON 500 that leaks nothing; the error itself is logged by Django."""
    return JsonResponse(
        {"detail": _("A server error occurred. It has been logged."), "code": "server_error"},
        status=500,
    )


class JSONErrorsMiddleware:
    """Every error under /api/ in the `{detail, code}` shape, in every mode: under DEBUG, Django
    answers an unknown URL or an uncaught exception with its HTML debug page whatever
    `handler404`/`handler500` say. Placed before CommonMiddleware, so a URL missing its slash
    is still redirected first; the exception itself is still logged by Django."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_error = response.status_code >= 400
        is_json = response.get("Content-Type", "").startswith("application/json")
        if not request.path.startswith("/api/") or not is_error or is_json:
            return response
        if response.status_code == 404:
            return api_not_found(request)
        if response.status_code >= 500:
            return api_server_error(request)
        try:
            status = HTTPStatus(response.status_code)
        except ValueError:  # a code outside the standard's list: nothing better to say
            return response
        return JsonResponse(
            {"detail": status.phrase, "code": status.name.lower()}, status=status.value
        )
