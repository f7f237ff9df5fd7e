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


LOCALE_MANIFEST: spa.Manifest = {
    **MANIFEST,
    "src/locales/de/translation.json": {"file": "assets/translation-G1.js", "isDynamicEntry": True},
    "src/locales/ar/translation.json": {"file": "assets/translation-R1.js", "isDynamicEntry": True},
}


def test_the_page_names_the_translations_of_its_language_after_the_route_chunks() -> None:
    html = spa.with_route_preloads(
        HTML, path="courses", manifest=LOCALE_MANIFEST, static_url="/static/", language="de"
    )

    assert html == (
        "<html><head><title>x</title>"
        '<link rel="modulepreload" href="/static/assets/courses-C1.js">'
        '<link rel="modulepreload" href="/static/assets/shared-B1.js">'
        '<link rel="modulepreload" href="/static/assets/translation-G1.js">'
        '<link rel="preload" as="style" crossorigin href="/static/assets/courses-C2.css">'
        "</head><body></body></html>"
    )


def test_a_page_without_a_route_chunk_still_names_its_translations() -> None:
    html = spa.with_route_preloads(
        HTML, path="", manifest=LOCALE_MANIFEST, static_url="/", language="ar"
    )

    assert html == (
        "<html><head><title>x</title>"
        '<link rel="modulepreload" href="/assets/translation-R1.js">'
        "</head><body></body></html>"
    )


def test_a_language_the_build_has_no_file_for_adds_nothing() -> None:
    assert (
        spa.with_route_preloads(
            HTML, path="", manifest=LOCALE_MANIFEST, static_url="/", language="fr"
        )
        == HTML
    )


@pytest.mark.parametrize(
    ("cookie", "accept_language", "expected"),
    [
        ("ar", "de-DE,de;q=0.9", "ar"),  # the remembered choice first
        ("fr", "de-AT,en;q=0.5", "de"),  # an unknown cookie is ignored
        (None, "fr-FR,zh-CN;q=0.8,en;q=0.5", "zh-Hans"),  # the first supported, by quality
        (None, "en;q=0.3,de;q=0.9", "de"),
        (None, "zh-TW,ar;q=0.5", "ar"),  # Traditional Chinese is not Simplified Chinese
        (None, "zh-Hans-CN", "zh-Hans"),
        (None, "", "en"),
        (None, "ja,fr", "en"),
    ],
)
def test_ui_language_is_the_one_the_spa_will_choose(
    cookie: str | None, accept_language: str, expected: str
) -> None:
    assert spa.ui_language(cookie=cookie, accept_language=accept_language) == expected
