"""Project-level views: health check, the single-page app, stored files, and error pages."""

from functools import cache
from pathlib import Path

import redis
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.utils import DatabaseError
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts import api as accounts_api
from certificates import api as certificates_api
from config import spa
from config.api import api_not_found
from courses import api as courses_api
from discussions import api as discussions_api
from enrollment import api as enrollment_api
from practices import api as practices_api

SPA_NOT_BUILT = """<!doctype html><html lang="en"><meta charset="utf-8"><title>ICIM Academy</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>The web app is not built yet</h1>
<p>Run <code>make run</code> (or <code>make setup</code>) to build it.
The API is already available at <a href="/api/docs/">/api/docs/</a>.</p></body></html>"""

# Paths the SPA must never swallow: they answer with their own JSON or pages.
NON_SPA_PREFIXES = ("/api/", "/admin/", "/healthz", "/.well-known/", "/static/", "/media/")

# Crawlers may read the public catalog (its pages and the public catalog API the pages render
# from, so a search engine sees course content) and reach verification pages by their links,
# but not the rest of the API: the verification answer names a learner, and search results
# must not list people by name. Accounts, learning, staff and admin areas are private.
ROBOTS_TXT = """\
User-agent: *
Allow: /api/v1/courses/
Allow: /api/v1/competencies/
Allow: /api/v1/organizations/
Disallow: /api/
Disallow: /admin/
Disallow: /learning
Disallow: /learn/
Disallow: /certificates
Disallow: /studio
Disallow: /profile
Disallow: /login
Disallow: /register
Disallow: /forgot-password
Disallow: /reset-password
Allow: /
"""


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _check_broker() -> str:
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        client.ping()
    except redis.RedisError as error:
        return f"error: {type(error).__name__}"
    return "ok"


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database (and the broker, when one is configured) answer; 503 otherwise."""
    checks = {"database": _check_database()}
    if settings.REDIS_URL:
        checks["broker"] = _check_broker()
    healthy = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@cache
def _read_index(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


@require_GET
def spa_index(request: HttpRequest) -> HttpResponse:
    """Serve the built SPA's index.html for every client-side route."""
    index_path = settings.FRONTEND_DIST_DIR / "index.html"
    # In development the SPA is rebuilt while the server runs, so do not cache the file there.
    html = _read_index.__wrapped__(index_path) if settings.DEBUG else _read_index(index_path)
    if html is None:
        return HttpResponse(SPA_NOT_BUILT, status=503)
    manifest = (spa.read_manifest if settings.DEBUG else spa.cached_manifest)(
        settings.FRONTEND_DIST_DIR
    )
    language = spa.ui_language(
        cookie=request.COOKIES.get(spa.LANGUAGE_COOKIE),
        accept_language=request.headers.get("Accept-Language", ""),
    )
    html = spa.with_route_preloads(
        html,
        path=request.path_info.lstrip("/"),
        manifest=manifest,
        static_url=settings.STATIC_URL,
        language=language,
    )
    response = HttpResponse(html)
    # The translations named depend on these.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    # The page names the current build's hashed assets, which browsers keep a year: the page
    # itself is asked for again every time, so a deployment reaches browsers at once.
    patch_cache_control(response, no_cache=True)
    return response


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """What crawlers may fetch: the public catalog and verification pages, never the private
    areas or the API beyond the public catalog."""
    return HttpResponse(ROBOTS_TXT, content_type="text/plain; charset=utf-8")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF refusals as JSON under /api/ (the SPA reads `detail`), Django's page elsewhere."""
    if request.path.startswith("/api/"):
        detail = _("CSRF check failed: reload the page and try again (%(reason)s).") % {
            "reason": reason
        }
        return JsonResponse({"detail": detail, "code": "csrf_failed"}, status=403)
    return csrf.csrf_failure(request, reason)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """JSON 404 for machine paths; Django's page elsewhere."""
    if request.path.startswith(("/api/", "/.well-known/", "/healthz")):
        return api_not_found(request, exception)
    return page_not_found(request, exception or Exception())


# A stored file is data, never a page: no script, no plugin, no form, nothing loaded from it.
DOWNLOAD_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@extend_schema(exclude=True)
class MediaDownloadView(APIView):
    """The one way stored uploads leave the server, at their MEDIA_URL (`/media/<name>`), in
    development and production alike: each app's opener checks that the user may read the
    stored name (README, Security: how media is served).

    Unknown and forbidden names are the same 404. Images (which cannot run script) are shown
    inline; everything else is an attachment under the uploader's file name. Every answer
    carries nosniff, a sandboxing Content-Security-Policy and the Cache-Control that the
    opener chooses (private and revalidated by default; a video segment, whose name is never
    reused, is kept a day; a published course's cover is public and immutable). The file is
    read through its storage, the filesystem or S3 alike; with S3_SIGNED_URL_SECONDS a video
    segment is a 302 to a signed URL of the bucket instead.
    """

    permission_classes = (AllowAny,)  # each opener decides; an anonymous reader gets a 404
    throttle_classes = ()

    def get(self, request: Request, name: str) -> HttpResponseBase:
        openers = (
            enrollment_api.open_resource_file,
            enrollment_api.open_video_file,
            certificates_api.open_template_image,
            accounts_api.open_organization_logo,
            courses_api.open_cover_image,
            practices_api.open_attachment_file,
            discussions_api.open_attachment_file,
        )
        for opener in openers:
            try:
                stored = opener(user=request.user, name=name)
            except ObjectDoesNotExist:
                continue
            if stored.redirect_url:
                redirect = HttpResponseRedirect(stored.redirect_url)
                redirect["Cache-Control"] = "private, no-store"  # the signed URL expires
                return redirect
            try:
                handle = stored.file.open("rb")
            except FileNotFoundError:
                break
            response = FileResponse(
                handle,
                as_attachment=not stored.is_inline,
                filename=stored.download_name,
                content_type=stored.content_type,
            )
            response["X-Content-Type-Options"] = "nosniff"
            response["Content-Security-Policy"] = DOWNLOAD_POLICY
            response["Cache-Control"] = stored.cache_control
            return response
        raise Http404
