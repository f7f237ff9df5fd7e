"""Inputs meant to break the LRS get a 400 (never a 500), and store nothing."""

import json

import pytest

from lrs.models import Document, Statement
from tests.lrs.conftest import Send, statement


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b'{"actor": {"name": "\\u0000"}}', "JSON strings must not contain the NUL character"),
        (b"[" * 100_000 + b"]" * 100_000, "the body is not valid JSON"),
        (b"{not json", "the body is not valid JSON"),
        (
            json.dumps(statement(object={"id": "https://example.org/" + "a" * 3000})).encode(),
            "statement.object.id must be an IRI",
        ),
        (
            json.dumps(
                statement(
                    object={
                        "id": "https://example.org/a",
                        "definition": {"interactionType": {"a": 1}},
                    }
                )
            ).encode(),
            "statement.object.definition.interactionType is not an interaction type",
        ),
    ],
)
def test_malformed_statements_are_refused(xapi: Send, body: bytes, detail: str) -> None:
    response = xapi("POST", "statements", raw=body)

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": "invalid"}
    assert Statement.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"since": "2026-02-31T00:00:00Z"}, "since must be an ISO 8601 timestamp"),
        ({"limit": "-1"}, "limit must be a non-negative integer"),
        ({"registration": "nope"}, "registration must be a UUID"),
        ({"agent": "[]"}, "agent must be a JSON object"),
        ({"agent": "{"}, "agent must be a JSON agent"),
        ({"colour": "blue"}, "unknown parameters: colour"),
        (
            {"statementId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "verb": "http://x.org/v"},
            "statementId allows only format and attachments besides it",
        ),
    ],
)
def test_malformed_query_parameters_are_refused(
    xapi: Send, params: dict[str, str], detail: str
) -> None:
    response = xapi("GET", "statements", params=params)

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": "invalid"}


def test_an_alternate_request_that_is_not_utf8_is_refused(xapi: Send) -> None:
    response = xapi(
        "POST",
        "statements?method=GET",
        raw=b"\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "the form body is not UTF-8", "code": "invalid"}


def test_an_overlong_document_content_type_is_refused(xapi: Send) -> None:
    response = xapi(
        "PUT",
        "activities/state",
        raw=b"x",
        content_type="text/" + "x" * 300,
        params={
            "activityId": "https://academy.example/a",
            "agent": '{"mbox": "mailto:ada@example.org"}',
            "stateId": "s",
        },
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "the Content-Type or stateId is too long",
        "code": "invalid",
    }
    assert Document.objects.count() == 0
