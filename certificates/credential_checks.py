"""The checklist of a verification, and the checks of a presented Open Badges 3.0 credential:
structure, proof, issuer key, status entry and validity window."""

import functools
from datetime import datetime
from typing import Any, TypedDict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates import credentials, registry, signing
from certificates.models import Certificate, StatusList

CHECK_LABELS = {
    "issued_by_platform": gettext_lazy("Issued by ICIM Academy and recorded in its register"),
    "not_revoked": gettext_lazy("Not revoked by the issuing institution"),
    "not_expired": gettext_lazy("Within its validity period"),
    "current": gettext_lazy("The current certificate (not replaced by a corrected one)"),
    "file_matches": gettext_lazy("The file is byte for byte the one issued"),
    "credential_structure": gettext_lazy("A well-formed Open Badges 3.0 credential"),
    "credential_proof": gettext_lazy("The digital signature matches the content"),
    "issuer_key": gettext_lazy("Signed with a key of ICIM Academy (listed in its DID document)"),
    "credential_status": gettext_lazy("Not revoked in the published status list"),
    "validity_window": gettext_lazy("Within the credential's validity window"),
    "pdf_seal": gettext_lazy("The PDF's seal is intact and made by ICIM Academy"),
}
RESULT_PASSED, RESULT_FAILED, RESULT_SKIPPED = "passed", "failed", "skipped"


class VerificationCheck(TypedDict):
    """One line of a verification's checklist."""

    name: str
    label: str
    result: str
    passed: bool
    explanation: str


def check(name: str, passed: bool | None, explanation: str = "") -> VerificationCheck:
    """One line of the checklist; `passed` None means the check could not apply (skipped)."""
    result = RESULT_SKIPPED if passed is None else RESULT_PASSED if passed else RESULT_FAILED
    return {
        "name": name,
        "label": str(CHECK_LABELS[name]),
        "result": result,
        "passed": bool(passed),
        "explanation": explanation,
    }


def _structure_problem(document: dict[str, Any]) -> str | None:
    contexts = document.get("@context")
    if not isinstance(contexts, list) or contexts[:2] != [
        credentials.CREDENTIALS_V2,
        credentials.OPEN_BADGES_V3,
    ]:
        return _("The contexts must be VC 2.0 followed by Open Badges 3.0.3.")
    types = document.get("type")
    if not isinstance(types, list) or not {"VerifiableCredential", "OpenBadgeCredential"} <= set(
        types
    ):
        return _("The type must include VerifiableCredential and OpenBadgeCredential.")
    for field in ("id", "issuer", "validFrom", "credentialSubject", "proof"):
        if field not in document:
            return _("The required field “%(field)s” is missing.") % {"field": field}
    subject = document["credentialSubject"]
    if not isinstance(subject, dict) or not isinstance(subject.get("achievement"), dict):
        return _("The credential subject names no achievement.")
    undefined = credentials.undefined_terms(document)
    if undefined:
        return _("It uses terms its contexts do not define: %(terms)s.") % {
            "terms": ", ".join(undefined)
        }
    # Named contexts must be ones we ship (refused, never fetched). Canonicalizing the whole
    # document here would repeat what the proof check does next; other JSON-LD errors fail it.
    for context in contexts:
        if isinstance(context, str):
            try:
                credentials.load_context(context)
            except credentials.CredentialError as error:
                return str(error)
    return None


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _validity_check(document: dict[str, Any], now: datetime) -> VerificationCheck:
    valid_from = _parse_time(document.get("validFrom"))
    valid_until = document.get("validUntil")
    until = _parse_time(valid_until)
    if valid_from is None or (valid_until is not None and until is None):
        return check("validity_window", False, _("The validity dates are not valid date-times."))
    if valid_from > now:
        return check(
            "validity_window",
            False,
            _("It is not valid before %(date)s.") % {"date": valid_from.date().isoformat()},
        )
    if until is not None and until <= now:
        return check(
            "validity_window",
            False,
            _("It expired on %(date)s.") % {"date": until.date().isoformat()},
        )
    return check("validity_window", True)


