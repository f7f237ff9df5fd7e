"""Launching package lessons: who may, the signed launch, the content origin's isolation and
policy, the player page, the package's files and the runtime script."""

import json
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from pytest_django.fixtures import Settings

from accounts.models import User
from config import content_views
from devdata.elearning_packages import (
    build_cmi5_package,
    build_scorm12_package,
    build_scorm2004_package,
)
from enrollment import api as enrollment_api
from tests.elearning import CONTENT_HOST, content_client, content_origin, launch, learning, token_of
from tests.enrollment.conftest import _fresh_outline_cache

__all__ = ["_fresh_outline_cache", "content_origin", "learning"]

pytestmark = pytest.mark.django_db

CONTENT_POLICY = (
    "default-src 'self' data: blob:; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline' data: blob:; connect-src 'self' http://testserver; "
    "frame-ancestors http://testserver 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'"
)


@pytest.fixture
def scorm12(learning: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return learning(build_scorm12_package())


def _launch_url(started: dict[str, Any]) -> str:
    response = launch(started["learner"], started["enrollment"].pk, started["package"])
    assert response.status_code == 201, response.content
    return str(response.json()["launch_url"])


def test_a_launch_is_a_signed_url_on_the_content_origin(scorm12: dict[str, Any]) -> None:
    before = datetime.now().astimezone()
    response = launch(scorm12["learner"], scorm12["enrollment"].pk, scorm12["package"])

    body = response.json()
    assert response.status_code == 201
    assert body == {
        "launch_url": body["launch_url"],
        "content_origin": "http://content.testserver",
        "standard": "scorm_1.2",
        "expires_at": body["expires_at"],
    }
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert timedelta(hours=8) <= expires_at - before < timedelta(hours=8, seconds=5)
    assert re.fullmatch(r"http://content\.testserver/p/[^/]+/", body["launch_url"])


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 401), ("other", 404), ("outsider", 404), ("learner", 201)],
    ids=["anonymous", "other-user", "other-organisation", "allowed"],
)
def test_who_may_launch(
    scorm12: dict[str, Any], staff: dict[str, User], who: str | None, expected: int
) -> None:
    from rest_framework.test import APIClient

    from tests.factories import UserFactory

    client = APIClient()
    users = {"other": UserFactory(), "outsider": staff["outsider"], "learner": scorm12["learner"]}
    if who:
        client.force_authenticate(users[who])

    response = client.post(
        f"/api/v1/enrollments/{scorm12['enrollment'].pk}/lessons/{scorm12['package']}/launch"
    )

    assert response.status_code == expected


def test_a_lesson_that_is_not_a_package_lesson_is_not_found(scorm12: dict[str, Any]) -> None:
    response = launch(scorm12["learner"], scorm12["enrollment"].pk, scorm12["text"])

    assert response.status_code == 404


def test_a_lesson_without_a_ready_package_is_a_conflict(
    publish: Callable[..., None], staff: dict[str, User], content_origin: str
) -> None:
    from tests.elearning import SLUG, package_course

    course = package_course(publish)
    enrollment = enrollment_api.enroll(user=staff["learner"], course_slug=SLUG)

    response = launch(staff["learner"], enrollment.pk, course["package"])

    assert response.status_code == 409
    assert response.json() == {
        "detail": "This lesson's package is not ready yet: it is still being stored, or none was "
        "uploaded.",
        "code": "package_not_launchable",
    }


def test_cmi5_packages_launch(learning: Callable[..., dict[str, Any]]) -> None:
    # What a cmi5 launch writes and its AU URL: tests/enrollment/test_package_cmi5.py.
    started = learning(build_cmi5_package())

    response = launch(started["learner"], started["enrollment"].pk, started["package"])

    assert response.status_code == 201
    assert response.json()["standard"] == "cmi5"


def _config(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script id="icim-player-config" type="application/json">(.*?)</script>', page, re.S
    )
    assert match is not None
    return dict(json.loads(match.group(1)))


