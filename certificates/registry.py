"""The issuer's register: its keys, its revocation status lists and the credentials it signs.

Private to `certificates`: other apps and views go through `certificates.api`.
"""

import contextlib
import json
import secrets
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from accounts.models import User
from certificates import credentials, signing
from certificates.credentials import CREDENTIALS_V2, OPEN_BADGES_V3, SigningKey
from certificates.models import AttendanceCredential, Certificate, IssuerKey, StatusList

# A list takes new entries until half full: random indexes stay cheap to find, and every
# certificate hides among at least 65,536 others (the specification's herd privacy).
STATUS_LIST_CAPACITY = StatusList.SIZE // 2
COMPETENCY_FRAMEWORK = "ICIM Academy competency framework"
ISSUER_NAME = "ICIM Academy"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- keys and identity --------------------------------------------------------------------------


def signing_key() -> SigningKey:
    """The active key, recorded in the register (and so in the DID document) before first use."""
    key = signing.active_signing_key()
    IssuerKey.objects.get_or_create(public_key_multibase=key.public_key_multibase)
    return key


def rotate_signing_key(*, path: Any, actor: User | None = None, via: str = "") -> str:
    """Write a new signing key to `path` and record it; older keys are marked retired but stay
    in the DID document. Audited as `signing_key_rotated` (`actor` None: the system, `via`
    says how, e.g. the management command). Returns the new key's multibase."""
    # The outgoing key must be listed before its file is replaced (none yet: nothing to keep).
    with contextlib.suppress(ImproperlyConfigured):
        signing_key()
    with transaction.atomic():
        IssuerKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        key = signing.write_new_key_file(path)
        IssuerKey.objects.get_or_create(public_key_multibase=key.public_key_multibase)
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.SIGNING_KEY_ROTATED,
            actor=actor,
            target_type="issuer_key",
            target_id=key.public_key_multibase,
            details={"via": via} if via else {},
        )
    return key.public_key_multibase


