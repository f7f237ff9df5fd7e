"""The statements resource: storing, immutability, voiding, filters, paging, attachments."""

import hashlib
import json
import uuid
from typing import Any

import pytest
from django.db import connection

from lrs.models import Statement, StatementActivity, StatementAgent
from tests.lrs.conftest import Credential, Send, statement

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def _authority(credential: Credential) -> dict[str, Any]:
    return {
        "objectType": "Agent",
        "name": "Tin Can tool",
        "account": {"homePage": "http://127.0.0.1:8000", "name": credential.client.key},
    }


def test_a_posted_statement_comes_back_with_what_the_lrs_sets(
    xapi: Send, credential: Credential
) -> None:
    sent = statement(timestamp="2026-01-02T03:04:05Z")

    response = xapi("POST", "statements", sent)

    assert response.status_code == 200
    assert response["X-Experience-API-Version"] == "1.0.3"
    [statement_id] = response.json()
    row = Statement.objects.get()
    assert str(row.id) == statement_id
    got = xapi("GET", "statements", params={"statementId": statement_id})
    assert got.status_code == 200
    assert got.json() == {
        **sent,
        "id": statement_id,
        "stored": row.stored.isoformat(),
        "authority": _authority(credential),
        "version": "1.0.0",
    }
    assert got["Last-Modified"]
    assert got["X-Experience-API-Consistent-Through"]


def test_a_put_statement_is_immutable_and_idempotent(xapi: Send) -> None:
    statement_id = str(uuid.uuid4())
    sent = statement()

    first = xapi("PUT", "statements", sent, params={"statementId": statement_id})
    again = xapi("PUT", "statements", sent, params={"statementId": statement_id})
    other = xapi(
        "PUT",
        "statements",
        statement(verb={"id": PASSED}),
        params={"statementId": statement_id},
    )

    assert (first.status_code, again.status_code) == (204, 204)
    assert other.status_code == 409
    assert other.json() == {
        "detail": "A statement with this id and other content is stored already.",
        "code": "conflict",
    }
    assert Statement.objects.get().statement["verb"]["id"] == COMPLETED


def test_a_batch_reusing_an_id_with_other_content_stores_nothing(xapi: Send) -> None:
    taken = str(uuid.uuid4())
    xapi("PUT", "statements", statement(), params={"statementId": taken})

    response = xapi("POST", "statements", [statement(), statement(id=taken, verb={"id": PASSED})])

    assert response.status_code == 409
    assert Statement.objects.count() == 1


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (
            statement(verb={"id": "not an iri"}),
            "statement.verb.id must be an IRI",
        ),
        (
            statement(actor={"objectType": "Activity", "id": "http://example.org/a"}),
            "statement.actor.objectType must be Agent or Group",
        ),
        (statement(actor="ada@example.org"), "statement.actor must be a JSON object"),
        (
            statement(actor={"mbox": "mailto:a@example.org", "openid": "http://example.org/a"}),
            "statement.actor must have exactly one inverse functional identifier",
        ),
        (statement(colour="blue"), "statement has unknown properties: colour"),
        (statement(version="2.0.0"), "statement.version must be 1.0.x"),
        (
            statement(result={"score": {"scaled": 1.5}}),
            "statement.result.score.scaled must be between -1 and 1",
        ),
        (
            statement(timestamp="yesterday"),
            "statement.timestamp must be an ISO 8601 timestamp",
        ),
    ],
)
def test_an_invalid_statement_is_refused_and_nothing_stored(
    xapi: Send, sent: dict[str, Any], message: str
) -> None:
    response = xapi("POST", "statements", sent)

    assert response.status_code == 400
    assert response.json() == {"detail": message, "code": "invalid"}
    assert Statement.objects.count() == 0


@pytest.mark.parametrize(
    ("version", "detail"),
    [
        (None, "Send the X-Experience-API-Version header (1.0.x)."),
        ("0.95", "This LRS speaks xAPI 1.0.x only."),
        ("2.0.0", "This LRS speaks xAPI 1.0.x only."),
    ],
)
def test_the_version_header_is_required(xapi: Send, version: str | None, detail: str) -> None:
    response = xapi(
        "POST", "statements", statement(), headers={"X-Experience-API-Version": version}
    )

    assert response.status_code == 400
    assert response.json() == {"detail": detail, "code": "version"}
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert Statement.objects.count() == 0


def test_voided_statements_are_only_found_by_voidedStatementId(xapi: Send) -> None:  # noqa: N802
    [target] = xapi("POST", "statements", statement()).json()
    voiding = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target})
    [voiding_id] = xapi("POST", "statements", voiding).json()

    assert xapi("GET", "statements", params={"statementId": target}).status_code == 404
    voided = xapi("GET", "statements", params={"voidedStatementId": target})
    assert voided.json()["id"] == target
    listed = xapi("GET", "statements").json()
    assert [item["id"] for item in listed["statements"]] == [voiding_id]
    # A voiding statement cannot itself be voided.
    again = statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": voiding_id})
    refused = xapi("POST", "statements", again)
    assert refused.status_code == 400
    assert refused.json()["detail"] == "a voiding statement cannot void another voiding statement"
    assert Statement.objects.count() == 2


