"""xAPI 1.0.3 statement and agent validation (Part Two, Experience API Data): pure functions."""

import hashlib
import re
from functools import lru_cache
from typing import Any

from rfc3987_syntax import is_valid_syntax_iri

__all__ = [
    "InvalidError",
    "agent_key",
    "is_iri",
    "validate_agent",
    "validate_statement",
    "validate_uuid",
]

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
)
# RFC 5646 language tag (the grammar's shape, without the registry).
LANGUAGE_RE = re.compile(
    r"^(?:(?:[a-zA-Z]{2,3}(?:-[a-zA-Z]{3}){0,3}|[a-zA-Z]{4,8})(?:-[a-zA-Z]{4})?"
    r"(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?(?:-(?:[a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*"
    r"(?:-[0-9a-wyzA-WYZ](?:-[a-zA-Z0-9]{2,8})+)*(?:-x(?:-[a-zA-Z0-9]{1,8})+)?"
    r"|x(?:-[a-zA-Z0-9]{1,8})+|i-[a-zA-Z]+)$"
)
# ISO 8601 date-time (extended or basic); RFC 3339 forbids the "unknown" offset -00:00.
TIMESTAMP_RE = re.compile(
    r"^\d{4}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):?[0-5]\d(?::?[0-5]\d"
    r"(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?$"
)
DURATION_RE = re.compile(
    r"^P(?:(?=\d|T\d)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?|\d+(?:[.,]\d+)?W)$"
)
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
MAILTO_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")
INTERACTION_TYPES = {
    "true-false": (),
    "choice": ("choices",),
    "fill-in": (),
    "long-fill-in": (),
    "matching": ("source", "target"),
    "performance": ("steps",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "numeric": (),
    "other": (),
}
COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


class InvalidError(ValueError):
    """A statement (or parameter) breaks a rule of the specification; the message says which."""


MAX_IRI = 2048


@lru_cache(maxsize=4096)
def is_iri(value: str) -> bool:
    """An absolute IRI (RFC 3987), with a scheme, of at most 2048 characters (the columns
    that index them)."""
    return (
        len(value) <= MAX_IRI
        and bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value))
        and is_valid_syntax_iri(value)
    )


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidError(f"{where} must be a JSON object")
    return value


def _keys(value: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise InvalidError(f"{where} has unknown properties: {', '.join(unknown)}")
    for key, item in value.items():
        if item is None:
            raise InvalidError(f"{where}.{key} must not be null")


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise InvalidError(f"{where} must be a string")
    return value


def _iri(value: Any, where: str) -> str:
    if not isinstance(value, str) or not is_iri(value):
        raise InvalidError(f"{where} must be an IRI")
    return value


def _bool(value: Any, where: str) -> None:
    if not isinstance(value, bool):
        raise InvalidError(f"{where} must be true or false")


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidError(f"{where} must be a number")
    return float(value)


def validate_uuid(value: Any, where: str) -> str:
    """A UUID in its canonical text form (any RFC 4122 version)."""
    if not isinstance(value, str) or not UUID_RE.match(value):
        raise InvalidError(f"{where} must be a UUID")
    return value.lower()


def validate_timestamp(value: Any, where: str) -> str:
    """An ISO 8601 date and time; -00:00 (RFC 3339's unknown offset) is refused."""
    if (
        not isinstance(value, str)
        or not TIMESTAMP_RE.match(value)
        or re.search(r"-00:?(00)?$", value)
    ):
        raise InvalidError(f"{where} must be an ISO 8601 timestamp")
    return value


def _language_map(value: Any, where: str) -> None:
    value = _object(value, where)
    for tag, text in value.items():
        if not LANGUAGE_RE.match(tag):
            raise InvalidError(f"{where}: {tag!r} is not an RFC 5646 language tag")
        _string(text, f"{where}.{tag}")


def _extensions(value: Any, where: str) -> None:
    value = _object(value, where)
    for key in value:
        _iri(key, f"{where} key {key!r}")


def agent_key(agent: dict[str, Any]) -> str:
    """The agent's (or identified group's) inverse functional identifier as one fixed-length
    string (a SHA-256, so an account name of any length fits its index); "" for none."""
    if "mbox" in agent:
        key = "mbox:" + str(agent["mbox"]).lower()
    elif "mbox_sha1sum" in agent:
        key = "sha1:" + str(agent["mbox_sha1sum"]).lower()
    elif "openid" in agent:
        key = "openid:" + str(agent["openid"])
    elif "account" in agent:
        key = f"account:{agent['account'].get('homePage')}|{agent['account'].get('name')}"
    else:
        return ""
    return hashlib.sha256(key.encode()).hexdigest()


def _ifi(agent: dict[str, Any], where: str, *, required: bool) -> None:
    present = [name for name in ("mbox", "mbox_sha1sum", "openid", "account") if name in agent]
    if len(present) > 1 or (required and not present):
        raise InvalidError(f"{where} must have exactly one inverse functional identifier")
    if "mbox" in agent and (
        not isinstance(agent["mbox"], str) or not MAILTO_RE.match(agent["mbox"])
    ):
        raise InvalidError(f"{where}.mbox must be a mailto: IRI")
    if "mbox_sha1sum" in agent and (
        not isinstance(agent["mbox_sha1sum"], str) or not SHA1_RE.match(agent["mbox_sha1sum"])
    ):
        raise InvalidError(f"{where}.mbox_sha1sum must be a SHA-1 hex string")
    if "openid" in agent:
        _iri(agent["openid"], f"{where}.openid")
    if "account" in agent:
        account = _object(agent["account"], f"{where}.account")
        _keys(account, {"homePage", "name"}, f"{where}.account")
        if "homePage" not in account or "name" not in account:
            raise InvalidError(f"{where}.account needs homePage and name")
        _iri(account["homePage"], f"{where}.account.homePage")
        _string(account["name"], f"{where}.account.name")


AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}


