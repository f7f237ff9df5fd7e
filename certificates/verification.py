"""Public verification: by id (one or many), and of a presented PDF or JSON credential."""

import hashlib
import uuid
from datetime import date, datetime
from typing import Any, NotRequired, TypedDict, cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from certificates import registry
from certificates.access import may_see_details
from certificates.attendance import attendance_verification, find_attendance_credential
from certificates.credential_checks import (
    VerificationCheck,
    check,
    credential_checks,
    credential_status,
    explain_superseded,
)
from certificates.models import Certificate
from certificates.selectors import certificate_status
from certificates.sharing import verification_url
from certificates.verification_cache import VERIFICATION_CACHE_SECONDS
from config.sniffing import PDF, sniffed_type

State = Certificate.State

NOT_A_PDF = gettext_lazy("The file is not a PDF.")
PDF_TOO_LARGE = gettext_lazy(
    "The PDF holds more data than a certificate can: a stream in it decodes to more than the "
    "limit. It was not read."
)
NOT_JSON_CREDENTIAL = gettext_lazy("The file is neither a PDF nor a JSON credential.")
MAX_BULK = 100


class Verification(TypedDict):
    """The answer about a certificate. Unknown, altered and private ones answer only the first
    keys; the details follow for a certificate whose holder lets them be seen."""

    id: str | None
    status: str
    checks: list[VerificationCheck]
    is_private: NotRequired[bool]
    revoked_at: NotRequired[datetime | None]
    revocation_reason: NotRequired[str | None]
    superseded_at: NotRequired[datetime | None]
    superseded_by: NotRequired[str | None]
    verification_url: NotRequired[str]
    learner_name: NotRequired[str]
    learner_native_name: NotRequired[str | None]
    course_title: NotRequired[str]
    course_code: NotRequired[str]
    basis: NotRequired[str]
    institutions: NotRequired[list[dict[str, Any]]]
    competencies: NotRequired[list[dict[str, Any]]]
    grade: NotRequired[str | None]
    issued_on: NotRequired[date]
    expires_on: NotRequired[date | None]


def _verification(certificate: Certificate, *, reveal: bool) -> Verification:
    """The answer about a certificate. Unless `reveal` (its holder or owning staff), a private
    certificate confirms only its existence, status and dates: no details, no revocation
    reason, no successor; and a public one links to its successor only if that is public too."""
    now = timezone.now()
    status = certificate_status(certificate=certificate, now=now)
    hidden = certificate.is_private and not reveal
    successor = certificate.superseded_by if certificate.superseded_by_id else None
    shows_successor = successor is not None and (reveal or not (hidden or successor.is_private))
    result: Verification = {
        "id": str(certificate.pk),
        "status": status,
        "is_private": hidden,
        "checks": [
            check("issued_by_platform", True),
            check("not_revoked", certificate.revoked_at is None),
            check("current", certificate.superseded_at is None),
            check("not_expired", certificate.expires_at is None or certificate.expires_at > now),
        ],
        "revoked_at": certificate.revoked_at,
        "revocation_reason": None if hidden else certificate.revocation_reason or None,
        "superseded_at": certificate.superseded_at,
        "superseded_by": str(certificate.superseded_by_id) if shows_successor else None,
        "verification_url": verification_url(certificate_id=str(certificate.pk)),
    }
    if hidden:
        return result
    result["learner_name"] = certificate.learner_name
    result["learner_native_name"] = certificate.learner_native_name or None
    result["course_title"] = certificate.course_title
    result["course_code"] = certificate.course_code
    result["basis"] = certificate.basis
    result["institutions"] = certificate.institutions
    result["competencies"] = certificate.competencies
    result["grade"] = (
        str(certificate.grade) if certificate.grade is not None and certificate.show_grade else None
    )
    result["issued_on"] = certificate.completed_at.date()
    result["expires_on"] = certificate.expires_at.date() if certificate.expires_at else None
    return result


def _issued(certificate_id: str) -> Certificate:
    """An issued certificate with its successor joined; Certificate.DoesNotExist for unknown,
    malformed or not yet issued ids alike."""
    try:
        key = uuid.UUID(str(certificate_id))
    except ValueError as error:
        raise Certificate.DoesNotExist from error
    return Certificate.objects.select_related("superseded_by").get(pk=key, state=State.ISSUED)


def verify_certificate(*, certificate_id: str, viewer: User | None = None) -> Verification:
    """What `viewer` (None: anyone) may know about a certificate, with the checks made.

    A private certificate confirms only its existence, status and dates, except to its holder
    and its owning institutions' staff (`may_see_details`). Raises Certificate.DoesNotExist for
    unknown, malformed or not yet issued ids alike.
    """
    if viewer is None:
        result, _lifetime = verify_certificate_for_cache(certificate_id=certificate_id)
        return result
    try:
        certificate = _issued(certificate_id)
    except Certificate.DoesNotExist:
        attendance = find_attendance_credential(certificate_id)
        if attendance is None:
            raise
        return cast(Verification, attendance_verification(attendance))
    return _verification(
        certificate, reveal=may_see_details(certificate=certificate, viewer=viewer)
    )


