"""The xAPI resources: statements, documents, activities, agents, about."""

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.http import http_date

from lrs.cmi5 import RejectedError
from lrs.documents import delete_documents, document_ids, find_document, save_document
from lrs.http import XapiRequest, error, parse_multipart, xapi_view
from lrs.models import Activity, Attachment, Client, Document, Statement
from lrs.statements import MAX_LIMIT, Query, find_statement, query_statements, store_statements
from lrs.validation import (
    InvalidError,
    agent_key,
    is_iri,
    validate_agent,
    validate_timestamp,
    validate_uuid,
)

FILTERS = {
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "ascending",
    "format",
    "attachments",
}


def _client(xreq: XapiRequest) -> Client:
    if xreq.client is None:  # the envelope authenticates every resource but /about
        raise PermissionError
    return xreq.client


def _scope_actor(client: Client) -> str:
    """The agent key a launch credential is limited to ("" for an organisation's client)."""
    return str(client.scope.get("actor") or "")


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False)


def _bool(value: str, name: str) -> bool:
    if value not in ("true", "false"):
        raise InvalidError(f"{name} must be true or false")
    return value == "true"


def _time(value: str, name: str) -> datetime:
    validate_timestamp(value, name)
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise InvalidError(f"{name} must be an ISO 8601 timestamp") from error
    return parsed if parsed.tzinfo else timezone.make_aware(parsed, UTC)


def _agent_param(value: str, name: str = "agent") -> str:
    try:
        agent = json.loads(value)
    except ValueError as error:
        raise InvalidError(f"{name} must be a JSON agent") from error
    validate_agent(agent, name)
    key = agent_key(agent)
    if not key:
        raise InvalidError(f"{name} must be identified")
    return key


def _iri_param(xreq: XapiRequest, name: str) -> str:
    value = xreq.params.get(name)
    if not value:
        raise InvalidError(f"{name} is required")
    if not is_iri(value):
        raise InvalidError(f"{name} must be an IRI")
    return value


# --- statements -------------------------------------------------------------------------


def _agent_ids(agent: dict[str, Any]) -> dict[str, Any]:
    slim: dict[str, Any] = {
        key: agent[key]
        for key in ("objectType", "mbox", "mbox_sha1sum", "openid", "account")
        if key in agent
    }
    if agent.get("objectType") == "Group" and not agent_key(agent):
        slim["member"] = [_agent_ids(member) for member in agent.get("member", [])]
    return slim


def _format(statement: dict[str, Any], form: str) -> dict[str, Any]:
    """`ids`: agents by their identifiers only, activities and verbs by their ids."""
    if form != "ids":
        return statement
    result = dict(statement)
    result["actor"] = _agent_ids(statement["actor"])
    result["verb"] = {"id": statement["verb"]["id"]}
    obj = statement["object"]
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        result["object"] = {"id": obj["id"]}
    elif kind in ("Agent", "Group"):
        result["object"] = _agent_ids(obj)
    elif kind == "SubStatement":
        result["object"] = _format(obj, form)
    if "authority" in statement:
        result["authority"] = _agent_ids(statement["authority"])
    context = statement.get("context")
    if context:
        result["context"] = dict(context)
        for name in ("instructor", "team"):
            if name in context:
                result["context"][name] = _agent_ids(context[name])
        if "contextActivities" in context:
            result["context"]["contextActivities"] = {
                name: [{"id": item["id"]} for item in items]
                for name, items in context["contextActivities"].items()
            }
    return result


