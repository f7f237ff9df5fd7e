"""State, activity profile and agent profile documents; the activities, agents and about
resources."""

import json

from lrs.models import Document
from tests.lrs.conftest import Send, statement

ACTIVITY = "https://academy.example/courses/plc-basics"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:ada@example.org"})
STATE = {"activityId": ACTIVITY, "agent": AGENT, "stateId": "bookmark"}


def test_state_put_get_and_merge_with_etags(xapi: Send) -> None:
    put = xapi("PUT", "activities/state", {"page": 3}, params=STATE)
    assert put.status_code == 204
    got = xapi("GET", "activities/state", params=STATE)
    assert got.status_code == 200
    assert got.json() == {"page": 3}
    assert got["ETag"] == put["ETag"]

    merged = xapi(
        "POST", "activities/state", {"score": 7}, params=STATE, headers={"If-Match": got["ETag"]}
    )
    assert merged.status_code == 204
    assert xapi("GET", "activities/state", params=STATE).json() == {"page": 3, "score": 7}


def test_a_stale_etag_is_refused_with_412_and_changes_nothing(xapi: Send) -> None:
    first = xapi("PUT", "activities/state", {"page": 3}, params=STATE)
    xapi("PUT", "activities/state", {"page": 4}, params=STATE, headers={"If-Match": first["ETag"]})

    stale = xapi(
        "PUT", "activities/state", {"page": 9}, params=STATE, headers={"If-Match": first["ETag"]}
    )

    assert stale.status_code == 412
    assert stale.json() == {
        "detail": "If-Match does not match the document's ETag",
        "code": "precondition",
    }
    assert xapi("GET", "activities/state", params=STATE).json() == {"page": 4}


def test_a_profile_put_without_a_precondition(xapi: Send) -> None:
    params = {"activityId": ACTIVITY, "profileId": "settings"}

    new = xapi("PUT", "activities/profile", {"a": 1}, params=params)
    created = xapi(
        "PUT", "activities/profile", {"a": 1}, params=params, headers={"If-None-Match": "*"}
    )
    exists = xapi("PUT", "activities/profile", {"a": 2}, params=params)
    again = xapi(
        "PUT", "activities/profile", {"a": 2}, params=params, headers={"If-None-Match": "*"}
    )

    # The conformance suite's 400 for a new document; the spec's 409 for an existing one.
    assert [new.status_code, created.status_code, exists.status_code, again.status_code] == [
        400,
        204,
        409,
        412,
    ]
    assert xapi("GET", "activities/profile", params=params).json() == {"a": 1}


def test_merging_into_a_document_that_is_not_json_is_refused(xapi: Send) -> None:
    params = {"agent": AGENT, "profileId": "cv"}
    xapi(
        "PUT",
        "agents/profile",
        raw=b"plain words",
        content_type="text/plain",
        params=params,
        headers={"If-None-Match": "*"},
    )

    response = xapi("POST", "agents/profile", {"a": 1}, params=params)

    assert response.status_code == 400
    assert response.json() == {"detail": "Only JSON documents can be merged", "code": "invalid"}
    got = xapi("GET", "agents/profile", params=params)
    assert (got.content, got["Content-Type"]) == (b"plain words", "text/plain")


def test_state_ids_since_and_delete_all(xapi: Send) -> None:
    scope = {"activityId": ACTIVITY, "agent": AGENT}
    xapi("PUT", "activities/state", {"n": 1}, params={**scope, "stateId": "one"})
    xapi("PUT", "activities/state", {"n": 2}, params={**scope, "stateId": "two"})
    since = Document.objects.get(document_id="one").updated.isoformat()

    assert xapi("GET", "activities/state", params=scope).json() == ["one", "two"]
    assert xapi("GET", "activities/state", params={**scope, "since": since}).json() == ["two"]
    assert xapi("DELETE", "activities/state", params=scope).status_code == 204
    assert xapi("GET", "activities/state", params=scope).json() == []


def test_the_activities_agents_and_about_resources(xapi: Send) -> None:
    xapi(
        "POST",
        "statements",
        statement(object={"id": ACTIVITY, "definition": {"name": {"en": "PLC basics"}}}),
    )
    xapi(
        "POST",
        "statements",
        statement(object={"id": ACTIVITY, "definition": {"name": {"de": "SPS-Grundlagen"}}}),
    )

    activity = xapi("GET", "activities", params={"activityId": ACTIVITY})
    agents = xapi("GET", "agents", params={"agent": AGENT})
    about = xapi("GET", "about", headers={"Authorization": None, "X-Experience-API-Version": None})

    assert activity.json() == {
        "objectType": "Activity",
        "id": ACTIVITY,
        "definition": {"name": {"en": "PLC basics", "de": "SPS-Grundlagen"}},
    }
    assert agents.json() == {"objectType": "Person", "mbox": ["mailto:ada@example.org"]}
    assert about.json() == {"version": ["1.0.3", "1.0.2", "1.0.1", "1.0.0"]}


def test_documents_are_refused_for_a_bad_agent(xapi: Send) -> None:
    response = xapi(
        "PUT",
        "activities/state",
        {"page": 1},
        params={**STATE, "agent": json.dumps({"objectType": "Agent"})},
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "agent must have exactly one inverse functional identifier",
        "code": "invalid",
    }
    assert Document.objects.count() == 0
