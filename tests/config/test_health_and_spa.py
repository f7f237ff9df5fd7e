"""/healthz, and the SPA served by Django without swallowing machine paths."""

import json
from pathlib import Path

import pytest
from django.db.utils import OperationalError
from django.test import Client
from pytest_django.fixtures import Settings as SettingsWrapper

from config import views


@pytest.mark.django_db
def test_healthz_reports_each_check(client: Client, settings: SettingsWrapper) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    expected = {"database": "ok"}
    if settings.REDIS_URL:
        expected["broker"] = "ok"
    assert response.json() == {"status": "ok", "checks": expected}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_cursor(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error: OperationalError"


def test_healthz_is_503_when_the_broker_is_unreachable(
    client: Client, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "_check_database", lambda: "ok")
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "broker": "error: ConnectionError"},
    }


@pytest.fixture
def built_spa(tmp_path: Path, settings: SettingsWrapper) -> Path:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root>SPA</div>")
    settings.FRONTEND_DIST_DIR = tmp_path
    views._read_index.cache_clear()
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/login", "/profile", "/verify/1234", "/zh/courses/x"])
def test_client_side_routes_get_the_spa_index(client: Client, built_spa: Path, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.content == b"<!doctype html><div id=root>SPA</div>"


def test_the_spa_index_names_the_translations_of_the_visitors_language(
    client: Client, built_spa: Path, settings: SettingsWrapper
) -> None:
    (built_spa / "index.html").write_text("<html><head></head><body></body></html>")
    (built_spa / ".vite").mkdir()
    (built_spa / ".vite" / "manifest.json").write_text(
        json.dumps(
            {
                "index.html": {"file": "assets/index-1.js", "isEntry": True},
                "src/locales/de/translation.json": {"file": "assets/translation-de.js"},
                "src/locales/ar/translation.json": {"file": "assets/translation-ar.js"},
            }
        )
    )
    settings.DEBUG = True  # the manifest read afresh, not the cached one of another test

    by_browser = client.get("/", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.8"})
    client.cookies["icim_language"] = "de"
    by_choice = client.get("/", headers={"Accept-Language": "ar-EG,ar;q=0.9,en;q=0.8"})

    assert by_browser.content == (
        b'<html><head><link rel="modulepreload" href="/static/assets/translation-ar.js">'
        b"</head><body></body></html>"
    )
    assert b'href="/static/assets/translation-de.js"' in by_choice.content
    assert b"translation-ar" not in by_choice.content
    assert by_choice["Vary"] == "Accept-Language, Cookie"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/v1/unknown", "application/json"),
        ("/.well-known/openid-configuration", "application/json"),
        ("/admin/", "text/html; charset=utf-8"),
    ],
)
def test_machine_paths_are_not_swallowed_by_the_spa(
    client: Client, built_spa: Path, path: str, content_type: str
) -> None:
    response = client.get(path)

    assert b"id=root" not in response.content
    assert response["Content-Type"] == content_type


def test_unbuilt_spa_explains_how_to_build_it(
    client: Client, settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.FRONTEND_DIST_DIR = tmp_path / "missing"
    views._read_index.cache_clear()

    response = client.get("/")

    assert response.status_code == 503
    assert b"make run" in response.content


def test_robots_txt_is_a_robots_file_not_the_spa(client: Client, built_spa: Path) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /api/", "Disallow: /admin/", "Allow: /"} <= set(lines)
    # The public catalog's API stays readable so crawlers can render course pages; the
    # verification API (it names learners) does not.
    assert "Allow: /api/v1/courses/" in lines
    assert not any(line.startswith("Allow: /api/v1/verify") for line in lines)
    assert not any(line.startswith("Disallow: /verify") for line in lines)
    assert not any(line.startswith("Disallow: /courses") for line in lines)


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/courses", True),
        ("/courses/digital-twins", True),
        ("/verify/6f1d2c3b-0000-4000-8000-000000000001", True),
        ("/api/v1/courses/?search=robot", True),
        ("/api/v1/verify/6f1d2c3b-0000-4000-8000-000000000001", False),
        ("/api/v1/auth/me", False),
        ("/admin/", False),
        ("/learning", False),
        ("/studio/certificates", False),
    ],
)
def test_robots_txt_rules_as_a_crawler_reads_them(client: Client, path: str, allowed: bool) -> None:
    from urllib.robotparser import RobotFileParser

    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())

    assert parser.can_fetch("Googlebot", f"http://testserver{path}") is allowed
