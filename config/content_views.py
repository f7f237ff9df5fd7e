"""What the content origin serves itself: the package runtime script the SPA's build makes
(frontend/dist/package-runtime/), and plain-text 404s."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

__all__ = ["RUNTIME_DIR", "not_found", "runtime_file"]

RUNTIME_DIR = Path(settings.BASE_DIR) / "frontend" / "dist" / "package-runtime"
_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".map": "application/json"}


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return HttpResponse("Not found.", status=404, content_type="text/plain; charset=utf-8")


@require_safe
def runtime_file(request: HttpRequest, name: str) -> HttpResponseBase:
    """A file of the runtime's build (player.js and what it imports), revalidated every time:
    its names are fixed. 503 in words while the build has not made it; 404 outside it."""
    parts = name.split("/")
    if any(part in {"", ".", ".."} for part in parts) or "\\" in name:
        return not_found(request)
    root = RUNTIME_DIR.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        return not_found(request)
    if not path.is_file():
        if name == "player.js":
            return HttpResponse(
                _(
                    "The package player is not built yet: run `npm run build` in frontend/ "
                    "(it writes frontend/dist/package-runtime/player.js)."
                ),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        return not_found(request)
    response = FileResponse(path.open("rb"), content_type=_TYPES.get(path.suffix))
    response["Cache-Control"] = "no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response
