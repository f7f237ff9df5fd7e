"""The SPA's index page names the route's chunks for an early fetch (config/spa.py)."""

from pathlib import Path

import pytest

from config import spa

ROOT = Path(__file__).resolve().parents[2]
MANIFEST: spa.Manifest = {
    "index.html": {"file": "assets/index-A1.js", "css": ["assets/index-A2.css"], "isEntry": True},
    "_shared-B1.js": {"file": "assets/shared-B1.js", "name": "shared", "imports": ["index.html"]},
    "src/features/courses/index.ts": {
        "file": "assets/courses-C1.js",
        "imports": ["index.html", "_shared-B1.js"],
        "css": ["assets/courses-C2.css"],
    },
    "_DashboardRoute-D1.js": {"file": "assets/DashboardRoute-D1.js", "name": "DashboardRoute"},
}
HTML = "<html><head><title>x</title></head><body></body></html>"


def test_the_catalog_page_names_its_chunks_and_stylesheet_but_not_the_entry() -> None:
    html = spa.with_route_preloads(HTML, path="courses", manifest=MANIFEST, static_url="/static/")

    assert html == (
        "<html><head><title>x</title>"
        '<link rel="modulepreload" href="/static/assets/courses-C1.js">'
        '<link rel="modulepreload" href="/static/assets/shared-B1.js">'
        '<link rel="preload" as="style" crossorigin href="/static/assets/courses-C2.css">'
        "</head><body></body></html>"
    )


def test_a_merged_chunk_is_found_by_its_name() -> None:
    html = spa.with_route_preloads(
        HTML, path="studio/analytics", manifest=MANIFEST, static_url="/static/"
    )

    assert '<link rel="modulepreload" href="/static/assets/DashboardRoute-D1.js">' in html


@pytest.mark.parametrize("path", ["", "login", "verify/bulk", "studio"])
def test_other_pages_are_served_as_built(path: str) -> None:
    assert spa.with_route_preloads(HTML, path=path, manifest=MANIFEST, static_url="/") == HTML


def test_without_a_manifest_the_page_is_served_as_built(tmp_path: Path) -> None:
    manifest = spa.read_manifest(tmp_path)

    assert spa.with_route_preloads(HTML, path="courses", manifest=manifest, static_url="/") == HTML


@pytest.mark.parametrize("module", [m for _p, m in spa.ROUTE_MODULES if m.startswith("src/")])
def test_every_route_module_exists_in_the_frontend(module: str) -> None:
    assert (ROOT / "frontend" / module).is_file()