def test_a_batch_is_stored_in_a_constant_number_of_queries(
    xapi: Send, django_assert_num_queries: Any
) -> None:
    def batch(size: int) -> list[dict[str, Any]]:
        return [
            statement(
                object={
                    "id": f"https://academy.example/lessons/{number}",
                    "definition": {"name": {"en": f"Lesson {number}"}},
                },
                context={
                    "registration": str(uuid.uuid4()),
                    "contextActivities": {"parent": [{"id": "https://academy.example/c"}]},
                },
            )
            for number in range(size)
        ]

    # client, existing ids, statements, agent rows, activity rows, known definitions,
    # definitions upserted, and the savepoint pair of the atomic block inside the test's.
    # SQLite takes at most 999 parameters a query, so there 100 statements are two inserts.
    with django_assert_num_queries(9 if connection.vendor == "postgresql" else 10):
        assert xapi("POST", "statements", batch(100)).status_code == 200
    with django_assert_num_queries(9):
        assert xapi("POST", "statements", batch(3)).status_code == 200
    assert Statement.objects.count() == 103
    assert StatementActivity.objects.count() == 206
    assert StatementAgent.objects.count() == 103 * 2  # the actor and the authority


def test_filters_and_strict_ordering(xapi: Send, django_assert_num_queries: Any) -> None:
    registration = str(uuid.uuid4())
    instructor = {"mbox": "mailto:grace@example.org"}
    batch = [
        statement(verb={"id": PASSED}, context={"registration": registration}),
        statement(context={"registration": registration, "instructor": instructor}),
        statement(
            object={"id": "https://academy.example/lessons/1"},
            context={"contextActivities": {"parent": {"id": "https://academy.example/c"}}},
        ),
    ]
    ids = xapi("POST", "statements", batch).json()

    def listed(**params: str) -> list[str]:
        # The client and the page; with a filter, the page's direct matches and the
        # StatementRefs targeting matches are one query each.
        filtered = {"verb", "activity", "agent", "registration"} & params.keys()
        with django_assert_num_queries(3 if filtered else 2):
            response = xapi("GET", "statements", params=params)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["statements"]]

    # One batch shares one `stored`: the sequence orders it, both ways.
    assert listed() == ids[::-1]
    assert listed(ascending="true") == ids
    assert listed(verb=PASSED) == [ids[0]]
    assert listed(registration=registration, ascending="true") == ids[:2]
    assert listed(agent=json.dumps(instructor)) == []
    assert listed(agent=json.dumps(instructor), related_agents="true") == [ids[1]]
    assert listed(activity="https://academy.example/c") == []
    assert listed(activity="https://academy.example/c", related_activities="true") == [ids[2]]
    assert listed(activity="https://academy.example/lessons/1") == [ids[2]]


def test_more_pages_through_everything_once(xapi: Send) -> None:
    ids = [xapi("POST", "statements", statement()).json()[0] for _ in range(5)]

    seen: list[str] = []
    page = xapi("GET", "statements", params={"limit": "2"}).json()
    while True:
        seen += [item["id"] for item in page["statements"]]
        if not page["more"]:
            break
        assert page["more"].startswith("/api/xapi/statements?more=")
        page = xapi("GET", page["more"].removeprefix("/api/xapi/")).json()

    assert seen == ids[::-1]
    forged = xapi("GET", "statements", params={"more": "forged"})
    assert forged.status_code == 400
    assert forged.json() == {"detail": "the more token is not valid", "code": "invalid"}


def test_format_ids_keeps_only_identifiers(xapi: Send) -> None:
    [statement_id] = xapi("POST", "statements", statement()).json()

    got = xapi("GET", "statements", params={"statementId": statement_id, "format": "ids"})

    body = got.json()
    assert body["actor"] == {"objectType": "Agent", "mbox": "mailto:ada@example.org"}
    assert body["verb"] == {"id": COMPLETED}
    assert body["object"] == {"id": "https://academy.example/courses/plc-basics"}


def _multipart(parts: list[tuple[dict[str, str], bytes]]) -> tuple[bytes, str]:
    boundary = "xapi-boundary"
    body = b""
    for headers, content in parts:
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        body += f"--{boundary}\r\n{head}\r\n".encode() + content + b"\r\n"
    return body + f"--{boundary}--".encode(), f"multipart/mixed; boundary={boundary}"


def _with_attachment(content: bytes, sha2: str) -> tuple[bytes, str]:
    sent = statement(
        attachments=[
            {
                "usageType": "https://academy.example/attachments/notes",
                "display": {"en": "Notes"},
                "contentType": "text/plain",
                "length": len(content),
                "sha2": sha2,
            }
        ]
    )
    return _multipart(
        [
            ({"Content-Type": "application/json"}, json.dumps(sent).encode()),
            (
                {
                    "Content-Type": "text/plain",
                    "Content-Transfer-Encoding": "binary",
                    "X-Experience-API-Hash": sha2,
                },
                content,
            ),
        ]
    )


