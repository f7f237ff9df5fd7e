"""Verification of a presented CLR 2.0: the record's own structure and proof, then each embedded
credential through the certificates' verification (its proof, issuer key, status, validity)."""

import json
from datetime import datetime
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates import api as certificates_api
from records.learner_record import CLR_CONTEXTS

# More than anyone earns here; a bound on the work one request can ask for.
MAX_EMBEDDED = 200
TOO_MANY_CREDENTIALS = gettext_lazy("The record embeds more than %(limit)d credentials.")
STRUCTURE_LABEL = gettext_lazy("A well-formed CLR 2.0 learner record")
VALIDITY_LABEL = gettext_lazy("Within the record's validity window")

STATUS_VALID = "valid"
STATUS_INVALID = "invalid"
# The record is intact and ours, but some credential in it is revoked, expired or not ours.
STATUS_CREDENTIALS_NOT_VALID = "credentials_not_valid"


class EmbeddedVerification(TypedDict):
    """The answer about one credential inside the record."""

    id: str | None
    name: str
    status: str
    checks: list[certificates_api.VerificationCheck]


class RecordVerification(TypedDict):
    """The answer about a presented record."""

    id: str | None
    status: str
    checks: list[certificates_api.VerificationCheck]
    credentials: list[EmbeddedVerification]


def _check(name: str, label: str, passed: bool | None, explanation: str = "") -> Any:
    result = "skipped" if passed is None else "passed" if passed else "failed"
    return {
        "name": name,
        "label": label,
        "result": result,
        "passed": bool(passed),
        "explanation": explanation,
    }


def _structure_problem(document: dict[str, Any]) -> str | None:
    contexts = document.get("@context")
    if not isinstance(contexts, list) or contexts[:3] != CLR_CONTEXTS:
        return _("The contexts must be VC 2.0, CLR 2.0.1 and Open Badges 3.0.3, in this order.")
    types = document.get("type")
    if not isinstance(types, list) or not {"VerifiableCredential", "ClrCredential"} <= set(types):
        return _("The type must include VerifiableCredential and ClrCredential.")
    for field in ("id", "issuer", "validFrom", "name", "credentialSubject", "proof"):
        if field not in document:
            return _("The required field “%(field)s” is missing.") % {"field": field}
    subject = document["credentialSubject"]
    if not isinstance(subject, dict) or "ClrSubject" not in (subject.get("type") or []):
        return _("The credential subject is not a ClrSubject.")
    embedded = subject.get("verifiableCredential")
    if (
        not isinstance(embedded, list)
        or not embedded
        or not all(isinstance(item, dict) for item in embedded)
    ):
        return _("The record embeds no credential.")
    return None


def _valid_from_check(document: dict[str, Any], now: datetime) -> Any:
    value = document.get("validFrom")
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        return _check(
            "validity_window", str(VALIDITY_LABEL), False, _("The date is not a valid date-time.")
        )
    if moment > now:
        return _check(
            "validity_window",
            str(VALIDITY_LABEL),
            False,
            _("It is not valid before %(date)s.") % {"date": moment.date().isoformat()},
        )
    return _check("validity_window", str(VALIDITY_LABEL), True)


def _embedded(credential: dict[str, Any]) -> EmbeddedVerification:
    answer = certificates_api.verify_credential(content=json.dumps(credential).encode())
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    name = credential.get("name") or (
        achievement.get("name") if isinstance(achievement, dict) else ""
    )
    identifier = credential.get("id")
    return {
        "id": identifier if isinstance(identifier, str) else None,
        "name": name if isinstance(name, str) else "",
        "status": answer["status"],
        "checks": answer["checks"],
    }


def verify_learner_record(*, document: dict[str, Any]) -> RecordVerification:
    """Check a presented CLR: its structure, its proof and issuer key (ours), its validity;
    then each embedded credential as `certificates.api.verify_credential` checks one (proof,
    issuer key, revocation status, validity window). A record whose own checks fail is
    `invalid` and its credentials are not looked at; an intact one is `valid` only when every
    credential in it is, else `credentials_not_valid` (each says why).

    Raises ValidationError (code `too_many_credentials`) beyond MAX_EMBEDDED credentials.
    """
    identifier = document.get("id")
    record_id = identifier if isinstance(identifier, str) else None
    problem = _structure_problem(document)
    if problem is not None:
        return {
            "id": record_id,
            "status": STATUS_INVALID,
            "checks": [_check("clr_structure", str(STRUCTURE_LABEL), False, problem)],
            "credentials": [],
        }
    embedded = document["credentialSubject"]["verifiableCredential"]
    if len(embedded) > MAX_EMBEDDED:
        raise ValidationError(
            TOO_MANY_CREDENTIALS % {"limit": MAX_EMBEDDED}, code="too_many_credentials"
        )
    checks = [
        _check("clr_structure", str(STRUCTURE_LABEL), True),
        *certificates_api.issuer_proof_checks(document=document),
        _valid_from_check(document, timezone.now()),
    ]
    if any(item["result"] == "failed" for item in checks):
        return {"id": record_id, "status": STATUS_INVALID, "checks": checks, "credentials": []}
    credentials = [_embedded(credential) for credential in embedded]
    is_all_valid = all(item["status"] == STATUS_VALID for item in credentials)
    return {
        "id": record_id,
        "status": STATUS_VALID if is_all_valid else STATUS_CREDENTIALS_NOT_VALID,
        "checks": checks,
        "credentials": credentials,
    }
