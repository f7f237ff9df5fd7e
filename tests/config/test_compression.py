"""Gzip only where no secret can leak (config/compression.py), and the SPA's cache headers."""

import gzip
import json
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client, RequestFactory
from pytest_django.fixtures import Settings as SettingsWrapper

from config import views
from config.compression import SecretFreeGZipMiddleware

LONG_LIST = {"results": [{"slug": f"course-{number}", "title": "Robotics"} for number in range(50)]}


def _through_middleware(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    middleware = SecretFreeGZipMiddleware(lambda _request: response)
    answer = middleware(request)
    assert isinstance(answer, HttpResponse)
    return answer


def test_a_json_read_is_gzipped() -> None:
    request = RequestFactory().get("/api/v1/courses/", HTTP_ACCEPT_ENCODING="gzip, br")

    response = _through_middleware(request, JsonResponse(LONG_LIST))

    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    assert json.loads(gzip.decompress(response.content)) == LONG_LIST


def test_a_json_answer_that_sets_a_cookie_is_not_gzipped() -> None:
    request = RequestFactory().get("/api/v1/auth/csrf", HTTP_ACCEPT_ENCODING="gzip")
    answer = JsonResponse(LONG_LIST)
    answer.set_cookie("csrftoken", "secret")

    response = _through_middleware(request, answer)

    assert not response.has_header("Content-Encoding")
    assert json.loads(response.content) == LONG_LIST


def test_the_answer_to_an_unsafe_method_is_not_gzipped() -> None:
    request = RequestFactory().post("/api/v1/auth/tokens", HTTP_ACCEPT_ENCODING="gzip")

    response = _through_middleware(request, JsonResponse(LONG_LIST))

    assert not response.has_header("Content-Encoding")


def test_html_pages_are_not_gzipped() -> None:
    request = RequestFactory().get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")

    response = _through_middleware(request, HttpResponse("<input name=csrf>" * 100))

    assert not response.has_header("Content-Encoding")


@pytest.mark.parametrize(
    ("content_type", "is_gzipped"),
    [("text/javascript", True), ("text/css; charset=utf-8", True), ("image/png", False)],
)
def test_static_files_served_uncompressed_are_gzipped(content_type: str, is_gzipped: bool) -> None:
    request = RequestFactory().get("/static/assets/index-AbCd1234.js", HTTP_ACCEPT_ENCODING="gzip")

    response = _through_middleware(request, HttpResponse("x" * 1000, content_type=content_type))

    assert response.has_header("Content-Encoding") is is_gzipped


def test_static_files_already_compressed_pass_through() -> None:
    request = RequestFactory().get("/static/assets/index-AbCd1234.js", HTTP_ACCEPT_ENCODING="gzip")
    answer = HttpResponse(b"\x1f\x8b already gzip", content_type="text/javascript")
    answer["Content-Encoding"] = "gzip"

    response = _through_middleware(request, answer)

    assert response.content == b"\x1f\x8b already gzip"


def test_the_middleware_is_installed_and_compresses_the_schema(client: Client) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).startswith(b"openapi: 3")


def test_the_spa_index_is_revalidated_every_time(
    client: Client, tmp_path: Path, settings: SettingsWrapper
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div>")
    settings.FRONTEND_DIST_DIR = tmp_path
    views._read_index.cache_clear()

    response = client.get("/courses")

    assert response["Cache-Control"] == "no-cache"


def test_vite_assets_are_immutable_and_the_rest_is_not(settings: SettingsWrapper) -> None:
    from whitenoise.middleware import WhiteNoiseMiddleware

    middleware = WhiteNoiseMiddleware(lambda _request: HttpResponse())

    assert middleware.immutable_file_test("", "/static/assets/index-CxdxeBpx.js")
    assert middleware.immutable_file_test("", "/static/assets/index-DJnF2sIk.css")
    assert not middleware.immutable_file_test("", "/static/favicon.svg")