def _status_check(document: dict[str, Any]) -> VerificationCheck:
    entry = document.get("credentialStatus")
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        return check("credential_status", None, _("The credential names no status list."))
    list_id = registry.status_list_id(entry.get("statusListCredential"))
    index = entry.get("statusListIndex")
    if list_id is None:
        return check("credential_status", False, _("The status list is not one of ours."))
    if not isinstance(index, str) or not index.isdigit() or int(index) >= StatusList.SIZE:
        return check("credential_status", False, _("The status list index is not valid."))
    bits = StatusList.objects.filter(pk=list_id).values_list("bits", flat=True)
    if not bits:
        return check("credential_status", False, _("The status list does not exist."))
    if signing.get_bit(bytes(bits[0]), int(index)):
        return check("credential_status", False, _("The issuer has revoked it."))
    return check("credential_status", True)


def credential_checks(document: dict[str, Any], now: datetime) -> list[VerificationCheck]:
    """The checks of a credential's structure, proof, issuer key, status entry and validity
    window; when it is not well-formed, the others are skipped."""
    problem = _structure_problem(document)
    if problem is not None:
        skipped = _("Not checked: the credential is not well-formed.")
        return [
            check("credential_structure", False, problem),
            check("credential_proof", None, skipped),
            check("issuer_key", None, skipped),
            check("credential_status", None, skipped),
            check("validity_window", None, skipped),
        ]
    return [
        check("credential_structure", True),
        *issuer_proof_checks(document=document),
        _status_check(document),
        _validity_check(document, now),
    ]


def issuer_proof_checks(*, document: dict[str, Any]) -> list[VerificationCheck]:
    """The `credential_proof` and `issuer_key` checks of any document signed by the platform
    (an Open Badges credential, a CLR): its `eddsa-rdfc-2022` proof holds, made with a key of
    the issuer's DID document, and the issuer is the platform. Never raises."""
    # One register lookup per method, shared by the proof check and the issuer-key check.
    key_for = functools.cache(registry.public_key_for)
    proof = credentials.verify_proof(document, public_key_for=key_for)
    method = proof.verification_method or ""
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    is_our_key = key_for(method) is not None
    if issuer_id != signing.issuer_did():
        key_check = check("issuer_key", False, _("The issuer is not ICIM Academy."))
    elif not is_our_key:
        key_check = check("issuer_key", False, _("The key is not in ICIM Academy's DID document."))
    else:
        key_check = check("issuer_key", True, method)
    return [
        check("credential_proof", proof.is_valid, "" if proof.is_valid else proof.reason),
        key_check,
    ]


def credential_status(
    checks: list[VerificationCheck], document: dict[str, Any], now: datetime
) -> str:
    """The credential's own status from its checks: `invalid`, `revoked`, `expired`,
    `not_yet_valid` or `valid`."""
    by_name = {item["name"]: item for item in checks}
    if any(
        by_name[name]["result"] == RESULT_FAILED
        for name in ("credential_structure", "credential_proof", "issuer_key")
    ):
        return "invalid"
    if by_name["credential_status"]["result"] == RESULT_FAILED:
        return "revoked"
    if by_name["validity_window"]["result"] == RESULT_FAILED:
        valid_from = _parse_time(document.get("validFrom"))
        return "not_yet_valid" if valid_from is not None and valid_from > now else "expired"
    return "valid"


def explain_superseded(
    checks: list[VerificationCheck], certificate: Certificate
) -> list[VerificationCheck]:
    """The checks, with a set status entry explained as a replacement rather than a revocation
    when the register says the certificate was superseded, not revoked."""
    if certificate.revoked_at is not None or certificate.superseded_at is None:
        return checks
    return [
        check("credential_status", False, _("The issuer replaced it with a corrected one."))
        if item["name"] == "credential_status" and item["result"] == RESULT_FAILED
        else item
        for item in checks
    ]
