"""Fixtures of the LRS tests: an organisation's client credential and a client speaking xAPI."""

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client as HttpClient

from accounts.models import Organization
from lrs.models import Client
from tests.factories import OrganizationFactory

Send = Callable[..., Any]


class Credential:
    """An LRS client and its secret."""

    def __init__(self, client: Client, secret: str) -> None:
        self.client = client
        self.secret = secret

    @property
    def header(self) -> str:
        return "Basic " + base64.b64encode(f"{self.client.key}:{self.secret}".encode()).decode()


def make_credential(organization: Organization, name: str = "Tin Can tool") -> Credential:
    from lrs.api import create_client

    client, secret = create_client(organization_id=organization.id, name=name)
    return Credential(client, secret)


@pytest.fixture
def organization(db: None) -> Organization:
    return OrganizationFactory(slug="tum", name="TU Munich")


@pytest.fixture
def credential(organization: Organization) -> Credential:
    return make_credential(organization)


@pytest.fixture
def xapi(credential: Credential) -> Send:
    """`xapi(method, path, body=None, params=None, headers=None)` against /api/xapi/, with the
    version header and the credential unless `headers` replace them."""
    return sender(credential.header)


def sender(authorization: str | None) -> Send:
    http = HttpClient()

    def send(
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
        raw: bytes | None = None,
    ) -> Any:
        sent: dict[str, str] = {"X-Experience-API-Version": "1.0.3"}
        if authorization:
            sent["Authorization"] = authorization
        sent.update(headers or {})
        sent = {name: value for name, value in sent.items() if value is not None}
        url = "/api/xapi/" + path
        if params:
            from urllib.parse import urlencode

            url += "?" + urlencode(params)
        data = raw if raw is not None else (json.dumps(body) if body is not None else b"")
        return http.generic(method, url, data=data, content_type=content_type, headers=sent)

    return send


def statement(**overrides: Any) -> dict[str, Any]:
    """A small valid statement."""
    return {
        "actor": {"objectType": "Agent", "mbox": "mailto:ada@example.org", "name": "Ada"},
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": {"en-US": "completed"},
        },
        "object": {"id": "https://academy.example/courses/plc-basics"},
        **overrides,
    }
