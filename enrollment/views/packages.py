"""Package lessons: the learner's launch (platform API) and what the content origin serves
behind a launch token: the player page, the package's files, and the SCO's commits."""

import json
import mimetypes
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import ErrorSerializer
from enrollment import api as enrollment_api
from enrollment.serializers.learning import PackageLaunchSerializer
from enrollment.views.common import INVALID, NOT_FOUND, request_language, request_user

# Types the standard library guesses wrong or not at all for what authoring tools export.
_CONTENT_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".vtt": "text/vtt",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".xml": "application/xml",
    ".xsd": "application/xml",
}


class PackageLaunchView(APIView):
    @extend_schema(
        tags=["enrollment"],
        summary="Launch a package lesson: the player page's URL on the content origin",
        description="The URL carries a signed token valid for hours (PACKAGE_LAUNCH_SECONDS); "
        "frame it in a sandboxed iframe and listen to messages from `content_origin`. 409 while "
        "the lesson has no ready package (or, for cmi5, the course has no institution whose "
        "LRS records it).",
        request=None,
        responses={
            201: PackageLaunchSerializer,
            400: INVALID,
            404: NOT_FOUND,
            409: OpenApiResponse(ErrorSerializer),
        },
    )
    def post(self, request: Request, enrollment_id: int, lesson_key: uuid.UUID) -> Response:
        try:
            launch = enrollment_api.launch_package(
                user=request_user(request),
                enrollment_id=enrollment_id,
                lesson_key=lesson_key,
                language=request_language(request),
            )
        except enrollment_api.LaunchRefusedError as refused:
            return Response(
                {"detail": refused.message, "code": "package_not_launchable"},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(PackageLaunchSerializer(launch).data, status=status.HTTP_201_CREATED)


def _not_found() -> HttpResponse:
    return HttpResponse("Not found.", status=404, content_type="text/plain; charset=utf-8")


@require_safe
def player_page(request: HttpRequest, token: str) -> HttpResponse:
    """The player page: the runtime script and its configuration (the CMI to resume from)."""
    try:
        launch = enrollment_api.resolve_launch(token=token)
    except ObjectDoesNotExist:
        return _not_found()
    config = enrollment_api.player_config(launch=launch, token=token)
    response = render(
        request,
        "enrollment/package_player.html",
        {
            "config": config,
            "title": launch.package.title,
            "runtime_url": f"{settings.PACKAGE_CONTENT_ORIGIN}/_runtime/player.js",
        },
    )
    response["Cache-Control"] = "private, no-store"  # it carries the learner's stored data
    return response


@require_safe
def package_file(request: HttpRequest, token: str, path: str) -> HttpResponseBase:
    """A file of the launched package, streamed from storage; 404 for anything else."""
    try:
        launch = enrollment_api.resolve_launch(token=token)
        opened = enrollment_api.open_launch_file(launch=launch, path=path)
    except ObjectDoesNotExist:
        return _not_found()
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = _CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path)[0]
    response = FileResponse(opened, content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    # The token is in the URL: the same URL is the same file for this launch only.
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _commit_refused(detail: str, error_code: int, status_code: int = 400) -> JsonResponse:
    return JsonResponse(
        {"result": False, "errorCode": error_code, "detail": detail}, status=status_code
    )


# The token is the credential (the content origin has no session or CSRF cookie).
@csrf_exempt
@require_POST
def cmi5_fetch(request: HttpRequest, token: str) -> HttpResponse:
    """cmi5's fetch URL: the AU's LRS credential once per launch session, then cmi5's error
    JSON (always 200 with a JSON body, as cmi5 8.2 says; a bad token is error-code 2)."""
    try:
        launch = enrollment_api.resolve_launch(token=token)
    except ObjectDoesNotExist:
        launch = None
    if launch is None or not launch.cmi5:
        return JsonResponse({"error-code": "2", "error-text": "The launch is not valid."})
    return JsonResponse(enrollment_api.fetch_cmi5_token(launch=launch))


# The token is the credential (the content origin has no session or CSRF cookie), and
# navigator.sendBeacon posts text/plain.
@csrf_exempt
@require_POST
def commit(request: HttpRequest, token: str) -> HttpResponse:
    """A SCO's committed run-time data (what scorm-again posts to lmsCommitUrl)."""
    try:
        launch = enrollment_api.resolve_launch(token=token)
    except ObjectDoesNotExist:
        return _not_found()
    error_code = enrollment_api.commit_error_code(launch.package.standard)
    try:
        body: Any = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return _commit_refused(str(enrollment_api.COMMIT_NOT_JSON), error_code)
    try:
        result = enrollment_api.commit_package_data(
            launch=launch, body=body, language=get_language() or launch.language
        )
    except enrollment_api.CmiRefusedError as refused:
        return _commit_refused(refused.message, error_code)
    except ValidationError as error:
        return _commit_refused(" ".join(error.messages), error_code)
    except ObjectDoesNotExist:
        return _not_found()
    status_fields = ("completion_status", "success_status", "score", "is_complete")
    return JsonResponse(
        {"result": True, "errorCode": 0, "status": {name: result[name] for name in status_fields}}
    )