def _canonical(statement: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    """Language maps cut to the best language the client accepts (else the first)."""
    maps = {"display", "name", "description"}

    def pick(value: Any, key: str = "") -> Any:
        if isinstance(value, list):
            return [pick(item) for item in value]
        if not isinstance(value, dict):
            return value
        if key in maps and value and all(isinstance(text, str) for text in value.values()):
            for language in languages:
                for tag in value:
                    if tag.lower() == language or tag.lower().startswith(language + "-"):
                        return {tag: value[tag]}
            first = next(iter(value))
            return {first: value[first]}
        if key == "extensions":
            return value
        return {name: pick(item, name) for name, item in value.items()}

    return pick(statement)


def _languages(xreq: XapiRequest) -> list[str]:
    header = xreq.headers.get("accept-language", "")
    return [item.split(";")[0].strip().lower() for item in header.split(",") if item.strip()]


def _render(xreq: XapiRequest, rows: list[Statement], form: str) -> list[dict[str, Any]]:
    statements = [_format(row.statement, form) for row in rows]
    if form == "canonical":
        statements = [_canonical(statement, _languages(xreq)) for statement in statements]
    return statements


def _with_attachments(payload: Any, rows: list[Statement], organization_id: int) -> HttpResponse:
    hashes = {sha2 for row in rows for sha2 in row.attachment_hashes}
    files = Attachment.objects.filter(organization_id=organization_id, sha2__in=hashes)
    boundary = uuid.uuid4().hex
    chunks = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        json.dumps(payload).encode(),
    ]
    for item in files:
        chunks.append(
            f"\r\n--{boundary}\r\nContent-Type: {item.content_type}\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {item.sha2}\r\n\r\n".encode()
        )
        chunks.append(bytes(item.content))
    chunks.append(f"\r\n--{boundary}--".encode())
    return HttpResponse(b"".join(chunks), content_type=f'multipart/mixed; boundary="{boundary}"')


def _statement_response(
    xreq: XapiRequest, payload: Any, rows: list[Statement], attachments: bool
) -> HttpResponse:
    client = _client(xreq)
    if attachments:
        response = _with_attachments(payload, rows, client.organization_id)
    else:
        response = _json(payload)
    response["X-Experience-API-Consistent-Through"] = timezone.now().isoformat()
    if rows:
        response["Last-Modified"] = http_date(max(row.stored for row in rows).timestamp())
    return response


def _get_statements(xreq: XapiRequest) -> HttpResponse:
    client = _client(xreq)
    params = xreq.params
    organization_id = client.organization_id
    form = params.get("format", "exact")
    if form not in ("ids", "exact", "canonical"):
        raise InvalidError("format must be ids, exact or canonical")
    attachments = _bool(params["attachments"], "attachments") if "attachments" in params else False
    single = [name for name in ("statementId", "voidedStatementId") if name in params]
    if single:
        if len(single) > 1 or set(params) - {single[0], "format", "attachments"}:
            raise InvalidError(f"{single[0]} allows only format and attachments besides it")
        statement_id = validate_uuid(params[single[0]], single[0])
        row = find_statement(
            organization_id=organization_id,
            statement_id=statement_id,
            voided=single[0] == "voidedStatementId",
        )
        if row is None or (_scope_actor(client) not in ("", row.actor_key)):
            return error(404, "No such statement.", "not_found")
        return _statement_response(xreq, _render(xreq, [row], form)[0], [row], attachments)
    if "more" in params:
        if set(params) - {"more"}:
            raise InvalidError("more allows no other parameters")
        query = Query.from_cursor(params["more"])
        form, attachments = "exact", False
        form = params.get("format", form)
    else:
        unknown = set(params) - FILTERS
        if unknown:
            raise InvalidError(f"unknown parameters: {', '.join(sorted(unknown))}")
        query = Query()
        if "agent" in params:
            query.agent = _agent_param(params["agent"])
        if "verb" in params:
            query.verb = _iri_param(xreq, "verb")
        if "activity" in params:
            query.activity = _iri_param(xreq, "activity")
        if "registration" in params:
            query.registration = validate_uuid(params["registration"], "registration")
        for name in ("related_activities", "related_agents", "ascending"):
            if name in params:
                setattr(query, name, _bool(params[name], name))
        for name in ("since", "until"):
            if name in params:
                setattr(query, name, _time(params[name], name))
        if "limit" in params:
            if not params["limit"].isdigit():
                raise InvalidError("limit must be a non-negative integer")
            query.limit = min(int(params["limit"]), MAX_LIMIT)
    if _scope_actor(client):
        # A launch credential reads only its own learner's statements in its registration.
        query.agent, query.related_agents = _scope_actor(client), False
        query.registration = client.scope.get("registration") or query.registration
    rows, more = query_statements(organization_id=organization_id, query=query)
    more_url = f"{settings.XAPI_PATH}/statements?more={more}" if more else ""
    payload = {"statements": _render(xreq, rows, form), "more": more_url}
    return _statement_response(xreq, payload, rows, attachments)


