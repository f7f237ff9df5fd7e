"""The SPA's index.html for a route, naming the route's code so that the browser fetches it at once.

Without this, a page's own chunk (the catalog, a course, a lesson) is asked for only after the
entry script has run and the router has matched the path: one more round trip before anything of
the page can paint. Vite's build manifest (`build.manifest`, frontend/dist/.vite/manifest.json)
names each lazily loaded module's file, the chunks it imports and its stylesheets; the index page
of a path gets `<link rel="modulepreload">` for them (and `preload` for the stylesheets, which
the chunk's loader then applies).

The same holds for the texts of the interface language: the entry script imports only the active
language's translation file (frontend/src/lib/i18n.ts) and renders once it is there, so the page
names that file too, for the language the SPA will choose: the one it remembered (its cookie),
else the browser's first supported language (Accept-Language, as `navigator.languages`).
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation.trans_real import parse_accept_lang_header

# Vite's manifest: source path → {file, imports, css, ...}.
Manifest = dict[str, dict[str, Any]]

# Path (without the leading slash) → the module that frontend/src/app/router.tsx loads lazily for
# it: its source path, or the name of its chunk when Rollup merged it with others (the manifest
# then keys it by file name). A path missing here, or a module the build does not list, only
# loses the early fetch.
ROUTE_MODULES = (
    (re.compile(r"^courses/?$"), "src/features/courses/index.ts"),
    (re.compile(r"^courses/[^/]+/?$"), "src/app/routes/CourseRoute.tsx"),
    (re.compile(r"^institutions/[^/]+/?$"), "src/features/courses/index.ts"),
    (re.compile(r"^learn/"), "src/app/routes/LearnRoute.tsx"),
    (re.compile(r"^learning/?$"), "src/app/routes/MyLearningRoute.tsx"),
    (re.compile(r"^certificates/?$"), "src/features/certificates/index.ts"),
    (re.compile(r"^verify(/(?!bulk)[^/]+)?/?$"), "src/features/certificates/index.ts"),
    (re.compile(r"^studio/analytics/?$"), "DashboardRoute"),
)


# The SPA's languages (frontend/src/lib/languages.ts) and the cookie that remembers the choice.
UI_LANGUAGES = ("en", "zh-Hans", "de", "ar")
DEFAULT_UI_LANGUAGE = "en"
LANGUAGE_COOKIE = "icim_language"


def _match_language(tag: str) -> str | None:
    """The SPA's `matchBrowserLanguage`: `zh-CN` is Simplified Chinese, `zh-TW` none of ours."""
    lower = tag.lower()
    if lower.startswith("zh"):
        return None if re.match(r"^zh-(hant|tw|hk|mo)", lower) else "zh-Hans"
    primary = lower.split("-")[0]
    return primary if primary in UI_LANGUAGES else None


def ui_language(*, cookie: str | None, accept_language: str) -> str:
    """The language the SPA will show the page in (`detectInitialLanguage`), as far as the
    request tells: the remembered choice, else the browser's first supported language."""
    if cookie in UI_LANGUAGES:
        return cookie
    for tag, _quality in parse_accept_lang_header(accept_language):
        match = _match_language(tag)
        if match:
            return match
    return DEFAULT_UI_LANGUAGE


def read_manifest(dist_dir: Path) -> Manifest:
    """Vite's build manifest, or nothing when the build made none."""
    try:
        manifest: Manifest = json.loads(
            (dist_dir / ".vite" / "manifest.json").read_text(encoding="utf-8")
        )
    except FileNotFoundError:
        return {}
    return manifest


cached_manifest = cache(read_manifest)


def _files_of(manifest: Manifest, key: str, loaded: set[str]) -> tuple[list[str], list[str]]:
    """The scripts and stylesheets of a module and of the chunks it imports statically, each
    once, leaving out those the entry page loads already."""
    scripts: list[str] = []
    stylesheets: list[str] = []
    pending, seen = [key], set()
    while pending:
        chunk = manifest.get(pending.pop(0))
        if chunk is None or chunk["file"] in seen:
            continue
        file = str(chunk["file"])
        seen.add(file)
        if file not in loaded:
            scripts.append(file)
        stylesheets += [sheet for sheet in chunk.get("css", []) if sheet not in loaded]
        pending += chunk.get("imports", [])
    return scripts, list(dict.fromkeys(stylesheets))


def with_route_preloads(
    html: str, *, path: str, manifest: Manifest, static_url: str, language: str | None = None
) -> str:
    """index.html with the links that make the browser fetch the route's code, and the
    translations of `language`, with the page."""
    if "index.html" not in manifest:
        return html
    module = next((module for pattern, module in ROUTE_MODULES if pattern.match(path)), None)
    route_key = next(
        (
            key
            for key, chunk in manifest.items()
            if module is not None and module in (key, chunk.get("name"))
        ),
        None,
    )
    texts_key = f"src/locales/{language}/translation.json"
    keys = [key for key in (route_key, texts_key) if key is not None and key in manifest]
    if not keys:
        return html
    loaded_scripts, loaded_sheets = _files_of(manifest, "index.html", set())
    scripts: list[str] = []
    stylesheets: list[str] = []
    for key in keys:
        more_scripts, more_sheets = _files_of(manifest, key, {*loaded_scripts, *loaded_sheets})
        scripts += [file for file in more_scripts if file not in scripts]
        stylesheets += [sheet for sheet in more_sheets if sheet not in stylesheets]
    # crossorigin as on the links Vite's loader adds, or the browser would fetch each sheet twice.
    links = [f'<link rel="modulepreload" href="{static_url}{file}">' for file in scripts] + [
        f'<link rel="preload" as="style" crossorigin href="{static_url}{sheet}">'
        for sheet in stylesheets
    ]
    return html.replace("</head>", "".join(links) + "</head>", 1)
