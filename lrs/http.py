"""The xAPI request envelope: version header, Basic auth, alternate request syntax, CORS,
multipart/mixed bodies, and errors as JSON."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from typing import Any
from urllib.parse import parse_qs

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lrs.clients import authenticate
from lrs.documents import PreconditionError
from lrs.models import Client
from lrs.statements import ConflictError
from lrs.validation import InvalidError

VERSION = "1.0.3"
SUPPORTED = ("1.0", "1.0.0", "1.0.1", "1.0.2", "1.0.3")
NO_VERSION = gettext_lazy("Send the X-Experience-API-Version header (1.0.x).")
BAD_VERSION = gettext_lazy("This LRS speaks xAPI 1.0.x only.")
NOT_AUTHENTICATED = gettext_lazy("Authenticate with the key and secret of an LRS client.")
TOO_LARGE = gettext_lazy("The request is larger than this LRS accepts.")
CONFLICT = gettext_lazy("A statement with this id and other content is stored already.")
ALLOW_HEADERS = (
    "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, "
    "X-Experience-API-Hash, Content-Transfer-Encoding"
)
EXPOSE_HEADERS = (
    "ETag, Last-Modified, X-Experience-API-Consistent-Through, X-Experience-API-Version, "
    "Content-Type, Content-Length"
)


class TooLargeError(Exception):
    """The body, or one of its parts, is over the limit (413)."""


@dataclass
class XapiRequest:
    """One request, after the alternate syntax is unwrapped."""

    method: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes
    client: Client | None = None
    parts: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    def json(self) -> Any:
        # PostgreSQL's jsonb stores no NUL character.
        if b"\\u0000" in self.body:
            raise InvalidError("JSON strings must not contain the NUL character")
        try:
            return json.loads(self.body)
        except (ValueError, RecursionError) as error:
            raise InvalidError("the body is not valid JSON") from error


def error(status: int, message: Any, code: str = "invalid") -> JsonResponse:
    """An error in the project's `{detail, code}` shape."""
    return JsonResponse({"detail": str(message), "code": code}, status=status)


def _read_body(request: HttpRequest) -> bytes:
    limit = settings.XAPI_MAX_REQUEST_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise TooLargeError
    body = request.read(limit + 1)
    if len(body) > limit:
        raise TooLargeError
    return body


def _unwrap(request: HttpRequest) -> XapiRequest:
    headers = {name.lower(): value for name, value in request.headers.items()}
    params = {name: request.GET[name] for name in request.GET}
    body = _read_body(request)
    if request.method == "POST" and "method" in params:
        # Alternate request syntax: the method in the query, everything else in a form body.
        method = params.pop("method").upper()
        if params:
            raise InvalidError("the alternate request syntax allows no other query parameters")
        if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            raise InvalidError("the alternate request syntax needs a form-encoded body")
        try:
            text = body.decode()
        except UnicodeDecodeError as error:
            raise InvalidError("the form body is not UTF-8") from error
        form = {key: values[0] for key, values in parse_qs(text).items()}
        content = form.pop("content", "").encode()
        headers.pop("content-type", None)
        for name in ("authorization", "x-experience-api-version", "content-type"):
            for key in [key for key in form if key.lower() == name]:
                headers[name] = form.pop(key)
        for name in ("if-match", "if-none-match"):
            for key in [key for key in form if key.lower() == name]:
                headers[name] = form.pop(key)
        if method in ("PUT", "POST"):
            headers.setdefault("content-type", "application/json")
        return XapiRequest(method=method, params=form, headers=headers, body=content)
    return XapiRequest(method=request.method or "GET", params=params, headers=headers, body=body)