def _statements(xreq: XapiRequest) -> HttpResponse:
    try:
        return _write_statements(xreq)
    except RejectedError as problem:
        # cmi5: what the LMS rejects is refused as xAPI's 403 Forbidden, nothing stored.
        return error(403, problem, "forbidden")


def _write_statements(xreq: XapiRequest) -> HttpResponse:
    client = _client(xreq)
    if xreq.method == "GET":
        return _get_statements(xreq)
    if xreq.method not in ("PUT", "POST"):
        return error(405, "Method not allowed.", "method_not_allowed")
    if xreq.content_type == "multipart/mixed":
        parse_multipart(xreq)
    elif xreq.content_type != "application/json":
        raise InvalidError("statements are sent as application/json or multipart/mixed")
    data = xreq.json()
    base = settings.PUBLIC_BASE_URL
    if xreq.method == "PUT":
        if set(xreq.params) != {"statementId"}:
            raise InvalidError("PUT takes exactly the statementId parameter")
        statement_id = validate_uuid(xreq.params["statementId"], "statementId")
        if not isinstance(data, dict):
            raise InvalidError("PUT takes one statement")
        if "id" in data and str(data["id"]).lower() != statement_id:
            raise InvalidError("the statement's id differs from statementId")
        data = {**data, "id": statement_id}
        store_statements(client=client, statements=[data], base_url=base, attachments=xreq.parts)
        return HttpResponse(status=204)
    if xreq.params:
        raise InvalidError(f"unknown parameters: {', '.join(sorted(xreq.params))}")
    batch = data if isinstance(data, list) else [data]
    ids = store_statements(client=client, statements=batch, base_url=base, attachments=xreq.parts)
    return _json(ids)


# --- documents --------------------------------------------------------------------------


def _document_response(document: Document) -> HttpResponse:
    response = HttpResponse(bytes(document.content), content_type=document.content_type)
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = http_date(document.updated.timestamp())
    return response


def _documents(xreq: XapiRequest, kind: str, id_name: str, keys: dict[str, str]) -> HttpResponse:
    client = _client(xreq)
    if _scope_actor(client) and keys.get("agent_key", _scope_actor(client)) != _scope_actor(client):
        return error(403, "This credential may only use its own learner's documents.", "forbidden")
    organization_id = client.organization_id
    params = xreq.params
    document_id = params.get(id_name)
    if xreq.method == "GET":
        if document_id is None:
            since = _time(params["since"], "since") if "since" in params else None
            ids = document_ids(organization_id=organization_id, kind=kind, since=since, **keys)
            return _json(ids)
        document = find_document(
            organization_id=organization_id, kind=kind, document_id=document_id, **keys
        )
        if document is None:
            return error(404, "No such document.", "not_found")
        return _document_response(document)
    if xreq.method == "DELETE":
        if document_id is None and kind != Document.Kind.STATE:
            raise InvalidError(f"{id_name} is required")
        delete_documents(
            organization_id=organization_id,
            kind=kind,
            document_id=document_id,
            if_match=xreq.headers.get("if-match"),
            **keys,
        )
        return HttpResponse(status=204)
    if xreq.method not in ("PUT", "POST"):
        return error(405, "Method not allowed.", "method_not_allowed")
    if document_id is None:
        raise InvalidError(f"{id_name} is required")
    if "since" in params:
        raise InvalidError("since is only for GET")
    content_type = xreq.headers.get("content-type") or "application/octet-stream"
    if len(content_type) > 255 or len(document_id) > 2048:
        raise InvalidError(f"the Content-Type or {id_name} is too long")
    if xreq.method == "PUT" and content_type.startswith("application/json"):
        try:
            json.loads(xreq.body)
        except ValueError as problem:
            raise InvalidError("the document is not valid JSON") from problem
    try:
        document = save_document(
            organization_id=organization_id,
            kind=kind,
            document_id=document_id,
            content=xreq.body,
            content_type=content_type,
            merge=xreq.method == "POST",
            if_match=xreq.headers.get("if-match"),
            if_none_match=xreq.headers.get("if-none-match"),
            require_precondition=kind != Document.Kind.STATE and xreq.method == "PUT",
            **keys,
        )
    except ValueError as problem:
        raise InvalidError(str(problem)) from problem
    response = HttpResponse(status=204)
    response["ETag"] = f'"{document.etag}"'
    return response