def validate_agent(value: Any, where: str, *, group_allowed: bool = True) -> dict[str, Any]:
    """An Agent, or a Group (anonymous with members, or identified)."""
    agent = _object(value, where)
    kind = agent.get("objectType", "Agent")
    if kind == "Group" and group_allowed:
        _keys(agent, AGENT_KEYS | {"member"}, where)
        if "name" in agent:
            _string(agent["name"], f"{where}.name")
        _ifi(agent, where, required=False)
        identified = bool(agent_key(agent))
        if "member" in agent:
            if not isinstance(agent["member"], list):
                raise InvalidError(f"{where}.member must be an array")
            for index, member in enumerate(agent["member"]):
                validate_agent(member, f"{where}.member[{index}]", group_allowed=False)
        elif not identified:
            raise InvalidError(f"{where}: an anonymous Group must list its members")
        return agent
    if kind != "Agent":
        raise InvalidError(
            f"{where}.objectType must be Agent" + (" or Group" if group_allowed else "")
        )
    _keys(agent, AGENT_KEYS, where)
    if "name" in agent:
        _string(agent["name"], f"{where}.name")
    _ifi(agent, where, required=True)
    return agent


def _activity(value: Any, where: str) -> None:
    activity = _object(value, where)
    _keys(activity, {"objectType", "id", "definition"}, where)
    if "id" not in activity:
        raise InvalidError(f"{where} needs an id")
    _iri(activity["id"], f"{where}.id")
    if "definition" not in activity:
        return
    definition = _object(activity["definition"], f"{where}.definition")
    _keys(
        definition,
        {
            "name",
            "description",
            "type",
            "moreInfo",
            "extensions",
            "interactionType",
            "correctResponsesPattern",
            *COMPONENT_LISTS,
        },
        f"{where}.definition",
    )
    for name in ("name", "description"):
        if name in definition:
            _language_map(definition[name], f"{where}.definition.{name}")
    for name in ("type", "moreInfo"):
        if name in definition:
            _iri(definition[name], f"{where}.definition.{name}")
    if "extensions" in definition:
        _extensions(definition["extensions"], f"{where}.definition.extensions")
    interaction = definition.get("interactionType")
    if interaction is not None and (
        not isinstance(interaction, str) or interaction not in INTERACTION_TYPES
    ):
        raise InvalidError(f"{where}.definition.interactionType is not an interaction type")
    if "correctResponsesPattern" in definition:
        pattern = definition["correctResponsesPattern"]
        if not isinstance(pattern, list) or not all(isinstance(item, str) for item in pattern):
            raise InvalidError(f"{where}.definition.correctResponsesPattern must be strings")
        if interaction is None:
            raise InvalidError(
                f"{where}.definition.correctResponsesPattern needs an interactionType"
            )
    for name in COMPONENT_LISTS:
        if name not in definition:
            continue
        if interaction is None or name not in INTERACTION_TYPES[interaction]:
            raise InvalidError(f"{where}.definition.{name} does not fit the interactionType")
        components = definition[name]
        if not isinstance(components, list):
            raise InvalidError(f"{where}.definition.{name} must be an array")
        seen: set[str] = set()
        for index, component in enumerate(components):
            component_where = f"{where}.definition.{name}[{index}]"
            component = _object(component, component_where)
            _keys(component, {"id", "description"}, component_where)
            identifier = _string(component.get("id"), f"{component_where}.id")
            if identifier in seen:
                raise InvalidError(f"{component_where}.id repeats another id")
            seen.add(identifier)
            if "description" in component:
                _language_map(component["description"], f"{component_where}.description")