def test_the_player_page_configures_the_runtime(scorm12: dict[str, Any]) -> None:
    url = _launch_url(scorm12)
    token = token_of(url)

    response = content_client().get(f"/p/{token}/")

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_POLICY
    assert "X-Frame-Options" not in response
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert (
        '<script type="module" src="http://content.testserver/_runtime/player.js"></script>' in page
    )
    learner = scorm12["learner"]
    assert _config(page) == {
        "standard": "scorm_1.2",
        "sco_url": f"http://content.testserver/p/{token}/f/index.html",
        "commit_url": f"http://content.testserver/p/{token}/commit",
        "platform_origin": "http://testserver",
        "cmi": {
            "core": {
                "entry": "ab-initio",
                "student_id": str(learner.pk),
                "student_name": learner.get_full_name() or learner.email,
                "credit": "credit",
            },
            "student_data": {"mastery_score": "80.00"},
        },
        "learner_id": str(learner.pk),
        "learner_name": learner.get_full_name() or learner.email,
        "language": "en",
        "mastery_score": 80.0,
    }


def test_the_player_resumes_a_suspended_scorm_2004_attempt(
    learning: Callable[..., dict[str, Any]],
) -> None:
    started = learning(build_scorm2004_package())
    token = token_of(_launch_url(started))
    committed = content_client().post(
        f"/p/{token}/commit",
        json.dumps(
            {
                "cmi": {
                    "location": "3",
                    "suspend_data": '{"page":3}',
                    "exit": "suspend",
                    "completion_status": "incomplete",
                }
            }
        ),
        content_type="text/plain",
    )
    assert committed.status_code == 200

    config = _config(content_client().get(f"/p/{token}/").content.decode())

    assert config["cmi"] == {
        "location": "3",
        "suspend_data": '{"page":3}',
        "completion_status": "incomplete",
        "entry": "resume",
        "learner_id": str(started["learner"].pk),
        "learner_name": started["learner"].get_full_name() or started["learner"].email,
        "credit": "credit",
        "scaled_passing_score": "0.8",
    }


def test_package_files_are_served_with_their_types(scorm12: dict[str, Any]) -> None:
    token = token_of(_launch_url(scorm12))
    client = content_client()

    page = client.get(f"/p/{token}/f/index.html")
    script = client.get(f"/p/{token}/f/sco.js")
    style = client.get(f"/p/{token}/f/style.css")

    assert (page.status_code, page["Content-Type"]) == (200, "text/html")
    assert b"".join(page.streaming_content).startswith(b"<!doctype html>")
    assert (script.status_code, script["Content-Type"]) == (200, "text/javascript")
    assert (style.status_code, style["Content-Type"]) == (200, "text/css")
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Content-Security-Policy"] == CONTENT_POLICY


@pytest.mark.parametrize(
    "path",
    [
        "missing.html",
        "../index.html",
        "%2e%2e/index.html",
        "a/../index.html",
        "",
        "./index.html",
        "sub/",
        "imsmanifest.xml/x",
    ],
)
def test_nothing_outside_the_package_is_served(scorm12: dict[str, Any], path: str) -> None:
    token = token_of(_launch_url(scorm12))

    response = content_client().get(f"/p/{token}/f/{path}")

    assert response.status_code == 404


def test_a_tampered_or_foreign_token_opens_nothing(scorm12: dict[str, Any]) -> None:
    token = token_of(_launch_url(scorm12))
    claims = signing.loads(token, salt="enrollment.package-launch")
    forged = signing.dumps({**claims, "e": claims["e"] + 1}, salt="another-salt", compress=True)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    client = content_client()

    for bad in (tampered, forged, "nonsense"):
        assert client.get(f"/p/{bad}/").status_code == 404
        assert client.get(f"/p/{bad}/f/index.html").status_code == 404
        assert (
            client.post(f"/p/{bad}/commit", "{}", content_type="application/json").status_code
            == 404
        )


