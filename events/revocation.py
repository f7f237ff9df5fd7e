"""Revoking an attendance credential: by an approver or admin of the event's organisation, with
a reason, through the status list every verifier reads, and in the audit log."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates import api as certificates_api
from events.authoring import PUBLISHER_ROLES, get_event_for_staff
from events.models import Registration

REASON_REQUIRED = gettext_lazy("Give the reason for the revocation.")


@transaction.atomic
def revoke_attendance(
    *, user: User, slug: str, credential_id: uuid.UUID, reason: str, ip_address: str | None = None
) -> Registration:
    """Revoke an attendance credential issued for the event, by an approver or admin
    of its organisation (authors record attendance, they do not withdraw credentials). The
    credential's status bit is set and its list re-signed; the action is audited. Idempotent for
    an already revoked credential (no second audit row). Raises Event.DoesNotExist (unknown, or
    not an approver's or admin's event), Registration.DoesNotExist (no such credential of this
    event), ValidationError (no reason)."""
    if not reason.strip():
        raise ValidationError({"reason": [REASON_REQUIRED]}, code="invalid")
    event = get_event_for_staff(user=user, slug=slug, roles=PUBLISHER_ROLES)
    registration = Registration.objects.select_related("credential").get(
        event=event, credential_id=credential_id
    )
    credential = registration.credential
    if credential is None:  # not reached: found by it
        raise Registration.DoesNotExist
    if credential.revoked_at is None:
        certificates_api.revoke_attendance_credential(
            credential_id=credential.pk, reason=reason.strip(), actor=user
        )
        accounts_api.record_audit_event(
            action=accounts_api.AuditAction.CERTIFICATE_REVOKED,
            actor=user,
            target_type="attendance_credential",
            target_id=str(credential.pk),
            ip_address=ip_address,
            details={"event": event.slug, "reason": reason.strip()},
        )
    registration.refresh_from_db()
    return registration
