"""Approvers' decisions on an issued certificate: revoke, reinstate (a revocation made in
error), and re-issue (a corrected certificate supersedes the old one)."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates import registry
from certificates.access import certificate_for_approver
from certificates.issuing import new_certificate_record
from certificates.models import Certificate
from certificates.signals import certificate_revoked
from enrollment import api as enrollment_api

ALREADY_REVOKED = gettext_lazy("This certificate is already revoked.")
REASON_REQUIRED = gettext_lazy("Give the reason for revoking; the learner and verifiers see it.")
NOT_CURRENT = gettext_lazy("This certificate was superseded; act on the current one.")
REVOKED_NOT_REISSUED = gettext_lazy(
    "A revoked certificate is not re-issued. Reinstate it first if the revocation was a mistake."
)
NOT_REVOKED = gettext_lazy("This certificate is not revoked.")
REINSTATE_REASON_REQUIRED = gettext_lazy("Give the reason for reinstating; it is audited.")


@transaction.atomic
def revoke_certificate(
    *, user: User, certificate_id: uuid.UUID, reason: str, ip_address: str | None = None
) -> Certificate:
    """Revoke a certificate with a reason; the learner is told and verification shows it at once.

    Takes a row lock, so two approvers revoking at once revoke it (and flip its status bit, and
    record `certificate_revoked` in the audit log) once. Raises
    Certificate.DoesNotExist (unknown or another institution's), PermissionDenied (not an
    approver) and ValidationError (no reason, already revoked).
    """
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [REASON_REQUIRED]})
    certificate = certificate_for_approver(user=user, certificate_id=certificate_id)
    if certificate.revoked_at is not None:
        raise ValidationError(ALREADY_REVOKED, code="already_revoked")
    certificate.revoked_at = timezone.now()
    certificate.revocation_reason = reason
    certificate.revoked_by = user
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    registry.update_status_entry(certificate=certificate)
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.CERTIFICATE_REVOKED,
        actor=user,
        target_type="certificate",
        target_id=str(certificate.pk),
        ip_address=ip_address,
        details={"reason": reason, "course": certificate.course_code},
    )
    certificate_id = certificate.pk
    # The receiver queues the learner's notice (`notify_revocation`).
    transaction.on_commit(
        lambda: certificate_revoked.send(sender=Certificate, certificate_id=certificate_id)
    )
    return certificate


@transaction.atomic
def reinstate_certificate(
    *, user: User, certificate_id: uuid.UUID, reason: str, ip_address: str | None = None
) -> Certificate:
    """Undo a revocation made in error: the certificate is valid again (unless it was
    superseded or has expired) and its status entry is cleared. Audited as
    `certificate_reinstated` with the reason and the revocation it undoes.

    For approvers of an owning institution, never on their own certificate. Takes a row lock.
    Raises Certificate.DoesNotExist (unknown or another institution's), PermissionDenied and
    ValidationError (no reason, not revoked), in which case nothing changes.
    """
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": [REINSTATE_REASON_REQUIRED]})
    certificate = certificate_for_approver(user=user, certificate_id=certificate_id)
    if certificate.revoked_at is None:
        raise ValidationError(NOT_REVOKED, code="not_revoked")
    undone = {
        "revoked_at": certificate.revoked_at.isoformat(),
        "revocation_reason": certificate.revocation_reason,
        "revoked_by": certificate.revoked_by.email if certificate.revoked_by else None,
    }
    certificate.revoked_at = None
    certificate.revocation_reason = ""
    certificate.revoked_by = None
    certificate.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    registry.update_status_entry(certificate=certificate)
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.CERTIFICATE_REINSTATED,
        actor=user,
        target_type="certificate",
        target_id=str(certificate.pk),
        ip_address=ip_address,
        details={"reason": reason, "course": certificate.course_code, "undoes": undone},
    )
    return certificate


@transaction.atomic
def reissue_certificate(
    *, user: User, certificate_id: uuid.UUID, ip_address: str | None = None
) -> Certificate:
    """Issue a new certificate for the same enrollment with the learner's current name; the old
    one is marked superseded, never deleted, and its credential's status entry is set (a
    superseded credential is no longer valid for outside verifiers either). The replacement
    keeps what the holder and the institution decided: privacy, basis (e.g. recognised prior
    learning, with who recognised it and why), dates. The new PDF is rendered by the caller's
    task. Audited as `certificate_reissued`.

    Raises like `revoke_certificate`, and ValidationError when it was already superseded, or
    revoked (a revoked certificate is reinstated first, by `reinstate_certificate`).
    """
    old = certificate_for_approver(user=user, certificate_id=certificate_id)
    if old.superseded_at is not None:
        raise ValidationError(NOT_CURRENT, code="superseded")
    if old.revoked_at is not None:
        raise ValidationError(REVOKED_NOT_REISSUED, code="revoked")
    enrollment = enrollment_api.get_completed_enrollment(enrollment_id=old.enrollment_id)
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
    replacement = new_certificate_record(enrollment)
    replacement.completed_at = old.completed_at
    replacement.expires_at = old.expires_at
    replacement.is_private = old.is_private
    replacement.basis = old.basis
    replacement.issued_by = old.issued_by
    replacement.recognition_note = old.recognition_note
    replacement.save()
    old.superseded_by = replacement
    old.save(update_fields=["superseded_by"])
    registry.update_status_entry(certificate=old)
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.CERTIFICATE_REISSUED,
        actor=user,
        target_type="certificate",
        target_id=str(old.pk),
        ip_address=ip_address,
        details={"replacement": str(replacement.pk), "course": old.course_code},
    )
    return replacement