def verify_certificate_for_cache(*, certificate_id: str) -> tuple[Verification, int]:
    """The public answer of `verify_certificate` (as to someone not signed in: the only answer
    that may be cached, and shared), and for how many seconds it may be cached:
    VERIFICATION_CACHE_SECONDS, or less if the certificate expires sooner (its status changes
    then, with no write to drop the entry). Any saved change to a certificate drops its entries
    and its predecessor's (`forget_public_verification`, called by a receiver), so the bound
    only matters if that fails. Raises like `verify_certificate`."""
    try:
        certificate = _issued(certificate_id)
    except Certificate.DoesNotExist:
        # An attendance credential (certificates.attendance) answers in the same shape.
        attendance = find_attendance_credential(certificate_id)
        if attendance is None:
            raise
        return cast(Verification, attendance_verification(attendance)), VERIFICATION_CACHE_SECONDS
    result = _verification(certificate, reveal=False)
    lifetime = VERIFICATION_CACHE_SECONDS
    if result["status"] == "valid" and certificate.expires_at is not None:
        remaining = int((certificate.expires_at - timezone.now()).total_seconds())
        lifetime = max(0, min(VERIFICATION_CACHE_SECONDS, remaining))
    return result, lifetime


def verify_certificates(*, certificate_ids: list[str]) -> list[Verification]:
    """One result per id, in order; unknown ids answer status `unknown` (at most 100 ids)."""
    keys = {}
    for certificate_id in certificate_ids[:MAX_BULK]:
        try:
            keys[certificate_id] = uuid.UUID(str(certificate_id))
        except ValueError:
            continue
    found = {
        c.pk: c
        for c in Certificate.objects.select_related("superseded_by").filter(
            pk__in=keys.values(), state=State.ISSUED
        )
    }
    results: list[Verification] = []
    for certificate_id in certificate_ids[:MAX_BULK]:
        certificate = found.get(keys.get(certificate_id))  # type: ignore[arg-type]
        results.append(
            _verification(certificate, reveal=False)
            if certificate
            else {
                "id": certificate_id,
                "status": "unknown",
                "checks": [check("issued_by_platform", False)],
            }
        )
    return results


def verify_pdf(*, content: bytes) -> Verification:
    """Whether an uploaded file is byte for byte an issued certificate, and which.

    A file confirms what it shows itself, never more: for a private certificate the answer
    confirms existence and status only, as by id (a PDF is easily passed on). Raises
    ValidationError (code `not_pdf`) for anything that is not a PDF, and (code `pdf_too_large`)
    for one with a stream that decodes past `sealing`'s limits (a decompression bomb).
    """
    # Imported here: pyhanko takes over a second to import, and only PDF verification and
    # issuing workers need it, not every process that imports the door.
    from certificates.seal_keys import get_trusted_seal_roots
    from certificates.sealing import inspect_seal

    if sniffed_type(content) != PDF:
        raise ValidationError(NOT_A_PDF, code="not_pdf")
    now = timezone.now()
    seal = inspect_seal(content, trusted_roots=get_trusted_seal_roots())
    if seal.exceeds_decode_limit:
        raise ValidationError(PDF_TOO_LARGE, code="pdf_too_large")
    seal_check = check("pdf_seal", seal.is_valid, seal.failure_reason)
    # Believe only the credential the seal covers; anything appended later is not ours.
    embedded = registry.parse_credential(seal.sealed_credential or b"")
    checks = (
        credential_checks(embedded, now)
        if embedded is not None
        else [check("credential_structure", None, _("No sealed credential is attached."))]
    )
    digest = hashlib.sha256(content).hexdigest()
    certificate = (
        Certificate.objects.select_related("superseded_by")
        .filter(pdf_sha256=digest, state=State.ISSUED)
        .first()
    )
    if certificate is None:
        # A file with our seal or credential in it that is not the issued file was altered.
        altered = seal.is_present or embedded is not None
        return {
            "id": None,
            "status": "invalid" if altered else "unknown",
            "checks": [check("file_matches", False), seal_check, *checks],
        }
    result = _verification(certificate, reveal=False)
    result["checks"] = [*result["checks"], check("file_matches", True), seal_check]
    result["checks"].extend(explain_superseded(checks, certificate))
    return result


def verify_credential(*, content: bytes) -> Verification:
    """Check an Open Badges 3.0 credential (JSON): structure, proof, issuer key, status and
    validity window, each with a result and an explanation. Never raises for bad content.

    The status is the credential's own when it fails (`revoked`, `superseded` when its status
    entry was set because a corrected certificate replaced it, `expired`, `not_yet_valid`),
    else the register's. A credential confirms what it shows itself, never more: a private
    certificate's answer confirms existence and status only, as by id.
    """
    now = timezone.now()
    document = registry.parse_credential(content)
    if document is None:
        raise ValidationError(NOT_JSON_CREDENTIAL, code="not_credential")
    checks = credential_checks(document, now)
    status = credential_status(checks, document, now)
    certificate_id = str(document.get("id", ""))
    certificate = None
    if status != "invalid" and certificate_id.startswith("urn:uuid:"):
        try:
            certificate = (
                Certificate.objects.select_related("superseded_by")
                .filter(pk=uuid.UUID(certificate_id[len("urn:uuid:") :]), state=State.ISSUED)
                .first()
            )
        except ValueError:
            certificate = None
    if certificate is None:
        attendance = (
            find_attendance_credential(certificate_id[len("urn:uuid:") :])
            if status != "invalid" and certificate_id.startswith("urn:uuid:")
            else None
        )
        if attendance is not None:
            answer = cast(Verification, attendance_verification(attendance))
            answer["status"] = status if status != "valid" else answer["status"]
            answer["checks"] = checks
            return answer
        return {
            "id": None,
            "status": status if status == "invalid" else "unknown",
            "checks": checks,
        }
    if status == "revoked" and certificate.revoked_at is None and certificate.superseded_at:
        status = "superseded"
    checks = explain_superseded(checks, certificate)
    result = _verification(certificate, reveal=False)
    result["status"] = status if status != "valid" else result["status"]
    result["checks"] = checks
    return result
