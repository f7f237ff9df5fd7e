"""Attendance credentials (and, through the same model, program credentials): a signed Open
Badges 3.0 credential that someone attended an event, issued once per attendee and event
(`achievements`), verified like a certificate and revoked through the same Bitstring status
lists."""

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from certificates import registry, signing
from certificates.achievements import issue_achievement_credential
from certificates.credential_checks import check
from certificates.models import AttendanceCredential, StatusList
from certificates.sharing import verification_url
from certificates.verification_cache import forget_public_verification

BASIS = AttendanceCredential.Kind.EVENT_ATTENDANCE.value


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

    Idempotent and safe to run concurrently (`achievements.issue_achievement_credential`): the
    unique constraint (source, user) keeps one; an existing credential is returned unchanged.
    Locks the open status list row.
    """
    existing = AttendanceCredential.objects.filter(source=source, user_id=user_id).first()
    if existing is not None:
        return existing
    user = User.objects.get(pk=user_id)
    organizer = Organization.objects.get(pk=organization_id)
    with translation.override(user.preferred_language):
        narrative = _("Attended %(event)s, organised by %(organizer)s, on %(date)s.") % {
            "event": title,
            "organizer": organizer.name,
            "date": attended_at.date().isoformat(),
        }
    return issue_achievement_credential(
        kind=BASIS,
        source=source,
        user_id=user_id,
        organization_ids=[organization_id],
        title=title,
        description=description,
        achieved_at=attended_at,
        achievement_url=achievement_url,
        narrative=narrative,
    )


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
    """The user's attendance credentials (not program credentials), newest first."""
    return AttendanceCredential.objects.filter(
        user=user, kind=AttendanceCredential.Kind.EVENT_ATTENDANCE
    ).order_by("-issued_at")


def find_attendance_credential(credential_id: object) -> AttendanceCredential | None:
    """The attendance credential with this id (any spelling of a UUID), or None."""
    try:
        key = uuid.UUID(str(credential_id))
    except ValueError:
        return None
    return AttendanceCredential.objects.filter(pk=key).first()


def attendance_verification(credential: AttendanceCredential) -> dict[str, Any]:
    """The public verification answer about an attendance credential, in the shape of a
    certificate's (`Verification`): the event's or program's title stands where a course's
    would, and `basis` says which (`event_attendance`, `program_completion`)."""
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
        "basis": credential.kind,
        "institutions": credential.institutions,
        "competencies": [],
        "grade": None,
        "issued_on": credential.attended_at.date(),
        "expires_on": None,
    }