def _statement_ref(value: dict[str, Any], where: str) -> None:
    _keys(value, {"objectType", "id"}, where)
    validate_uuid(value.get("id"), f"{where}.id")


def _object_property(value: Any, where: str, *, sub: bool) -> None:
    obj = _object(value, where)
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        _activity(obj, where)
    elif kind in ("Agent", "Group"):
        validate_agent(obj, where)
    elif kind == "StatementRef":
        _statement_ref(obj, where)
    elif kind == "SubStatement" and not sub:
        _statement(obj, where, sub=True)
    else:
        raise InvalidError(f"{where}.objectType {kind!r} is not allowed here")


def _result(value: Any, where: str) -> None:
    result = _object(value, where)
    _keys(result, {"score", "success", "completion", "response", "duration", "extensions"}, where)
    if "score" in result:
        score = _object(result["score"], f"{where}.score")
        _keys(score, {"scaled", "raw", "min", "max"}, f"{where}.score")
        numbers = {name: _number(score[name], f"{where}.score.{name}") for name in score}
        if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
            raise InvalidError(f"{where}.score.scaled must be between -1 and 1")
        low, high = numbers.get("min"), numbers.get("max")
        if low is not None and high is not None and low > high:
            raise InvalidError(f"{where}.score.min must not exceed max")
        raw = numbers.get("raw")
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            raise InvalidError(f"{where}.score.raw must be between min and max")
    for name in ("success", "completion"):
        if name in result:
            _bool(result[name], f"{where}.{name}")
    if "response" in result:
        _string(result["response"], f"{where}.response")
    if "duration" in result and (
        not isinstance(result["duration"], str) or not DURATION_RE.match(result["duration"])
    ):
        raise InvalidError(f"{where}.duration must be an ISO 8601 duration")
    if "extensions" in result:
        _extensions(result["extensions"], f"{where}.extensions")


def _context(value: Any, where: str, object_kind: str) -> None:
    context = _object(value, where)
    _keys(
        context,
        {
            "registration",
            "instructor",
            "team",
            "contextActivities",
            "revision",
            "platform",
            "language",
            "statement",
            "extensions",
        },
        where,
    )
    if "registration" in context:
        validate_uuid(context["registration"], f"{where}.registration")
    if "instructor" in context:
        validate_agent(context["instructor"], f"{where}.instructor")
    if "team" in context:
        team = validate_agent(context["team"], f"{where}.team")
        if team.get("objectType") != "Group":
            raise InvalidError(f"{where}.team must be a Group")
    for name in ("revision", "platform"):
        if name in context:
            _string(context[name], f"{where}.{name}")
            if object_kind != "Activity":
                raise InvalidError(f"{where}.{name} is only allowed when the object is an Activity")
    if "language" in context and (
        not isinstance(context["language"], str) or not LANGUAGE_RE.match(context["language"])
    ):
        raise InvalidError(f"{where}.language must be an RFC 5646 language tag")
    if "statement" in context:
        ref = _object(context["statement"], f"{where}.statement")
        if ref.get("objectType") != "StatementRef":
            raise InvalidError(f"{where}.statement must be a StatementRef")
        _statement_ref(ref, f"{where}.statement")
    if "extensions" in context:
        _extensions(context["extensions"], f"{where}.extensions")
    if "contextActivities" in context:
        activities = _object(context["contextActivities"], f"{where}.contextActivities")
        _keys(activities, {"parent", "grouping", "category", "other"}, f"{where}.contextActivities")
        for name, items in activities.items():
            for index, item in enumerate(items if isinstance(items, list) else [items]):
                item_where = f"{where}.contextActivities.{name}[{index}]"
                if _object(item, item_where).get("objectType", "Activity") != "Activity":
                    raise InvalidError(f"{item_where} must be an Activity")
                _activity(item, item_where)


