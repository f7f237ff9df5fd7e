"""The SPA's index.html for a route, naming the route's code so that the browser fetches it at once.

Without this, a page's own chunk (the catalog, a course, a lesson) is asked for only after the
entry script has run and the router has matched the path: one more round trip before anything of
the page can paint. Vite's build manifest (`build.manifest`, frontend/dist/.vite/manifest.json)
names each lazily loaded module's file, the chunks it imports and its stylesheets; the index page
of a path gets `<link rel="modulepreload">` for them (and `preload` for the stylesheets, which
the chunk's loader then applies).
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

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


def with_route_preloads(html: str, *, path: str, manifest: Manifest, static_url: str) -> str:
    """index.html with the links that make the browser fetch the route's code with the page."""
    module = next((module for pattern, module in ROUTE_MODULES if pattern.match(path)), None)
    if module is None:
        return html
    key = next((key for key, chunk in manifest.items() if module in (key, chunk.get("name"))), None)
    if key is None or "index.html" not in manifest:
        return html
    loaded_scripts, loaded_sheets = _files_of(manifest, "index.html", set())
    scripts, stylesheets = _files_of(manifest, key, {*loaded_scripts, *loaded_sheets})
    # crossorigin as on the links Vite's loader adds, or the browser would fetch each sheet twice.
    links = [f'<link rel="modulepreload" href="{static_url}{file}">' for file in scripts] + [
        f'<link rel="preload" as="style" crossorigin href="{static_url}{sheet}">'
        for sheet in stylesheets
    ]
    return html.replace("</head>", "".join(links) + "</head>", 1)
