"""Achievement credentials that are not one course's certificate (model `AttendanceCredential`):
an event attended or a program completed. One way to build, sign and store them, sharing the
course certificates' signer, status lists and PDF renderer; issued once per `source` and user."""

import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from certificates import credentials, registry, rendering, signing
from certificates.documents import institution_marks, read_file
from certificates.models import AttendanceCredential
from certificates.sharing import verification_url

Kind = AttendanceCredential.Kind

# Open Badges 3.0's achievementType vocabulary: "LearningProgram" is one of its terms; it has
# none for attending an event, and the specification extends it with terms prefixed "ext:".
ACHIEVEMENT_TYPES = {
    Kind.EVENT_ATTENDANCE: "ext:Event",
    Kind.PROGRAM_COMPLETION: "LearningProgram",
}
# Kinds that come with a sealed PDF, like a course certificate.
WITH_PDF = (Kind.PROGRAM_COMPLETION,)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_achievement_credential(
    *, credential: AttendanceCredential, achievement_url: str, issued_at: datetime, narrative: str
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of an achievement (its status entry already assigned);
    `narrative` is its criteria, already in the holder's language."""
    salt = credentials.new_salt()
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": credentials.identity_hash(
                    credential.user.email.strip().lower(), salt=salt
                ),
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        ],
    }
    if credential.user.is_name_in_credentials:
        subject["name"] = credential.learner_name
    achievement: dict[str, Any] = {
        "id": achievement_url,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPES[Kind(credential.kind)],
        "name": credential.title,
        "description": credential.description or credential.title,
        "criteria": {"narrative": narrative},
        "inLanguage": credential.language,
    }
    if credential.institutions:
        first = credential.institutions[0]
        achievement["creator"] = {
            "id": f"{settings.PUBLIC_BASE_URL}/institutions/{first['slug']}",
            "type": ["Profile"],
            "name": first["name"],
        }
    subject["achievement"] = achievement
    status_url = registry.status_list_url(credential.status_list_id)
    return {
        "@context": [credentials.CREDENTIALS_V2, credentials.OPEN_BADGES_V3],
        "id": f"urn:uuid:{credential.pk}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": signing.issuer_did(),
            "type": ["Profile"],
            "name": registry.ISSUER_NAME,
            "url": settings.PUBLIC_BASE_URL,
        },
        "validFrom": _timestamp(issued_at),
        "name": credential.title,
        "credentialSubject": subject,
        "credentialStatus": {
            "id": f"{status_url}#{credential.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(credential.status_index),
            "statusListCredential": status_url,
        },
    }


def issue_achievement_credential(
    *,
    kind: str,
    source: str,
    user_id: int,
    organization_ids: list[int],
    title: str,
    description: str,
    achieved_at: datetime,
    achievement_url: str,
    narrative: str,
) -> AttendanceCredential:
    """Issue (once) the credential of `user_id` for `source` (e.g. "event:12", "program:3"):
    signed, with its own entry in an open status list, the texts frozen as given (already in
    the holder's language), the organisations in the given order (the first is the creator). A
    program credential also gets its sealed PDF, rendered after the record is committed.

    Idempotent and safe to run concurrently: the unique constraint (source, user) keeps one; an
    existing credential is returned unchanged (its PDF rendered if a previous run stopped
    before). Locks the open status list row while signing. Raises User.DoesNotExist and
    Organization.DoesNotExist; OSError from storage propagates (the caller's task retries).
    """
    credential = AttendanceCredential.objects.filter(source=source, user_id=user_id).first()
    if credential is None:
        credential = _record(
            kind=kind,
            source=source,
            user_id=user_id,
            organization_ids=organization_ids,
            title=title,
            description=description,
            achieved_at=achieved_at,
            achievement_url=achievement_url,
            narrative=narrative,
        )
    if credential.kind in WITH_PDF and not credential.pdf_sha256:
        credential = _store_pdf(credential)
    return credential


def _record(
    *,
    kind: str,
    source: str,
    user_id: int,
    organization_ids: list[int],
    title: str,
    description: str,
    achieved_at: datetime,
    achievement_url: str,
    narrative: str,
) -> AttendanceCredential:
    user = User.objects.get(pk=user_id)
    by_id = Organization.objects.in_bulk(organization_ids)
    organizations = [by_id[pk] for pk in organization_ids if pk in by_id]
    if not organizations:
        raise Organization.DoesNotExist
    issued_at = timezone.now().replace(microsecond=0)
    try:
        with transaction.atomic():
            status_list = registry.open_status_list()
            credential = AttendanceCredential(
                kind=kind,
                source=source,
                user=user,
                organization=organizations[0],
                language=user.preferred_language,
                learner_name=user.full_name,
                learner_native_name=user.native_name,
                title=title,
                description=description,
                institutions=[
                    {"slug": o.slug, "name": o.name, "country": str(o.country)}
                    for o in organizations
                ],
                attended_at=achieved_at,
                issued_at=issued_at,
                status_list=status_list,
                status_index=registry.free_status_index(status_list),
            )
            document = build_achievement_credential(
                credential=credential,
                achievement_url=achievement_url,
                issued_at=issued_at,
                narrative=narrative,
            )
            credential.credential = registry.sign_credential(document, issued_at=issued_at)
            credential.save()
            status_list.allocated += 1
            status_list.save(update_fields=["allocated"])
    except IntegrityError:  # a concurrent task issued it first
        return AttendanceCredential.objects.get(source=source, user_id=user_id)
    return credential


def achievement_document(*, credential: AttendanceCredential) -> rendering.CertificateDocument:
    """The renderer's input for a program credential's PDF: the program's title where a
    course's stands, and the program's wording in the holder's language."""
    with translation.override(credential.language):
        award_title = _("Program Certificate")
        award_statement = _("has successfully completed the program")
    return rendering.CertificateDocument(
        certificate_id=str(credential.pk),
        learner_name=credential.learner_name,
        learner_native_name=credential.learner_native_name,
        course_title=credential.title,
        course_code="",
        institutions=tuple(institution_marks(institutions=credential.institutions)),
        issued_on=credential.attended_at.date(),
        expires_on=None,
        grade=None,
        competencies=(),
        language=credential.language,
        verification_url=verification_url(certificate_id=str(credential.pk)),
        award_title=award_title,
        award_statement=award_statement,
    )


def _store_pdf(credential: AttendanceCredential) -> AttendanceCredential:
    # Imported here: pyhanko takes over a second to import (as in certificates.issuing).
    from certificates.seal_keys import get_document_signer
    from certificates.sealing import seal_pdf

    pdf = seal_pdf(
        rendering.render_certificate_pdf(
            achievement_document(credential=credential), credential=bytes(credential.credential)
        ),
        signer=get_document_signer(),
    )
    with transaction.atomic():
        locked = AttendanceCredential.objects.select_for_update().get(pk=credential.pk)
        if locked.pdf_sha256:  # another worker stored it first; keep its file
            return locked
        locked.pdf.save(f"{locked.pk}.pdf", ContentFile(pdf), save=False)
        locked.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        locked.save(update_fields=["pdf", "pdf_sha256"])
    return locked


def read_achievement_pdf(*, user: User, credential_id: uuid.UUID) -> bytes:
    """The stored PDF of one of the user's achievement credentials, byte for byte as issued.
    Raises AttendanceCredential.DoesNotExist for unknown, someone else's, or without a PDF
    (attendance; a program credential still rendering) alike."""
    credential = AttendanceCredential.objects.exclude(pdf_sha256="").get(
        pk=credential_id, user_id=user.pk
    )
    return read_file(credential.pdf)