def test_attachments_go_in_and_come_back_as_multipart(xapi: Send) -> None:
    content = b"Notes of the lesson"
    sha2 = hashlib.sha256(content).hexdigest()
    body, content_type = _with_attachment(content, sha2)

    response = xapi("POST", "statements", raw=body, content_type=content_type)

    assert response.status_code == 200
    [statement_id] = response.json()
    got = xapi("GET", "statements", params={"statementId": statement_id, "attachments": "true"})
    assert got["Content-Type"].startswith("multipart/mixed; boundary=")
    assert f"X-Experience-API-Hash: {sha2}\r\n\r\n".encode() + content + b"\r\n--" in got.content


def test_an_attachment_whose_hash_does_not_match_is_refused(xapi: Send) -> None:
    body, content_type = _with_attachment(b"Notes", hashlib.sha256(b"other").hexdigest())

    response = xapi("POST", "statements", raw=body, content_type=content_type)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "an attachment's content does not match its hash",
        "code": "invalid",
    }
    assert Statement.objects.count() == 0


def test_a_50_mb_attachment_is_refused_with_413(xapi: Send) -> None:
    content = b"x" * (50 * 1024 * 1024)
    body, content_type = _with_attachment(content, hashlib.sha256(content).hexdigest())

    response = xapi("POST", "statements", raw=body, content_type=content_type)

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request is larger than this LRS accepts.",
        "code": "too_large",
    }
    assert Statement.objects.count() == 0


def test_a_part_over_the_attachment_limit_is_refused_with_413(xapi: Send, settings: Any) -> None:
    settings.XAPI_MAX_ATTACHMENT_BYTES = 1024
    content = b"y" * 2048
    body, content_type = _with_attachment(content, hashlib.sha256(content).hexdigest())

    response = xapi("POST", "statements", raw=body, content_type=content_type)

    assert response.status_code == 413
    assert Statement.objects.count() == 0


def test_the_alternate_request_syntax(xapi: Send, credential: Credential) -> None:
    from urllib.parse import urlencode

    statement_id = str(uuid.uuid4())
    form = urlencode(
        {
            "statementId": statement_id,
            "content": json.dumps(statement()),
            "Authorization": credential.header,
            "X-Experience-API-Version": "1.0.3",
        }
    )

    response = xapi(
        "POST",
        "statements?method=PUT",
        raw=form.encode(),
        content_type="application/x-www-form-urlencoded",
        headers={"Authorization": None, "X-Experience-API-Version": None},
    )

    assert response.status_code == 204
    assert str(Statement.objects.get().id) == statement_id


def test_cors_lets_any_origin_call_with_its_headers(xapi: Send) -> None:
    response = xapi("OPTIONS", "statements", headers={"Origin": "https://au.example"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "https://au.example"
    assert "Authorization" in response["Access-Control-Allow-Headers"]
    assert "X-Experience-API-Version" in response["Access-Control-Allow-Headers"]
    for name in ("ETag", "Last-Modified", "X-Experience-API-Consistent-Through"):
        assert name in response["Access-Control-Expose-Headers"]


def test_statements_stored_is_sent_on_commit_with_the_ids(
    xapi: Send, credential: Credential, django_capture_on_commit_callbacks: Any
) -> None:
    from lrs.api import statements_stored

    received: list[dict[str, Any]] = []

    def receiver(**kwargs: Any) -> None:
        received.append(kwargs)

    statements_stored.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ids = xapi("POST", "statements", [statement(), statement()]).json()
    finally:
        statements_stored.disconnect(receiver)

    assert [(item["organization_id"], item["statement_ids"]) for item in received] == [
        (credential.client.organization_id, ids)
    ]


def test_more_pages_through_one_batch_stored_at_one_instant_both_ways(xapi: Send) -> None:
    ids = xapi("POST", "statements", [statement() for _ in range(5)]).json()

    def pages(ascending: str) -> list[list[str]]:
        found = []
        page = xapi("GET", "statements", params={"limit": "2", "ascending": ascending}).json()
        while True:
            found.append([item["id"] for item in page["statements"]])
            if not page["more"]:
                return found
            page = xapi("GET", page["more"].removeprefix("/api/xapi/")).json()

    assert pages("true") == [ids[0:2], ids[2:4], ids[4:]]
    assert pages("false") == [ids[4:2:-1], ids[2:0:-1], ids[0:1]]


def test_an_id_another_organisation_stored_is_a_conflict_even_with_the_same_content(
    xapi: Send,
) -> None:
    from tests.factories import OrganizationFactory
    from tests.lrs.conftest import make_credential, sender

    statement_id = str(uuid.uuid4())
    xapi("PUT", "statements", statement(), params={"statementId": statement_id})
    other = sender(make_credential(OrganizationFactory()).header)

    response = other("PUT", "statements", statement(), params={"statementId": statement_id})

    assert response.status_code == 409
    assert Statement.objects.count() == 1
