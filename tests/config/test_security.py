"""Security posture: headers on the SPA, the API, the admin and the docs; production cookies;
throttling of public verification."""

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from tests.config.test_settings import PRODUCTION_ENVIRONMENT, _manage

UNKNOWN_ID = "6f1d2c3b-0000-4000-8000-000000000001"
STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; media-src 'self' blob: https:; connect-src 'self'; object-src 'none'; "
    f"frame-src blob: {settings.PACKAGE_CONTENT_ORIGIN}; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    ),
}


def _headers(response: Any) -> dict[str, str]:
    return {name: response.headers.get(name) for name in COMMON_HEADERS}


def _directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives with their sources in order. django-csp writes the directives in
    an order of its own (a set's, which differs between processes); browsers read them by name.
    """
    directives = [part.split() for part in policy.split(";")]
    return {name: sources for name, *sources in directives}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",  # the SPA's index.html (or the "not built yet" page)
        "/courses/plc-basics",  # a client-side route
        "/api/v1/courses/",
        "/api/v1/auth/me",  # an API error (401)
        "/api/v1/nothing-here",  # the API's JSON 404
        "/healthz",
    ],
)
def test_every_response_carries_the_strict_policy_and_the_usual_headers(path: str) -> None:
    response = Client().get(path)

    assert _directives(response.headers["Content-Security-Policy"]) == _directives(STRICT_POLICY)
    assert _headers(response) == COMMON_HEADERS


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/"])
def test_the_admin_and_the_docs_may_use_inline_styles_but_never_inline_scripts(path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 200
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src"] == ["'self'"]
    assert _headers(response) == COMMON_HEADERS
    # Every script of the page is a file: an inline one would be blocked.
    assert re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content) == []


def test_the_built_spa_needs_no_inline_script_or_style() -> None:
    index = settings.FRONTEND_DIST_DIR / "index.html"
    if not index.exists():
        pytest.skip("the SPA is not built (make setup builds it)")
    html = index.read_bytes()

    assert re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert b"<style" not in html
    assert b" style=" not in html


@pytest.mark.django_db
def test_the_policy_can_be_report_only_while_a_deployment_tries_it(settings: Any) -> None:
    # What CSP_REPORT_ONLY=true in the environment makes of the settings.
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    del settings.CONTENT_SECURITY_POLICY

    response = Client().get("/healthz")

    assert "Content-Security-Policy" not in response.headers
    report_only = response.headers["Content-Security-Policy-Report-Only"]
    assert _directives(report_only) == _directives(STRICT_POLICY)


def test_production_cookies_are_secure_and_the_session_cookie_is_http_only() -> None:
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({name: "
        "getattr(s, name) for name in ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'CONTENT_SECURITY_POLICY']}))"
    )

    result = _manage("shell", "-c", script, environment=PRODUCTION_ENVIRONMENT)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values.pop("CONTENT_SECURITY_POLICY")["DIRECTIVES"]["upgrade-insecure-requests"] is True
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        # The SPA reads the CSRF cookie to echo it in X-CSRFToken (Django's documented way);
        # HttpOnly would only hide a value that the page must read.
        "CSRF_COOKIE_HTTPONLY": False,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("get", f"/api/v1/verify/{UNKNOWN_ID}", "verify"),
        ("post", "/api/v1/verify", "verify"),
        ("get", f"/api/v1/credentials/{UNKNOWN_ID}", "verify"),
    ],
)
def test_public_verification_is_throttled_per_client(
    method: str, path: str, scope: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {scope: "3/min"})
    client, other = APIClient(), APIClient()

    statuses = [
        getattr(client, method)(path, REMOTE_ADDR="203.0.113.5").status_code for _ in range(4)
    ]
    refused = getattr(client, method)(path, REMOTE_ADDR="203.0.113.5")
    elsewhere = getattr(other, method)(path, REMOTE_ADDR="198.51.100.7")

    assert 429 not in statuses[:3]
    assert statuses[3] == 429
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert elsewhere.status_code != 429  # another client is not held up


def _production_policies(**environment: str) -> dict[str, str | None]:
    """The policy headers of a production process started with these variables."""
    script = (
        "import json; from django.test import Client; response = Client().get("
        "'/api/v1/nothing-here', secure=True, HTTP_HOST='academy.icim.example'); "
        "print(json.dumps({name: response.headers.get(name) for name in "
        "['Content-Security-Policy', 'Content-Security-Policy-Report-Only']}))"
    )
    result = _manage("shell", "-c", script, environment={**PRODUCTION_ENVIRONMENT, **environment})
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_external_video_origins_are_allowed_in_frames_and_media_and_nowhere_else() -> None:
    origins = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

    headers = _production_policies(VIDEO_EXTERNAL_ORIGINS=",".join(origins))

    policy = _directives(headers["Content-Security-Policy"] or "")
    expected = {
        **_directives(STRICT_POLICY),
        "frame-src": ["blob:", *origins, PRODUCTION_ENVIRONMENT["PACKAGE_CONTENT_ORIGIN"]],
        "media-src": ["'self'", "blob:", "https:", *origins],
        "upgrade-insecure-requests": [],
    }
    assert policy == expected
    assert headers["Content-Security-Policy-Report-Only"] is None


def test_csp_report_only_in_the_environment_sends_the_policy_as_report_only() -> None:
    headers = _production_policies(CSP_REPORT_ONLY="true")

    assert headers["Content-Security-Policy"] is None
    assert _directives(headers["Content-Security-Policy-Report-Only"] or "") == {
        **_directives(STRICT_POLICY),
        "frame-src": ["blob:", PRODUCTION_ENVIRONMENT["PACKAGE_CONTENT_ORIGIN"]],
        "upgrade-insecure-requests": [],
    }
