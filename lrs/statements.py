"""Storing and reading statements: validation, immutability, voiding, the filters and paging."""

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lrs.cmi5 import check_au_statements, note_terminated
from lrs.models import Activity, Attachment, Client, Statement, StatementActivity, StatementAgent
from lrs.signals import statements_stored
from lrs.signatures import SIGNATURE, check_signature
from lrs.validation import VOIDED, InvalidError, agent_key, validate_statement

__all__ = [
    "ConflictError",
    "Query",
    "authority_of",
    "find_statement",
    "query_statements",
    "store_statements",
]

MAX_LIMIT = 100
CURSOR_SALT = "lrs.statements.more"
# Properties the LRS sets, left out when a replayed id is compared with what was stored.
LRS_SET = ("stored", "authority", "version")


class ConflictError(Exception):
    """A statement id is taken by a statement with other content (409)."""


def authority_of(client: Client, base_url: str) -> dict[str, Any]:
    """The agent the LRS names as the authority of what `client` stores."""
    return {
        "objectType": "Agent",
        "name": client.name,
        "account": {"homePage": base_url, "name": client.key},
    }


def _comparable(statement: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in statement.items() if key not in LRS_SET}


def _agents(statement: dict[str, Any], *, sub: bool = False) -> list[tuple[str, bool]]:
    """(key, direct) of every agent a statement names; group members are related."""
    found: list[tuple[str, bool]] = []

    def add(agent: Any, direct: bool) -> None:
        if not isinstance(agent, dict):
            return
        key = agent_key(agent)
        if key:
            found.append((key, direct))
        for member in agent.get("member", []) or []:
            add(member, False)

    add(statement.get("actor"), not sub)
    obj = statement.get("object", {})
    if obj.get("objectType") in ("Agent", "Group"):
        add(obj, not sub)
    if obj.get("objectType") == "SubStatement":
        found.extend(_agents(obj, sub=True))
    context = statement.get("context", {})
    add(context.get("instructor"), False)
    add(context.get("team"), False)
    if not sub:
        add(statement.get("authority"), False)
    return found


def _activities(statement: dict[str, Any], *, sub: bool = False) -> list[tuple[str, bool]]:
    found: list[tuple[str, bool]] = []
    obj = statement.get("object", {})
    if obj.get("objectType", "Activity") == "Activity":
        found.append((obj["id"], not sub))
    if obj.get("objectType") == "SubStatement":
        found.extend(_activities(obj, sub=True))
    for items in statement.get("context", {}).get("contextActivities", {}).values():
        for item in items if isinstance(items, list) else [items]:
            found.append((item["id"], False))
    return found


