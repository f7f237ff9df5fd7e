"""The learner's whole record as a 1EdTech CLR 2.0 `ClrCredential`: assembled (no database) from
the signed Open Badges 3.0 credentials they hold, then signed with the platform's key."""

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from certificates import api as certificates_api
from programs import api as programs_api

# The CLR 2.0 specification fixes the first three contexts, in this order.
CLR_CONTEXTS = [
    certificates_api.CREDENTIALS_V2,
    certificates_api.CLR_V2,
    certificates_api.OPEN_BADGES_V3,
]
# CLR 2.0 AssociationType vocabulary.
ASSOCIATION_TYPES = (
    "exactMatchOf",
    "isChildOf",
    "isParentOf",
    "isPartOf",
    "isPeerOf",
    "isRelatedTo",
    "precedes",
    "replacedBy",
)
DOWNLOAD_FILENAME = "learner-record.json"


class NoCredentialsHeld(ObjectDoesNotExist):
    """The learner holds no credential: CLR 2.0 requires at least one in a record."""


@dataclass(frozen=True)
class ProgramCredential:
    """A signed program credential and the achievement ids of the courses it is made of."""

    credential: dict[str, Any]
    course_achievement_ids: tuple[str, ...]


@dataclass(frozen=True)
class Learner:
    """Who the record is about, as the Open Badges credentials identify them: the e-mail
    address (hashed, salted), and the name only with their consent."""

    email: str
    name: str | None


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _achievement_of(credential: dict[str, Any]) -> dict[str, Any] | None:
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    return achievement if isinstance(achievement, dict) else None


def _associations(
    programs: list[ProgramCredential], achievement_ids: set[str]
) -> list[dict[str, str]]:
    """Each program's achievement `isParentOf` each of its courses' achievements in the record,
    and each of those `isChildOf` it (a consumer reading either end finds the link)."""
    associations = []
    for program in programs:
        parent = _achievement_of(program.credential)
        if parent is None or not isinstance(parent.get("id"), str):
            continue
        for child in program.course_achievement_ids:
            if child not in achievement_ids:
                continue
            for association_type, source, target in (
                ("isParentOf", parent["id"], child),
                ("isChildOf", child, parent["id"]),
            ):
                associations.append(
                    {
                        "type": "Association",
                        "associationType": association_type,
                        "sourceId": source,
                        "targetId": target,
                    }
                )
    return associations


def build_learner_record(
    *,
    learner: Learner,
    credentials: list[dict[str, Any]],
    programs: list[ProgramCredential],
    issuer: dict[str, Any],
    record_id: str,
    issued_at: datetime,
    salt: str,
    name: str,
    description: str,
    partial: bool,
) -> dict[str, Any]:
    """The unsigned ClrCredential: program credentials first, then `credentials`, each embedded
    byte for byte as signed (so each keeps its own proof); their achievements listed once each;
    programs linked to their courses by associations. `partial` says credentials known to be
    owed are missing (being issued)."""
    embedded = [program.credential for program in programs]
    # A program credential may also come among `credentials` (certificates stores it beside
    # attendance credentials): embedded once, as a program.
    program_ids = {credential.get("id") for credential in embedded}
    embedded += [item for item in credentials if item.get("id") not in program_ids]
    achievements: list[dict[str, Any]] = []
    seen: set[str] = set()
    for credential in embedded:
        achievement = _achievement_of(credential)
        if achievement is None:
            continue
        key = str(achievement.get("id") or json.dumps(achievement, sort_keys=True))
        if key not in seen:
            seen.add(key)
            achievements.append(achievement)
    identifiers: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityHash": certificates_api.identity_hash(
                learner.email.strip().lower(), salt=salt
            ),
            "identityType": "emailAddress",
            "hashed": True,
            "salt": salt,
        }
    ]
    if learner.name:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": learner.name,
                "identityType": "name",
                "hashed": False,
            }
        )
    subject: dict[str, Any] = {
        "type": ["ClrSubject"],
        "identifier": identifiers,
        "achievement": achievements,
        "verifiableCredential": embedded,
    }
    associations = _associations(programs, seen)
    if associations:
        subject["association"] = associations
    document: dict[str, Any] = {
        "@context": list(CLR_CONTEXTS),
        "id": record_id,
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer,
        "validFrom": _timestamp(issued_at),
        "name": name,
        "description": description,
    }
    if partial:
        document["partial"] = True
    document["credentialSubject"] = subject
    return document


def _program_credentials(*, user_id: int) -> list[ProgramCredential]:
    """The learner's issued, unrevoked program credentials, each with the achievement ids of
    its courses (as the course credentials name them: `<PUBLIC_BASE_URL>/courses/<slug>`)."""
    base = settings.PUBLIC_BASE_URL
    return [
        ProgramCredential(
            credential=held.credential,
            course_achievement_ids=tuple(f"{base}/courses/{slug}" for slug in held.course_slugs),
        )
        for held in programs_api.list_program_credentials_for_user(user_id=user_id)
    ]


def issue_learner_record(*, user: User) -> bytes:
    """The signed CLR 2.0 of `user` (only ever the caller's own: no other user can be named),
    freshly made and signed now: every credential they hold that is not revoked or replaced.
    Not stored: each request makes a new one (a new id), so it is always current.

    Raises NoCredentialsHeld (an ObjectDoesNotExist) when they hold none. Four queries (five
    when programs are held: their courses).
    """
    held = certificates_api.list_held_credentials_for_user(user=user)
    programs = _program_credentials(user_id=user.pk)
    if not held.credentials and not programs:
        raise NoCredentialsHeld
    issued_at = timezone.now().replace(microsecond=0)
    name = user.full_name if user.is_name_in_credentials else None
    with translation.override(user.preferred_language):
        title = (
            _("Learner record of %(name)s at ICIM Academy") % {"name": name}
            if name
            else _("Learner record at ICIM Academy")
        )
        description = _(
            "Every course certificate, program credential and event attendance credential "
            "ICIM Academy issued to this learner that is neither revoked nor replaced, each "
            "with its own signature."
        )
    document = build_learner_record(
        learner=Learner(email=user.email, name=name),
        credentials=[json.loads(content) for content in held.credentials],
        programs=programs,
        issuer=certificates_api.issuer_profile(),
        record_id=f"urn:uuid:{uuid.uuid4()}",
        issued_at=issued_at,
        salt=secrets.token_hex(16),
        name=title,
        description=description,
        partial=held.pending > 0,
    )
    return certificates_api.sign_credential(document, issued_at=issued_at)
