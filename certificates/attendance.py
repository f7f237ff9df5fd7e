"""Attendance credentials: a signed Open Badges 3.0 credential that someone attended an event,
issued once per attendee and event, verified like a certificate and revoked through the same
Bitstring status lists."""

import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from certificates import credentials, registry, signing
from certificates.credential_checks import check
from certificates.models import AttendanceCredential, StatusList
from certificates.sharing import verification_url
from certificates.verification_cache import forget_public_verification

# Open Badges 3.0's achievementType vocabulary has no term for attending an event; the
# specification extends it with terms prefixed "ext:".
ACHIEVEMENT_TYPE = "ext:Event"
BASIS = "event_attendance"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_attendance_credential(
    *, credential: AttendanceCredential, achievement_url: str, issued_at: datetime
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of an attendance (its status entry already assigned)."""
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
    organizer = credential.institutions[0]["name"] if credential.institutions else ""
    with translation.override(credential.language):
        narrative = _("Attended %(event)s, organised by %(organizer)s, on %(date)s.") % {
            "event": credential.title,
            "organizer": organizer,
            "date": credential.attended_at.date().isoformat(),
        }
    achievement: dict[str, Any] = {
        "id": achievement_url,
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPE,
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
        "issuer": registry.issuer_profile(),
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


def issue_attendance_credential(
    *,
    source: str,
    user_id: int,
    organization_id: int,
    title: str,
    description: str,
    attended_at: datetime,
    achievement_url: str,
) -> AttendanceCredential:
    """Issue (once) the attendance credential of `user_id` for `source` (e.g. "event:12"),
    signed, with its own entry in an open status list. The texts are frozen as given, in the
    attendee's language (`title`/`description` already chosen by the caller).

    Idempotent and safe to run concurrently: the unique constraint (source, user) keeps one;
    an existing credential is returned unchanged. Locks the open status list row.
    """
    existing = AttendanceCredential.objects.filter(source=source, user_id=user_id).first()
    if existing is not None:
        return existing
    user = User.objects.get(pk=user_id)
    organization = Organization.objects.get(pk=organization_id)
    issued_at = timezone.now().replace(microsecond=0)
    try:
        with transaction.atomic():
            status_list = registry.open_status_list()
            credential = AttendanceCredential(
                source=source,
                user=user,
                organization=organization,
                language=user.preferred_language,
                learner_name=user.full_name,
                learner_native_name=user.native_name,
                title=title,
                description=description,
                institutions=[
                    {
                        "slug": organization.slug,
                        "name": organization.name,
                        "country": str(organization.country),
                    }
                ],
                attended_at=attended_at,
                issued_at=issued_at,
                status_list=status_list,
                status_index=registry.free_status_index(status_list),
            )
            document = build_attendance_credential(
                credential=credential, achievement_url=achievement_url, issued_at=issued_at
            )
            credential.credential = registry.sign_credential(document, issued_at=issued_at)
            credential.save()
            status_list.allocated += 1
            status_list.save(update_fields=["allocated"])
    except IntegrityError:  # a concurrent task issued it first
        return AttendanceCredential.objects.get(source=source, user_id=user_id)
    return credential


@transaction.atomic
def revoke_attendance_credential(
    *, credential_id: uuid.UUID, reason: str, actor: User | None
) -> AttendanceCredential:
    """Revoke an attendance credential: its status bit is set and its list re-signed, so any
    verifier sees it revoked. The caller checks that `actor` may. Idempotent (an already revoked
    credential is returned unchanged). Locks the credential and its list."""
    credential = AttendanceCredential.objects.select_for_update().get(pk=credential_id)
    if credential.revoked_at is not None:
        return credential
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason
    credential.revoked_by = actor
    credential.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    status_list = StatusList.objects.select_for_update().get(pk=credential.status_list_id)
    status_list.bits = signing.set_bit(bytes(status_list.bits), credential.status_index)
    registry.sign_status_list(status_list)
    status_list.save(update_fields=["bits", "credential", "updated_at"])
    forget_public_verification(certificate_id=str(credential.pk))
    return credential


def list_attendance_credentials_for_user(*, user: User) -> QuerySet[AttendanceCredential]:
    """The user's attendance credentials, newest first."""
    return AttendanceCredential.objects.filter(user=user).order_by("-issued_at")


def find_attendance_credential(credential_id: object) -> AttendanceCredential | None:
    """The attendance credential with this id (any spelling of a UUID), or None."""
    try:
        key = uuid.UUID(str(credential_id))
    except ValueError:
        return None
    return AttendanceCredential.objects.filter(pk=key).first()


def attendance_verification(credential: AttendanceCredential) -> dict[str, Any]:
    """The public verification answer about an attendance credential, in the shape of a
    certificate's (`Verification`): the event's title stands where a course's would."""
    return {
        "id": str(credential.pk),
        "status": "revoked" if credential.revoked_at is not None else "valid",
        "is_private": False,
        "checks": [
            check("issued_by_platform", True),
            check("not_revoked", credential.revoked_at is None),
        ],
        "revoked_at": credential.revoked_at,
        "revocation_reason": credential.revocation_reason or None,
        "superseded_at": None,
        "superseded_by": None,
        "verification_url": verification_url(certificate_id=str(credential.pk)),
        "learner_name": credential.learner_name,
        "learner_native_name": credential.learner_native_name or None,
        "course_title": credential.title,
        "course_code": "",
        "basis": BASIS,
        "institutions": credential.institutions,
        "competencies": [],
        "grade": None,
        "issued_on": credential.attended_at.date(),
        "expires_on": None,
    }