class _Clock:
    """What django.core.signing reads the time from, set by the test."""

    def __init__(self) -> None:
        self.now = time.time()

    def time(self) -> float:
        return self.now


def test_a_launch_expires(scorm12: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(signing, "time", clock)
    token = token_of(_launch_url(scorm12))
    client = content_client()

    clock.now += 8 * 3600 - 60
    assert client.get(f"/p/{token}/f/index.html").status_code == 200
    clock.now += 62
    assert client.get(f"/p/{token}/f/index.html").status_code == 404


def test_a_launch_ends_with_the_enrolment(scorm12: dict[str, Any]) -> None:
    token = token_of(_launch_url(scorm12))

    enrollment_api.unenroll(user=scorm12["learner"], enrollment_id=scorm12["enrollment"].pk)

    assert content_client().get(f"/p/{token}/f/index.html").status_code == 404


def test_the_content_origin_serves_no_platform_routes(scorm12: dict[str, Any]) -> None:
    client = content_client()
    client.force_login(scorm12["learner"])  # even with a session, which it never has

    for path in ("/api/v1/enrollments/", "/api/v1/courses/", "/admin/", "/", "/healthz"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Security-Policy"] == CONTENT_POLICY


def test_the_platform_serves_no_content_routes(scorm12: dict[str, Any]) -> None:
    token = token_of(_launch_url(scorm12))
    platform = Client()

    assert platform.get(f"/p/{token}/").status_code == 404
    assert platform.get(f"/p/{token}/f/index.html").status_code == 404
    assert platform.get("/_runtime/player.js").status_code == 404


def test_the_spa_may_frame_the_content_origin(settings: Settings) -> None:
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]

    assert directives["frame-src"][-1] == settings.PACKAGE_CONTENT_ORIGIN


def test_the_runtime_script_is_served_from_the_frontend_build(
    content_origin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_views, "RUNTIME_DIR", tmp_path / "package-runtime")
    client = content_client()

    missing = client.get("/_runtime/player.js")
    (tmp_path / "package-runtime").mkdir()
    (tmp_path / "package-runtime" / "player.js").write_text("export {};\n")
    (tmp_path / "secret.txt").write_text("no")
    built = client.get("/_runtime/player.js")

    assert (missing.status_code, missing["Content-Type"]) == (503, "text/plain; charset=utf-8")
    assert missing.content.decode().startswith("The package player is not built yet")
    assert (built.status_code, built["Content-Type"], built["Cache-Control"]) == (
        200,
        "text/javascript",
        "no-cache",
    )
    assert b"".join(built.streaming_content) == b"export {};\n"
    assert client.get("/_runtime/../secret.txt").status_code == 404
    assert client.get("/_runtime/other.js").status_code == 404
    assert CONTENT_HOST in content_origin


def test_a_launch_file_with_a_space_and_a_query_is_framed_by_its_url(
    learning: Callable[..., dict[str, Any]],
) -> None:
    from tests.elearning import make_zip

    manifest = """<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o"><organization identifier="o"><title>T</title>
    <item identifier="i" identifierref="r" parameters="lang=en"><title>I</title></item>
  </organization></organizations>
  <resources><resource identifier="r" adlcp:scormtype="sco" href="start page.html">
    <file href="start page.html"/></resource></resources>
</manifest>"""
    started = learning(make_zip({"imsmanifest.xml": manifest, "start page.html": "<p>hi</p>"}))
    token = token_of(_launch_url(started))
    client = content_client()

    config = _config(client.get(f"/p/{token}/").content.decode())
    served = client.get(config["sco_url"].removeprefix("http://content.testserver"))

    assert config["sco_url"] == f"http://content.testserver/p/{token}/f/start%20page.html?lang=en"
    assert (served.status_code, b"".join(served.streaming_content)) == (200, b"<p>hi</p>")
