"""API-wide conventions: JSON errors everywhere under /api/, a warning-free OpenAPI schema."""

from typing import Any

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from rest_framework.test import APIClient

from config import urls as project_urls


def _boom(request: object) -> None:
    raise RuntimeError("simulated bug")


def _html_refusal(request: object) -> HttpResponse:
    return HttpResponse("<h1>Bad Request (400)</h1>", status=400)


urlpatterns = [
    path("api/v1/_boom", _boom),
    path("api/v1/_html_refusal", _html_refusal),
    *project_urls.urlpatterns,
]
handler404 = project_urls.handler404
handler500 = project_urls.handler500


def test_unknown_api_url_is_a_json_404(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/no-such-thing/"),
        ("post", "/api/v1/no/such/operation"),
        ("get", "/api/no-such-version/"),
    ],
)
def test_unknown_api_url_is_a_json_404_in_every_mode(
    settings: Any, method: str, path: str, *, debug: bool
) -> None:
    # Django answers an unresolved URL with its HTML debug page under DEBUG, whatever handler404.
    settings.DEBUG = debug

    response = getattr(Client(), method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "code": "not_found"}


@pytest.mark.urls("tests.config.test_api_conventions")
def test_other_html_refusals_under_the_api_are_json_too() -> None:
    # Django's own refusals outside DRF (a disallowed host, a body too large) are HTML pages.
    response = Client().get("/api/v1/_html_refusal")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad Request", "code": "bad_request"}


@pytest.mark.django_db
def test_api_url_without_its_slash_still_redirects(settings: Any) -> None:
    settings.DEBUG = True

    response = Client().get("/api/v1/organizations")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/organizations/"


@pytest.mark.django_db
def test_wrong_method_is_a_json_405(api_client: APIClient) -> None:
    response = api_client.delete("/api/v1/organizations/")

    assert response.status_code == 405
    assert response.json() == {
        "detail": 'Method "DELETE" not allowed.',
        "code": "method_not_allowed",
    }


@pytest.mark.urls("tests.config.test_api_conventions")
def test_unexpected_error_is_a_json_500_that_leaks_nothing() -> None:
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/_boom")

    assert response.status_code == 500
    assert response.json() == {
        "detail": "A server error occurred. It has been logged.",
        "code": "server_error",
    }
    assert "simulated bug" not in response.content.decode()


@pytest.mark.urls("tests.config.test_api_conventions")
def test_unexpected_error_is_a_json_500_under_debug_too(settings: Any) -> None:
    settings.DEBUG = True
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/_boom")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "A server error occurred. It has been logged.",
        "code": "server_error",
    }


@pytest.mark.django_db
def test_page_beyond_the_last_is_a_json_404(api_client: APIClient) -> None:
    response = api_client.get("/api/v1/organizations/", {"page": 99})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_openapi_schema_generates_without_warnings(tmp_path: object) -> None:
    # --fail-on-warn turns every drf-spectacular warning (undocumented shape, enum clash) into
    # an error; --validate checks the result against the OpenAPI 3 specification.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", "/dev/null")


def test_schema_and_docs_are_served_offline(api_client: APIClient) -> None:
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    docs = api_client.get("/api/docs/")

    assert schema.status_code == 200
    assert "/api/v1/auth/register" in schema.json()["paths"]
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    # The UI's assets come from this server (drf-spectacular-sidecar), never a CDN.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn.jsdelivr" not in html
