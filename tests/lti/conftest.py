"""LTI fixtures: the test platform served on loopback, its registration for the institution,
the published course it links to, and a helper that drives a launch as a browser would."""

import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from lti_tool.models import LtiRegistration

from lti import api as lti_api
from tests.enrollment.conftest import (
    _fresh_outline_cache,
    course,
    framework,
    institution,
    publish,
    staff,
)
from tests.lti.platform import Platform, form_fields, serve

__all__ = ["_fresh_outline_cache", "course", "framework", "institution", "publish", "staff"]


@pytest.fixture
def platform() -> Iterator[Platform]:
    test_platform = Platform()
    server, thread = serve(test_platform)
    yield test_platform
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture
def registration(platform: Platform, institution: Any) -> LtiRegistration:
    registration = lti_api.register_platform(
        organization_slug="rhine",
        issuer=platform.issuer,
        client_id=platform.client_id,
        deployment_ids=[platform.deployment_id],
        auth_url=f"{platform.base_url}/auth",
        token_url=f"{platform.base_url}/token",
        jwks_url=f"{platform.base_url}/jwks",
    )
    platform.tool_public_keys = lti_api.tool_jwks()["keys"]
    return registration


def start_login(
    client: Client, platform: Platform, target: str = "http://testserver/lti/launch/"
) -> dict[str, str]:
    """The OIDC login initiation; returns the query the tool sends to the authorization URL."""
    response = client.get(
        "/lti/login/",
        {
            "iss": platform.issuer,
            "login_hint": "hint-1",
            "target_link_uri": target,
            "client_id": platform.client_id,
            "lti_deployment_id": platform.deployment_id,
        },
    )
    assert response.status_code == 302, response.content
    location = response["Location"]
    assert location.startswith(f"{platform.base_url}/auth?")
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


def authorize(platform: Platform, query: dict[str, str]) -> dict[str, str]:
    """The browser follows the redirect to the platform (real HTTP): the auto-post form's fields."""
    url = f"{platform.base_url}/auth?" + urllib.parse.urlencode(query)
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310  (loopback test server)
        return form_fields(answer.read().decode())


def launch(
    client: Client, platform: Platform, *, target: str = "http://testserver/lti/launch/"
) -> Any:
    """A whole launch: initiation, authorization at the platform, the id_token posted back."""
    query = start_login(client, platform, target)
    fields = authorize(platform, query)
    return client.post(urlsplit(target).path, fields)
