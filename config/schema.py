"""The OpenAPI schema generator: drf-spectacular's, plus the errors every operation can give."""

import re
from collections.abc import Mapping
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import authentication
from rest_framework.settings import api_settings

from config.api import ErrorSerializer

__all__ = ["ApiSchema"]


class ApiSchema(AutoSchema):
    """drf-spectacular's schema, plus the error answers every operation can give by its nature,
    so clients (and the schema fuzzer) see each status code the API really sends.

    Added only where missing, in the `{detail, code, fields?}` shape: 400 for operations with
    query parameters or a body; 401 when a view authenticates (an invalid bearer token is refused
    even where anonymous access is allowed); 403 for unsafe methods under session authentication
    (CSRF); 404 for operations with path parameters or pages; 413 and 415 for bodies over the
    size limit or in an unsupported media type; 429 for throttled operations.
    """

    ERROR_DESCRIPTIONS: Mapping[str, str] = {
        "400": "Invalid input",
        "401": "Not authenticated, or an invalid token",
        "403": "CSRF check failed or not allowed",
        "404": "Unknown, or not yours",
        "413": "Request body too large",
        "415": "Unsupported media type",
        "429": "Too many requests",
    }

    def get_operation_id(self) -> str:
        """drf-spectacular's id made a valid identifier in every language a client may be
        generated in: `/.well-known/did.json` gave `.well_known_did.json_retrieve`."""
        return re.sub(r"[^0-9A-Za-z]+", "_", super().get_operation_id()).strip("_")

    def _get_response_bodies(self, direction: Any = "response") -> Any:
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                error = OpenApiResponse(ErrorSerializer, description=self.ERROR_DESCRIPTIONS[code])
                responses[code] = self._get_response_for_code(error, code, None, direction)
        return dict(sorted(responses.items()))

    def _error_codes(self) -> list[str]:
        view = self.view
        has_body = self.method in ("POST", "PUT", "PATCH") and self.get_request_serializer()
        parameters = self._get_parameters()
        codes = []
        if has_body or any(parameter["in"] == "query" for parameter in parameters):
            codes.append("400")
        if view.get_authenticators():
            codes.append("401")
        is_unsafe = self.method not in ("GET", "HEAD", "OPTIONS")
        has_session = any(
            isinstance(authenticator, authentication.SessionAuthentication)
            for authenticator in view.get_authenticators()
        )
        if is_unsafe and has_session:
            codes.append("403")
        if any(parameter["in"] == "path" for parameter in parameters) or any(
            parameter["name"] == "page" for parameter in parameters
        ):
            codes.append("404")
        if has_body:
            codes.extend(["413", "415"])
        rates = api_settings.DEFAULT_THROTTLE_RATES or {}
        if getattr(view, "throttle_scope", None) in rates and view.get_throttles():
            codes.append("429")
        return codes