def _allowed(xreq: XapiRequest, names: set[str]) -> None:
    unknown = set(xreq.params) - names
    if unknown:
        raise InvalidError(f"unknown parameters: {', '.join(sorted(unknown))}")


def _state(xreq: XapiRequest) -> HttpResponse:
    _allowed(xreq, {"activityId", "agent", "registration", "stateId", "since"})
    if "agent" not in xreq.params:
        raise InvalidError("agent is required")
    keys = {
        "activity_id": _iri_param(xreq, "activityId"),
        "agent_key": _agent_param(xreq.params["agent"]),
        "registration": (
            validate_uuid(xreq.params["registration"], "registration")
            if "registration" in xreq.params
            else ""
        ),
    }
    return _documents(xreq, Document.Kind.STATE, "stateId", keys)


def _activity_profile(xreq: XapiRequest) -> HttpResponse:
    _allowed(xreq, {"activityId", "profileId", "since"})
    keys = {"activity_id": _iri_param(xreq, "activityId")}
    return _documents(xreq, Document.Kind.ACTIVITY_PROFILE, "profileId", keys)


def _agent_profile(xreq: XapiRequest) -> HttpResponse:
    _allowed(xreq, {"agent", "profileId", "since"})
    if "agent" not in xreq.params:
        raise InvalidError("agent is required")
    keys = {"agent_key": _agent_param(xreq.params["agent"])}
    return _documents(xreq, Document.Kind.AGENT_PROFILE, "profileId", keys)


# --- activities, agents, about ----------------------------------------------------------


def _activities(xreq: XapiRequest) -> HttpResponse:
    client = _client(xreq)
    if xreq.method != "GET":
        return error(405, "Method not allowed.", "method_not_allowed")
    _allowed(xreq, {"activityId"})
    activity_id = _iri_param(xreq, "activityId")
    row = Activity.objects.filter(
        organization_id=client.organization_id, activity_id=activity_id
    ).first()
    body: dict[str, Any] = {"objectType": "Activity", "id": activity_id}
    if row is not None and row.definition:
        body["definition"] = row.definition
    return _json(body)


def _agents(xreq: XapiRequest) -> HttpResponse:
    if xreq.method != "GET":
        return error(405, "Method not allowed.", "method_not_allowed")
    _allowed(xreq, {"agent"})
    if "agent" not in xreq.params:
        raise InvalidError("agent is required")
    _agent_param(xreq.params["agent"])
    agent = json.loads(xreq.params["agent"])
    person: dict[str, Any] = {"objectType": "Person"}
    for name in ("name", "mbox", "mbox_sha1sum", "openid", "account"):
        if name in agent:
            person[name] = [agent[name]]
    return _json(person)


def _about(xreq: XapiRequest) -> HttpResponse:
    if xreq.method != "GET":
        return error(405, "Method not allowed.", "method_not_allowed")
    return _json({"version": ["1.0.3", "1.0.2", "1.0.1", "1.0.0"]})


statements = xapi_view(_statements, consistent=True)
state = xapi_view(_state)
activity_profile = xapi_view(_activity_profile)
agent_profile = xapi_view(_agent_profile)
activities = xapi_view(_activities)
agents = xapi_view(_agents)
about = xapi_view(_about, public=True)