def did_document() -> dict[str, Any]:
    """The issuer's DID document: every key that ever signed, for `assertionMethod`."""
    did = signing.issuer_did()
    signing_key()  # a fresh installation lists its key before it has signed anything
    methods = [
        {
            "id": f"{did}#{key.public_key_multibase}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in IssuerKey.objects.all()
    ]
    return {
        "@context": [credentials.DID_V1, credentials.MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def public_key_for(method: str) -> bytes | None:
    """The raw public key of one of our verification methods, or None for anything else."""
    did, _, fragment = method.partition("#")
    if did != signing.issuer_did() or not fragment:
        return None
    if not IssuerKey.objects.filter(public_key_multibase=fragment).exists():
        return None
    try:
        return credentials.decode_public_key(fragment)
    except credentials.CredentialError:
        return None


# --- status lists -------------------------------------------------------------------------------


def status_list_url(status_list_id: int) -> str:
    return f"{settings.PUBLIC_BASE_URL}/api/v1/credentials/status/{status_list_id}"


def status_list_id(url: object) -> int | None:
    """The id of one of our status lists from its URL; None for any other URL."""
    prefix = status_list_url(0)[:-1]
    if not isinstance(url, str) or not url.startswith(prefix) or not url[len(prefix) :].isdigit():
        return None
    return int(url[len(prefix) :])


def _sign_status_list(status_list: StatusList) -> None:
    """Re-sign the list's BitstringStatusListCredential from its current bits (caller saves)."""
    url = status_list_url(status_list.pk)
    valid_from = _timestamp(timezone.now())
    document: dict[str, Any] = {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": signing.issuer_did(),
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": signing.encode_status_list(bytes(status_list.bits)),
        },
    }
    key = signing_key()
    signed = credentials.sign(
        document,
        key=key,
        verification_method=signing.verification_method(key),
        created=valid_from,
    )
    status_list.credential = credentials.serialize(signed)


def _open_status_list() -> StatusList:
    """The list taking new entries, locked; a new one when the last is at capacity."""
    status_list = (
        StatusList.objects.select_for_update()
        .filter(allocated__lt=STATUS_LIST_CAPACITY)
        .order_by("-pk")
        .first()
    )
    if status_list is None:
        status_list = StatusList.objects.create(bits=bytes(StatusList.SIZE // 8))
        _sign_status_list(status_list)
        status_list.save(update_fields=["credential"])
    return status_list


def open_status_list() -> StatusList:
    """The list taking new entries, locked (for credentials other than certificates)."""
    return _open_status_list()


def free_status_index(status_list: StatusList) -> int:
    """A random index of the (locked) list that no certificate or attendance credential holds."""
    # At most half the entries are taken, so a random probe is free with probability >= 1/2:
    # a couple of indexed lookups on average, whatever the list's size.
    while True:
        index = secrets.randbelow(StatusList.SIZE)
        # One query for both tables: issuing's query count stays what it was.
        holders = Certificate.objects.filter(
            status_list=status_list, status_index=index
        ).values_list("status_index")
        others = AttendanceCredential.objects.filter(
            status_list=status_list, status_index=index
        ).values_list("status_index")
        if not holders.union(others).exists():
            return index


def sign_status_list(status_list: StatusList) -> None:
    """Re-sign the list's credential from its current bits (caller saves)."""
    _sign_status_list(status_list)


@transaction.atomic
def assign_status_entry(*, certificate_id: Any) -> Certificate:
    """Give the certificate a random, unused index in an open status list (once: a certificate
    that has one keeps it). Locks the certificate and the list row."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.status_list_id is not None:
        return certificate
    status_list = _open_status_list()
    index = free_status_index(status_list)
    certificate.status_list = status_list
    certificate.status_index = index
    certificate.save(update_fields=["status_list", "status_index"])
    status_list.allocated += 1
    fields = ["allocated"]
    if _is_withdrawn(certificate):  # revoked or superseded while still pending
        status_list.bits = signing.set_bit(bytes(status_list.bits), index)
        _sign_status_list(status_list)
        fields += ["bits", "credential"]
    status_list.save(update_fields=fields)
    return certificate


def _is_withdrawn(certificate: Certificate) -> bool:
    """Whether outside verifiers must see the credential as no longer valid: revoked, or
    superseded by a corrected certificate (the list's purpose is revocation; the register
    says which)."""
    return certificate.revoked_at is not None or certificate.superseded_at is not None


def update_status_entry(*, certificate: Certificate) -> None:
    """Set the certificate's status bit when it is revoked or superseded, clear it otherwise,
    and re-sign its list if the bit changed, in the caller's transaction (locks the list)."""
    if certificate.status_list_id is None:
        return  # not yet issued: the bit is set when its entry is assigned
    status_list = StatusList.objects.select_for_update().get(pk=certificate.status_list_id)
    assert certificate.status_index is not None  # noqa: S101 - set together with the list
    bits = bytes(status_list.bits)
    withdrawn = _is_withdrawn(certificate)
    if signing.get_bit(bits, certificate.status_index) == withdrawn:
        return
    status_list.bits = signing.set_bit(bits, certificate.status_index, value=withdrawn)
    _sign_status_list(status_list)
    status_list.save(update_fields=["bits", "credential", "updated_at"])


def read_status_list(*, status_list_id: int) -> bytes:
    """The signed status list credential as served. Raises StatusList.DoesNotExist."""
    return bytes(StatusList.objects.values_list("credential", flat=True).get(pk=status_list_id))


# --- credentials --------------------------------------------------------------------------------


def build_credential(
    *, certificate: Certificate, course_slug: str, summary: str, issued_at: datetime
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of a certificate (its status entry already assigned)."""
    base = settings.PUBLIC_BASE_URL
    salt = credentials.new_salt()
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": credentials.identity_hash(
                    certificate.user.email.strip().lower(), salt=salt
                ),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ],
    }
    if certificate.user.is_name_in_credentials:
        subject["name"] = certificate.learner_name
    institutions = ", ".join(item["name"] for item in certificate.institutions)
    facts = {
        "course": certificate.course_title,
        "code": certificate.course_code,
        "institutions": institutions,
    }
    # In the certificate's language, like the PDF: the basis is stated, never implied.
    with translation.override(certificate.language):
        if certificate.basis == Certificate.Basis.PRIOR_LEARNING:
            narrative = (
                _(
                    "Prior learning recognised as equivalent to completing %(course)s (%(code)s) "
                    "by an approver of %(institutions)s; the course itself was not taken."
                )
                % facts
            )
        else:
            narrative = (
                _(
                    "Completed every required lesson and passed the assessments of %(course)s "
                    "(%(code)s), offered by %(institutions)s."
                )
                % facts
            )
    achievement: dict[str, Any] = {
        "id": f"{base}/courses/{course_slug}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": certificate.course_title,
        "description": summary or certificate.course_title,
        "criteria": {"narrative": narrative},
        "humanCode": certificate.course_code,
        "inLanguage": certificate.language,
    }
    if certificate.institutions:
        first = certificate.institutions[0]
        achievement["creator"] = {
            "id": f"{base}/institutions/{first['slug']}",
            "type": ["Profile"],
            "name": first["name"],
        }
    if certificate.competencies:
        achievement["alignment"] = [
            {
                "type": ["Alignment"],
                "targetName": item["name"],
                "targetCode": item["code"],
                "targetUrl": f"{base}/api/v1/competencies/{item['code']}",
                "targetFramework": COMPETENCY_FRAMEWORK,
                "targetType": "ceasn:Competency",
            }
            for item in certificate.competencies
        ]
    subject["achievement"] = achievement
    if certificate.grade is not None and certificate.show_grade:
        subject["result"] = [{"type": ["Result"], "value": f"{certificate.grade.normalize():f}"}]
    document: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": f"urn:uuid:{certificate.pk}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "validFrom": _timestamp(issued_at),
    }
    if certificate.expires_at is not None:
        document["validUntil"] = _timestamp(certificate.expires_at)
    status_url = status_list_url(certificate.status_list_id or 0)
    document.update(
        name=certificate.course_title,
        credentialSubject=subject,
        credentialStatus={
            "id": f"{status_url}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_url,
        },
    )
    return document


def issuer_profile() -> dict[str, Any]:
    """The platform as the `issuer` Profile of every credential it signs."""
    return {
        "id": signing.issuer_did(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.PUBLIC_BASE_URL,
    }


def sign_credential(document: dict[str, Any], *, issued_at: datetime) -> bytes:
    """The signed credential's bytes, exactly as they will be stored and served: `document`
    with an `eddsa-rdfc-2022` proof made with the active key at `issued_at`. Raises
    CredentialError when the document is not valid JSON-LD or names a context not shipped."""
    key = signing_key()
    signed = credentials.sign(
        document,
        key=key,
        verification_method=signing.verification_method(key),
        created=_timestamp(issued_at),
    )
    return credentials.serialize(signed)


def parse_credential(content: bytes) -> dict[str, Any] | None:
    """A JSON object from uploaded bytes, or None when the bytes are not one."""
    try:
        document = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return document if isinstance(document, dict) else None