def parse_multipart(xreq: XapiRequest) -> None:
    """Split a multipart/mixed statement request: the first part becomes the body, the rest
    attachments by their X-Experience-API-Hash (each checked against its SHA-256)."""
    import hashlib

    raw_type = xreq.headers.get("content-type", "")
    boundary = ""
    for piece in raw_type.split(";")[1:]:
        name, _, value = piece.strip().partition("=")
        if name.lower() == "boundary":
            boundary = value.strip('"')
    if not boundary:
        raise InvalidError("a multipart/mixed body needs a boundary")
    delimiter = b"--" + boundary.encode()
    chunks = xreq.body.split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise InvalidError("the multipart/mixed body is malformed")
    parts: list[tuple[Any, bytes]] = []
    for chunk in chunks[1:-1]:
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk
        head, separator, content = chunk.partition(b"\r\n\r\n")
        if not separator:
            raise InvalidError("a multipart part has no header block")
        if content.endswith(b"\r\n"):
            content = content[:-2]
        parts.append((BytesHeaderParser().parsebytes(head + b"\r\n\r\n"), content))
    first_headers, first = parts[0]
    if (first_headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
        raise InvalidError("the first part must be the statements as application/json")
    xreq.body = first
    limit = settings.XAPI_MAX_ATTACHMENT_BYTES
    for headers, content in parts[1:]:
        digest = headers.get("X-Experience-API-Hash")
        if not digest:
            raise InvalidError("each attachment part needs X-Experience-API-Hash")
        if (headers.get("Content-Transfer-Encoding") or "").lower() != "binary":
            raise InvalidError("each attachment part needs Content-Transfer-Encoding: binary")
        if len(content) > limit:
            raise TooLargeError
        if len(headers.get("Content-Type") or "") > 255:
            raise InvalidError("an attachment's Content-Type is too long")
        if (
            hashlib.sha256(content).hexdigest() != digest.lower()
            and hashlib.sha512(content).hexdigest() != digest.lower()
        ):
            raise InvalidError("an attachment's content does not match its hash")
        xreq.parts[digest.lower()] = (headers.get("Content-Type") or "", content)


def cors(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Any origin may call the LRS: it authenticates by header, never by cookie."""
    response["Access-Control-Allow-Origin"] = request.headers.get("Origin") or "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, PUT, POST, DELETE, OPTIONS"
    response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
    response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    response["Access-Control-Max-Age"] = "86400"
    response["X-Experience-API-Version"] = VERSION
    if request.headers.get("Origin"):
        response["Vary"] = "Origin"
    return response


def xapi_view(
    handler: Callable[[XapiRequest], HttpResponse],
    *,
    public: bool = False,
    consistent: bool = False,
) -> Callable[[HttpRequest], HttpResponse]:
    """A Django view around `handler` (csrf-exempt: the LRS never reads a cookie)."""

    def view(request: HttpRequest) -> HttpResponse:
        if request.method == "OPTIONS":
            return cors(HttpResponse(status=200), request)
        try:
            response = _handle(request, handler, public=public)
        except TooLargeError:
            response = error(413, TOO_LARGE, "too_large")
        except InvalidError as problem:
            response = error(400, problem)
        except ConflictError:
            response = error(409, CONFLICT, "conflict")
        except PreconditionError as problem:
            response = error(problem.status, problem, "precondition")
        if request.method == "HEAD":
            response.content = b""
        if consistent and "X-Experience-API-Consistent-Through" not in response:
            # Every statement is visible once its transaction commits: consistent until now.
            response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
        return cors(response, request)

    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def _handle(
    request: HttpRequest, handler: Callable[[XapiRequest], HttpResponse], *, public: bool
) -> HttpResponse:
    xreq = _unwrap(request)
    if not public:
        version = xreq.headers.get("x-experience-api-version")
        if not version:
            return error(400, NO_VERSION, "version")
        if version not in SUPPORTED:
            return error(400, BAD_VERSION, "version")
        xreq.client = authenticate(xreq.headers.get("authorization", ""))
        if xreq.client is None:
            response = error(401, NOT_AUTHENTICATED, "not_authenticated")
            response["WWW-Authenticate"] = 'Basic realm="xAPI"'
            return response
    if xreq.method == "HEAD":
        xreq.method = "GET"
    return handler(xreq)