def _definitions(statement: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    obj = statement.get("object", {})
    candidates = [obj] if obj.get("objectType", "Activity") == "Activity" else []
    for items in statement.get("context", {}).get("contextActivities", {}).values():
        candidates.extend(items if isinstance(items, list) else [items])
    for activity in candidates:
        if activity.get("definition"):
            found[activity["id"]] = activity["definition"]
    return found


def _merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The newer definition over the older; language maps keep the languages only one has."""
    merged = {**old, **new}
    for name in ("name", "description"):
        if name in old and name in new:
            merged[name] = {**old[name], **new[name]}
    return merged


def _normalize(statement: dict[str, Any]) -> dict[str, Any]:
    """Single context activities become arrays, as the spec stores them."""
    context = statement.get("context")
    if context and "contextActivities" in context:
        context["contextActivities"] = {
            name: items if isinstance(items, list) else [items]
            for name, items in context["contextActivities"].items()
        }
    obj = statement.get("object", {})
    if obj.get("objectType") == "SubStatement":
        _normalize(obj)
    return statement


def store_statements(
    *,
    client: Client,
    statements: list[Any],
    base_url: str,
    attachments: dict[str, tuple[str, bytes]] | None = None,
) -> list[str]:
    """Store a batch (all or nothing) for the client's organisation; returns the ids in order.

    A replayed id with the same content is accepted and not stored again; with other content
    it raises ConflictError. Raises InvalidError for any broken rule (then nothing is stored).
    """
    attachments = attachments or {}
    now = timezone.now()
    authority = authority_of(client, base_url)
    prepared: list[tuple[dict[str, Any], dict[str, Any]]] = []
    ids: list[str] = []
    referenced: set[str] = set()
    for index, raw in enumerate(statements):
        try:
            validate_statement(raw)
        except InvalidError as error:
            if len(statements) > 1:
                raise InvalidError(f"statements[{index}]: {error}") from error
            raise
        submitted = _normalize(raw)
        statement_id = str(submitted.get("id") or uuid.uuid4()).lower()
        if statement_id in ids:
            raise InvalidError(f"statement id {statement_id} appears twice in the batch")
        ids.append(statement_id)
        for attachment in submitted.get("attachments", []):
            if "fileUrl" not in attachment and attachment["sha2"] not in attachments:
                raise InvalidError("an attachment without fileUrl needs its content in the request")
            referenced.add(attachment["sha2"])
            if attachment["usageType"] == SIGNATURE:
                if attachment["sha2"] not in attachments:
                    raise InvalidError("a signature attachment must be sent with the statement")
                check_signature(submitted, attachment, attachments[attachment["sha2"]][1])
        stored = {
            **submitted,
            "id": statement_id,
            "stored": now.isoformat(),
            "authority": authority,
            "version": submitted.get("version", "1.0.0"),
            "timestamp": submitted.get("timestamp", now.isoformat()),
        }
        prepared.append((submitted, stored))
    if set(attachments) - referenced:
        raise InvalidError("an attachment part is named by no statement")
    _check_scope(client, prepared)
    check_au_statements(client, [stored for _, stored in prepared])

    with transaction.atomic():
        existing = {
            str(row.id): row
            for row in Statement.objects.filter(id__in=ids).only(
                "id", "organization_id", "submitted"
            )
        }
        new: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for submitted, stored in prepared:
            before = existing.get(stored["id"])
            if before is None:
                new.append((submitted, stored))
            elif before.organization_id != client.organization_id or _comparable(
                {**submitted, "id": stored["id"]}
            ) != _comparable({**before.submitted, "id": stored["id"]}):
                # Ids are unique across organisations: another one's is taken, whatever it says.
                raise ConflictError(stored["id"])
        targets = {
            stored["object"]["id"].lower() for _, stored in new if stored["verb"]["id"] == VOIDED
        }
        if targets:
            voiding_targets = Statement.objects.filter(
                organization_id=client.organization_id, id__in=targets, is_voiding=True
            ).exists()
            if voiding_targets:
                raise InvalidError("a voiding statement cannot void another voiding statement")
        rows = [
            Statement(
                id=stored["id"],
                organization_id=client.organization_id,
                stored=now,
                verb_id=stored["verb"]["id"],
                actor_key=agent_key(stored["actor"]),
                object_activity_id=(
                    stored["object"]["id"]
                    if stored["object"].get("objectType", "Activity") == "Activity"
                    else ""
                ),
                object_statement_id=(
                    stored["object"]["id"]
                    if stored["object"].get("objectType") == "StatementRef"
                    else None
                ),
                registration=stored.get("context", {}).get("registration"),
                is_voiding=stored["verb"]["id"] == VOIDED,
                statement=stored,
                submitted=submitted,
                attachment_hashes=[item["sha2"] for item in stored.get("attachments", [])],
            )
            for submitted, stored in new
        ]
        Statement.objects.bulk_create(rows)
        StatementAgent.objects.bulk_create(
            StatementAgent(statement=row, agent_key=key, direct=direct)
            for row in rows
            for key, direct in set(_agents(row.statement))
        )
        StatementActivity.objects.bulk_create(
            StatementActivity(statement=row, activity_id=key, direct=direct)
            for row in rows
            for key, direct in set(_activities(row.statement))
        )
        definitions: dict[str, dict[str, Any]] = {}
        for row in rows:
            for key, value in _definitions(row.statement).items():
                definitions[key] = _merge(definitions.get(key, {}), value)
        if definitions:
            known = Activity.objects.filter(
                organization_id=client.organization_id, activity_id__in=definitions
            ).values_list("activity_id", "definition")
            for key, value in known:
                definitions[key] = _merge(value, definitions[key])
            Activity.objects.bulk_create(
                [
                    Activity(
                        organization_id=client.organization_id, activity_id=key, definition=value
                    )
                    for key, value in definitions.items()
                ],
                update_conflicts=True,
                unique_fields=["organization", "activity_id"],
                update_fields=["definition"],
            )
        if attachments:
            Attachment.objects.bulk_create(
                [
                    Attachment(
                        organization_id=client.organization_id,
                        sha2=sha2,
                        content_type=content_type,
                        content=content,
                    )
                    for sha2, (content_type, content) in attachments.items()
                ],
                ignore_conflicts=True,
            )
        if targets:
            Statement.objects.filter(
                organization_id=client.organization_id, id__in=targets, is_voiding=False
            ).update(voided=True)
        note_terminated(client, [row.statement for row in rows])
        new_ids = [row.statement["id"] for row in rows]
        organization_id = client.organization_id
        if new_ids:
            transaction.on_commit(
                lambda: statements_stored.send(
                    sender=Statement, organization_id=organization_id, statement_ids=new_ids
                )
            )
    return ids


def _check_scope(client: Client, prepared: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """A launch credential writes only statements about its actor and registration."""
    actor = client.scope.get("actor")
    if not actor:
        return
    for _, stored in prepared:
        if agent_key(stored["actor"]) != actor:
            raise InvalidError("this credential may only state statements about its actor")
        registration = client.scope.get("registration")
        if registration and stored.get("context", {}).get("registration") != registration:
            raise InvalidError("this credential may only state statements of its registration")


def find_statement(*, organization_id: int, statement_id: str, voided: bool) -> Statement | None:
    """The statement with this id: a voided one only when `voided`, else only a live one."""
    return Statement.objects.filter(
        organization_id=organization_id, id=statement_id, voided=voided
    ).first()


@dataclass
class Query:
    """The filters of a statements GET (all optional)."""

    agent: str = ""
    verb: str = ""
    activity: str = ""
    registration: str = ""
    related_activities: bool = False
    related_agents: bool = False
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 0
    ascending: bool = False
    after: tuple[str, int] | None = field(default=None)

    def cursor(self, last: Statement) -> str:
        """The opaque `more` token continuing after `last`."""
        data = {**self.__dict__, "after": [last.stored.isoformat(), last.sequence]}
        data["since"] = self.since.isoformat() if self.since else None
        data["until"] = self.until.isoformat() if self.until else None
        return signing.dumps(data, salt=CURSOR_SALT, compress=True)

    @classmethod
    def from_cursor(cls, token: str) -> "Query":
        """The query a `more` token continues; raises InvalidError when it is not one of ours."""
        try:
            data = signing.loads(token, salt=CURSOR_SALT)
        except signing.BadSignature as error:
            raise InvalidError("the more token is not valid") from error
        for name in ("since", "until"):
            data[name] = datetime.fromisoformat(data[name]) if data[name] else None
        data["after"] = tuple(data["after"])
        return cls(**data)


def _matching(rows: QuerySet[Statement], query: Query) -> QuerySet[Statement]:
    if query.verb:
        rows = rows.filter(verb_id=query.verb)
    if query.registration:
        rows = rows.filter(registration=query.registration)
    if query.agent:
        agents = StatementAgent.objects.filter(statement=OuterRef("pk"), agent_key=query.agent)
        if not query.related_agents:
            agents = agents.filter(direct=True)
        rows = rows.filter(Exists(agents))
    if query.activity:
        activities = StatementActivity.objects.filter(
            statement=OuterRef("pk"), activity_id=query.activity
        )
        if not query.related_activities:
            activities = activities.filter(direct=True)
        rows = rows.filter(Exists(activities))
    return rows


def _window(rows: QuerySet[Statement], query: Query) -> QuerySet[Statement]:
    """`rows` within since/until and after the cursor, in the page's order."""
    if query.since:
        rows = rows.filter(stored__gt=query.since)
    if query.until:
        rows = rows.filter(stored__lte=query.until)
    if query.after:
        stored, sequence = datetime.fromisoformat(query.after[0]), query.after[1]
        if query.ascending:
            rows = rows.filter(Q(stored__gt=stored) | Q(stored=stored, sequence__gt=sequence))
        else:
            rows = rows.filter(Q(stored__lt=stored) | Q(stored=stored, sequence__lt=sequence))
    order = ["stored", "sequence"] if query.ascending else ["-stored", "-sequence"]
    return rows.order_by(*order)


def query_statements(*, organization_id: int, query: Query) -> tuple[list[Statement], str]:
    """A page of live statements matching `query`, and the `more` token ("" on the last page).

    As the spec says, a statement whose StatementRef targets a matching statement (voided or
    not) matches too. The two kinds are two queries, each ordered and cut at the page's size,
    merged here: one query with an OR between them made PostgreSQL walk every statement of
    the organisation in order (seconds at a million), while each half alone follows an index
    (the agent and activity filters are EXISTS over their index rows; StatementRefs, which are
    few, have a partial index of their own).
    """
    limit = min(query.limit or MAX_LIMIT, MAX_LIMIT)
    live = Statement.objects.filter(organization_id=organization_id, voided=False)
    if not (query.verb or query.registration or query.agent or query.activity):
        page = list(_window(live, query)[: limit + 1])
    else:
        direct = list(_window(_matching(live, query), query)[: limit + 1])
        targets = _matching(Statement.objects.filter(organization_id=organization_id), query)
        referring = _window(
            live.filter(object_statement_id__isnull=False).filter(
                object_statement_id__in=targets.values("id")
            ),
            query,
        )
        merged = {row.sequence: row for row in [*direct, *referring[: limit + 1]]}
        page = sorted(
            merged.values(), key=lambda row: (row.stored, row.sequence), reverse=not query.ascending
        )[: limit + 1]
    if len(page) > limit:
        return page[:limit], query.cursor(page[limit - 1])
    return page, ""


def attachment_digest(content: bytes) -> str:
    """The SHA-256 hex digest the spec's `sha2` names."""
    return hashlib.sha256(content).hexdigest()