def _attachments(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise InvalidError(f"{where} must be an array")
    for index, item in enumerate(value):
        item_where = f"{where}[{index}]"
        attachment = _object(item, item_where)
        _keys(
            attachment,
            {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
            item_where,
        )
        for name in ("usageType", "display", "contentType", "length", "sha2"):
            if name not in attachment:
                raise InvalidError(f"{item_where} needs {name}")
        _iri(attachment["usageType"], f"{item_where}.usageType")
        _language_map(attachment["display"], f"{item_where}.display")
        if "description" in attachment:
            _language_map(attachment["description"], f"{item_where}.description")
        if not re.match(r"^[\w.+-]+/[\w.+-]+", _string(attachment["contentType"], item_where)):
            raise InvalidError(f"{item_where}.contentType must be an Internet Media Type")
        if isinstance(attachment["length"], bool) or not isinstance(attachment["length"], int):
            raise InvalidError(f"{item_where}.length must be an integer")
        if not re.match(r"^[0-9a-fA-F]{56,128}$", _string(attachment["sha2"], item_where)):
            raise InvalidError(f"{item_where}.sha2 must be a SHA-2 hex digest")
        if "fileUrl" in attachment:
            _iri(attachment["fileUrl"], f"{item_where}.fileUrl")


STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
SUB_KEYS = {
    "objectType",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "attachments",
}


def _statement(value: Any, where: str, *, sub: bool) -> None:
    statement = _object(value, where)
    _keys(statement, SUB_KEYS if sub else STATEMENT_KEYS, where)
    for name in ("actor", "verb", "object"):
        if name not in statement:
            raise InvalidError(f"{where} needs {name}")
    if "id" in statement:
        validate_uuid(statement["id"], f"{where}.id")
    validate_agent(statement["actor"], f"{where}.actor")
    verb = _object(statement["verb"], f"{where}.verb")
    _keys(verb, {"id", "display"}, f"{where}.verb")
    _iri(verb.get("id"), f"{where}.verb.id")
    if "display" in verb:
        _language_map(verb["display"], f"{where}.verb.display")
    _object_property(statement["object"], f"{where}.object", sub=sub)
    object_kind = statement["object"].get("objectType", "Activity")
    if verb["id"] == VOIDED and not sub and object_kind != "StatementRef":
        raise InvalidError(f"{where}: a voiding statement's object must be a StatementRef")
    if "result" in statement:
        _result(statement["result"], f"{where}.result")
    if "context" in statement:
        _context(statement["context"], f"{where}.context", object_kind)
    if "timestamp" in statement:
        validate_timestamp(statement["timestamp"], f"{where}.timestamp")
    if "stored" in statement:
        validate_timestamp(statement["stored"], f"{where}.stored")
    if "authority" in statement:
        authority = validate_agent(statement["authority"], f"{where}.authority")
        # A Group authority is OAuth's pair of an application (an account) and a user.
        if authority.get("objectType") == "Group" and (
            agent_key(authority)
            or len(authority.get("member", [])) != 2
            or not any("account" in member for member in authority["member"])
        ):
            raise InvalidError(
                f"{where}.authority: a Group authority is an OAuth consumer and user"
            )
    if "version" in statement and (
        not isinstance(statement["version"], str)
        or not re.match(r"^1\.0(\.\d+)?$", statement["version"])
    ):
        raise InvalidError(f"{where}.version must be 1.0.x")
    if "attachments" in statement:
        _attachments(statement["attachments"], f"{where}.attachments")


def validate_statement(value: Any) -> dict[str, Any]:
    """The statement, checked; raises InvalidError naming the first broken rule."""
    _statement(value, "statement", sub=False)
    return value
