"""The public door of `certificates`: issuing, downloading, privacy, revocation, verification."""

import calendar
import contextlib
import functools
import hashlib
import uuid
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates import registry, signing
from certificates.models import Certificate, CertificateSignatory, CertificateTemplate
from certificates.template_files import open_template_image
from config import raw_cache
from courses import api as courses_api
from enrollment import api as enrollment_api

__all__ = [
    "add_template_signatory",
    "certificate_document",
    "delete_template_signatory",
    "did_document",
    "did_document_path",
    "forget_public_verification",
    "get_certificate_for_user",
    "get_certificate_state_for_user",
    "get_certificate_template",
    "issue_certificate",
    "issue_for_prior_learning",
    "linkedin_url",
    "list_certificates_for_staff",
    "list_certificates_for_user",
    "may_see_details",
    "normalize_template_image",
    "notify_learner",
    "notify_revocation",
    "open_template_image",
    "public_verification_cache_name",
    "read_credential",
    "read_pdf",
    "read_status_list",
    "reinstate_certificate",
    "reissue_certificate",
    "remind_expiring_certificates",
    "render_template_preview",
    "reorder_template_signatories",
    "require_verifier",
    "revoke_certificate",
    "rotate_signing_key",
    "set_privacy",
    "sweep_missing_certificates",
    "update_certificate_template",
    "update_template_signatory",
    "verification_url",
    "verify_certificate",
    "verify_certificate_for_cache",
    "verify_certificates",
    "verify_credential",
    "verify_pdf",
]

State = Certificate.State

# Public answers by id are cached briefly; this also bounds staleness if an invalidation fails.
VERIFICATION_CACHE_SECONDS = 60
VERIFICATION_CACHE_FORMAT = 2  # part of the key: a release that changes the answer ignores old ones

ALREADY_REVOKED = gettext_lazy("This certificate is already revoked.")
REASON_REQUIRED = gettext_lazy("Give the reason for revoking; the learner and verifiers see it.")
NOT_AN_APPROVER = gettext_lazy("Only approvers of an owning institution may do this.")
NOT_CURRENT = gettext_lazy("This certificate was superseded; act on the current one.")
OWN_CERTIFICATE = gettext_lazy(
    "No one issues, re-issues, revokes or reinstates their own certificate: ask another approver."
)
REVOKED_NOT_REISSUED = gettext_lazy(
    "A revoked certificate is not re-issued. Reinstate it first if the revocation was a mistake."
)
NOT_REVOKED = gettext_lazy("This certificate is not revoked.")
REINSTATE_REASON_REQUIRED = gettext_lazy("Give the reason for reinstating; it is audited.")
NOT_A_PDF = gettext_lazy("The file is not a PDF.")
PDF_TOO_LARGE = gettext_lazy(
    "The PDF holds more data than a certificate can: a stream in it decodes to more than the "
    "limit. It was not read."
)
NOTE_REQUIRED = gettext_lazy("Say what prior learning was recognised, and on what evidence.")
NO_SUCH_LEARNER = gettext_lazy("No learner has an account with this e-mail address.")
NOT_INSTITUTION_STAFF = gettext_lazy(
    "This is for staff of an institution (authors, reviewers, approvers, administrators)."
)
NOT_A_VERIFIER = gettext_lazy(
    "Bulk verification is for employer accounts: ask your organisation for the verifier role."
)

# Learners are reminded this long before their certificate expires.
EXPIRY_REMINDER_AHEAD = timedelta(days=30)
# A pending certificate older than this is re-issued by the sweep (its task was lost).
PENDING_GRACE = timedelta(minutes=5)


# --- issuing ------------------------------------------------------------------------------------


def _months_later(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def _record_for(enrollment: Any) -> Certificate:
    """A new, unsaved certificate with everything that will appear on it, frozen now."""
    version = enrollment.version
    user = enrollment.user
    outline = courses_api.get_outline(version_id=version.pk)
    language = user.preferred_language
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=outline.primary_language
    )
    title = courses_api.pick(outline.translations, served, outline.primary_language)["title"]
    institutions = courses_api.course_institutions(course_id=enrollment.course_id)
    competencies = courses_api.version_competencies(version_id=version.pk)
    completed_at = enrollment.completed_at or timezone.now()
    return Certificate(
        enrollment=enrollment,
        user=user,
        course_id=enrollment.course_id,
        version=version,
        language=language,
        learner_name=user.full_name,
        learner_native_name=user.native_name,
        course_title=title,
        course_code=version.code,
        institutions=[
            {"slug": o.slug, "name": o.name, "country": str(o.country)} for o in institutions
        ],
        competencies=[
            {
                "code": c.code,
                "name": courses_api.pick(c.translations, language, "en").get("name", c.code),
            }
            for c in competencies
        ],
        grade=enrollment.final_grade,
        show_grade=version.show_grade_on_certificate,
        completed_at=completed_at,
        expires_at=_months_later(completed_at, version.certificate_validity_months)
        if version.certificate_validity_months
        else None,
        template_version=_template_version(),
    )


def _template_version() -> str:
    from certificates.rendering import TEMPLATE_VERSION

    return TEMPLATE_VERSION


def issue_certificate(*, enrollment_id: int) -> Certificate:
    """Issue the certificate of a completed enrollment: record it, render and store the PDF.

    Safe to run any number of times and concurrently: the unique constraint allows one current
    certificate per enrollment, and an issued certificate (with its PDF) is returned unchanged.
    A certificate stays `pending`, never issued without its file, until the PDF is stored; a
    storage error propagates so the task retries. Raises Enrollment.DoesNotExist when the
    enrollment is unknown or not completed.
    """
    enrollment = enrollment_api.get_completed_enrollment(enrollment_id=enrollment_id)
    certificate = Certificate.objects.filter(
        enrollment_id=enrollment.pk, superseded_at__isnull=True
    ).first()
    if certificate is None:
        try:
            with transaction.atomic():
                certificate = _record_for(enrollment)
                certificate.save()
        except IntegrityError:  # a concurrent task recorded it first
            certificate = Certificate.objects.get(
                enrollment_id=enrollment.pk, superseded_at__isnull=True
            )
    if certificate.state == State.ISSUED:
        return certificate
    return _render_and_store(certificate)


CERTIFICATE_NOT_EARNED = "not_earned"


def get_certificate_state_for_user(*, user: User, enrollment_id: int) -> dict[str, Any]:
    """Where the certificate of one of my enrollments stands: `not_earned` (not completed yet),
    `pending` (completed; being issued in the background, with or without its record yet),
    or the current certificate's state (`issued`, `revoked`) with its id.

    Raises Enrollment.DoesNotExist for an unknown enrollment and for another learner's alike.
    """
    enrollment = enrollment_api.get_enrollment_for_user(user=user, enrollment_id=enrollment_id)
    certificate = (
        Certificate.objects.filter(enrollment_id=enrollment.pk, superseded_at__isnull=True)
        .only("pk", "state")
        .first()
    )
    if certificate is not None:
        return {"state": certificate.state, "certificate": certificate.pk}
    if enrollment.status == enrollment.Status.COMPLETED:
        return {"state": State.PENDING.value, "certificate": None}
    return {"state": CERTIFICATE_NOT_EARNED, "certificate": None}


def _signed_credential(certificate: Certificate, *, issued_at: datetime) -> bytes:
    outline = courses_api.get_outline(version_id=certificate.version_id)
    served = courses_api.resolve_language(
        requested=certificate.language,
        available=list(outline.languages),
        primary=outline.primary_language,
    )
    summary = courses_api.pick(outline.translations, served, outline.primary_language).get(
        "summary", ""
    )
    document = registry.build_credential(
        certificate=certificate, course_slug=outline.slug, summary=summary, issued_at=issued_at
    )
    return registry.sign_credential(document, issued_at=issued_at)


def _render_and_store(certificate: Certificate) -> Certificate:
    from certificates.rendering import render_certificate_pdf
    from certificates.seal_keys import get_document_signer
    from certificates.sealing import seal_pdf

    certificate = registry.assign_status_entry(certificate_id=certificate.pk)
    issued_at = timezone.now().replace(microsecond=0)
    credential = _signed_credential(certificate, issued_at=issued_at)
    # PDF/A-3b with the credential attached, then sealed (PAdES): the file proves itself.
    pdf = seal_pdf(
        render_certificate_pdf(
            certificate_document(certificate=certificate), credential=credential
        ),
        signer=get_document_signer(),
    )
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.state == State.ISSUED:  # another worker finished first; keep its file
            return locked
        locked.pdf.save(f"{locked.pk}.pdf", ContentFile(pdf), save=False)
        locked.pdf_sha256 = digest
        locked.credential = credential
        locked.state = State.ISSUED
        locked.issued_at = issued_at
        locked.save(update_fields=["pdf", "pdf_sha256", "credential", "state", "issued_at"])
        certificate_id = locked.pk
        transaction.on_commit(lambda: _queue_notification(certificate_id))
    return locked


def _queue_notification(certificate_id: uuid.UUID) -> None:
    from certificates.tasks import notify_learner_task

    notify_learner_task.delay(str(certificate_id))


def notify_learner(*, certificate_id: str) -> None:
    """E-mail the learner that their certificate is ready, in their language."""
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    with translation.override(certificate.user.preferred_language):
        subject = _("Your ICIM Academy certificate: %(course)s") % {
            "course": certificate.course_title
        }
        body = _(
            "Congratulations, %(name)s!\n\nYou completed “%(course)s”. Your certificate is "
            "ready:\n\n%(link)s\n\nEmployers can check it at %(verify)s"
        ) % {
            "name": certificate.learner_name,
            "course": certificate.course_title,
            "link": f"{settings.PUBLIC_BASE_URL}/certificates/{certificate.pk}",
            "verify": verification_url(certificate_id=str(certificate.pk)),
        }
    accounts_api.queue_email(recipient=certificate.user.email, subject=subject, body=body)


def verification_url(*, certificate_id: str) -> str:
    """The public page that verifies a certificate; the QR code on the PDF points here."""
    return f"{settings.PUBLIC_BASE_URL}/verify/{certificate_id}"


def certificate_document(*, certificate: Certificate) -> Any:
    """The renderer's input for a certificate, from its frozen fields and institution templates."""
    from accounts.models import Organization
    from certificates.rendering import CertificateDocument, InstitutionMark, Signatory

    organizations = {
        o.slug: o
        for o in Organization.objects.filter(
            slug__in=[item["slug"] for item in certificate.institutions]
        )
        .select_related("certificate_template")
        .prefetch_related("certificate_template__signatories")
    }
    marks = []
    for item in certificate.institutions:
        organization = organizations.get(item["slug"])
        template: CertificateTemplate | None = getattr(organization, "certificate_template", None)
        marks.append(
            InstitutionMark(
                name=item["name"],
                country=item["country"],
                logo_png=_logo_png(organization, template),
                colour=template.colour if template else "#1f4e79",
                signatories=tuple(
                    Signatory(
                        name=signatory.name,
                        title=signatory.title,
                        signature_png=_read(signatory.signature_image)
                        if signatory.signature_image
                        else None,
                    )
                    for signatory in template.signatories.all()
                )
                if template
                else (),
            )
        )
    return CertificateDocument(
        certificate_id=str(certificate.pk),
        learner_name=certificate.learner_name,
        learner_native_name=certificate.learner_native_name,
        course_title=certificate.course_title,
        course_code=certificate.course_code,
        institutions=tuple(marks),
        issued_on=certificate.completed_at.date(),
        expires_on=certificate.expires_at.date() if certificate.expires_at else None,
        grade=f"{certificate.grade.normalize():f} %"
        if certificate.grade is not None and certificate.show_grade
        else None,
        competencies=tuple(item["name"] for item in certificate.competencies),
        language=certificate.language,
        verification_url=verification_url(certificate_id=str(certificate.pk)),
        template_version=certificate.template_version,
        **_award_wording(certificate),
    )


def _award_wording(certificate: Certificate) -> dict[str, str]:
    """The PDF's title and award sentence for a basis other than completing the course, in the
    certificate's language (the renderer's standard wording says "successfully completed")."""
    if certificate.basis != Certificate.Basis.PRIOR_LEARNING:
        return {}
    with translation.override(certificate.language):
        return {
            "award_title": _("Certificate of Recognition"),
            "award_statement": _(
                "has been recognised, on the evidence of prior learning, as meeting the "
                "requirements of the course"
            ),
        }


def _logo_png(organization: Any, template: CertificateTemplate | None) -> bytes | None:
    """The institution's logo on certificates: its template's, else the organisation's."""
    if template is not None and template.logo:
        return _read(template.logo)
    if organization is not None and organization.logo:
        return _read(organization.logo)
    return None


def _read(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def sweep_missing_certificates() -> list[int]:
    """Issue certificates that a lost task never issued: completed enrollments without one, and
    certificates still pending after a grace period. Returns the enrollment ids handled."""
    covered = Certificate.objects.filter(superseded_at__isnull=True).values("enrollment_id")
    missing = list(
        enrollment_api.completed_enrollments().exclude(pk__in=covered).values_list("pk", flat=True)
    )
    stale = list(
        Certificate.objects.filter(
            state=State.PENDING, created_at__lt=timezone.now() - PENDING_GRACE
        ).values_list("enrollment_id", flat=True)
    )
    for enrollment_id in [*missing, *stale]:
        issue_certificate(enrollment_id=enrollment_id)
    return [*missing, *stale]


@transaction.atomic
def issue_for_prior_learning(
    *, user: User, course_slug: str, learner_email: str, note: str, ip_address: str | None = None
) -> Certificate:
    """An approver of an owning institution issues the certificate without the course being
    taken (recognised prior learning). The learner's enrollment is completed, the certificate
    recorded at once (pending) and its PDF rendered by the worker like any other.

    Idempotent: a learner who already holds the course's certificate gets that one back (and
    only a new certificate is audited as `prior_learning_recognised`).
    Raises Course.DoesNotExist (unknown, unpublished or not the approver's institution's
    course), PermissionDenied (member but not approver, or the approver's own e-mail: no one
    certifies themselves) and ValidationError (no note, no account with that e-mail).
    """
    from courses.models import Course

    note = " ".join(note.split())
    if not note:
        raise ValidationError({"note": [NOTE_REQUIRED]})
    course = Course.objects.get(slug=course_slug, published_version__isnull=False)
    owners = {o.pk for o in courses_api.course_institutions(course_id=course.pk)}
    if not owners & accounts_api.organization_ids_for_user(user=user):
        raise Course.DoesNotExist  # not theirs: indistinguishable from unknown
    if not owners & accounts_api.organization_ids_for_user(user=user, roles=("approver",)):
        raise PermissionDenied(NOT_AN_APPROVER)
    learner = User.objects.filter(email__iexact=learner_email.strip()).first()
    if learner is None:
        raise ValidationError({"learner_email": [NO_SUCH_LEARNER]})
    if learner.pk == user.pk:
        raise PermissionDenied(OWN_CERTIFICATE)
    enrollment = enrollment_api.record_prior_learning(
        learner=learner, course_slug=course_slug, recognised_by=user
    )
    current = Certificate.objects.filter(
        enrollment_id=enrollment.pk, superseded_at__isnull=True
    ).first()
    if current is not None:
        return current
    certificate = _record_for(enrollment_api.get_completed_enrollment(enrollment_id=enrollment.pk))
    certificate.basis = Certificate.Basis.PRIOR_LEARNING
    certificate.issued_by = user
    certificate.recognition_note = note
    certificate.save()
    accounts_api.record_audit_event(
        action=accounts_api.AuditAction.PRIOR_LEARNING_RECOGNISED,
        actor=user,
        target_type="certificate",
        target_id=str(certificate.pk),
        ip_address=ip_address,
        details={"course": course_slug, "learner": learner.email, "note": note},
    )
    return certificate


# --- learners -----------------------------------------------------------------------------------


def list_certificates_for_user(*, user: User) -> QuerySet[Certificate]:
    """The user's certificates, newest first (superseded ones included, marked as such)."""
    return Certificate.objects.filter(user=user)


def get_certificate_for_user(*, user: User, certificate_id: uuid.UUID) -> Certificate:
    """One of the user's certificates; raises Certificate.DoesNotExist otherwise."""
    return Certificate.objects.get(pk=certificate_id, user=user)


def read_pdf(*, certificate: Certificate) -> bytes:
    """The stored PDF, byte for byte as issued. Raises Certificate.DoesNotExist while pending."""
    if certificate.state != State.ISSUED:
        raise Certificate.DoesNotExist
    return _read(certificate.pdf)


def set_privacy(*, user: User, certificate_id: uuid.UUID, is_private: bool) -> Certificate:
    """Hide (or show) the learner's name and details on verification by id."""
    certificate = get_certificate_for_user(user=user, certificate_id=certificate_id)
    certificate.is_private = is_private
    certificate.save(update_fields=["is_private"])
    return certificate


def linkedin_url(*, certificate: Certificate) -> str:
    """LinkedIn's add-to-profile link for this certificate."""
    params: dict[str, Any] = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": ", ".join(item["name"] for item in certificate.institutions),
        "issueYear": certificate.completed_at.year,
        "issueMonth": certificate.completed_at.month,
        "certUrl": verification_url(certificate_id=str(certificate.pk)),
        "certId": str(certificate.pk),
    }
    if certificate.expires_at:
        params.update(
            expirationYear=certificate.expires_at.year, expirationMonth=certificate.expires_at.month
        )
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


# --- institution staff --------------------------------------------------------------------------

INSTITUTION_STAFF_ROLES = ("author", "reviewer", "approver", "admin")
STATUSES = ("valid", "revoked", "expired", "superseded")


def list_certificates_for_staff(
    *,
    user: User,
    course_slug: str | None = None,
    institution_slug: str | None = None,
    status: str | None = None,
    issued_from: date | None = None,
    issued_until: date | None = None,
    search: str | None = None,
) -> QuerySet[Certificate]:
    """Certificates of the courses owned by institutions where the user is staff (author,
    reviewer, approver or administrator), newest first, with learner, course and version joined.

    Filters: a course slug, an owning institution's slug, a status (`valid`, `revoked`,
    `expired`, `superseded`, as verification reports it), the issue date (the date printed on
    the certificate) from/until, inclusive, and a search in the learner's name (as printed, or
    as in the account) and e-mail address. A course or institution the user does not staff
    simply matches nothing. Raises PermissionDenied when the user is staff of no institution.
    """
    staff_of = accounts_api.organization_ids_for_user(user=user, roles=INSTITUTION_STAFF_ROLES)
    if not staff_of:
        raise PermissionDenied(NOT_INSTITUTION_STAFF)
    courses = courses_api.courses_owned_by(organization_ids=staff_of)
    if institution_slug is not None:
        courses = courses.filter(institutions__slug=institution_slug)
    certificates = Certificate.objects.filter(course_id__in=courses.values("pk"))
    if course_slug is not None:
        certificates = certificates.filter(course__slug=course_slug)
    if status is not None:
        certificates = certificates.filter(_status_condition(status, timezone.now()))
    if issued_from is not None:
        certificates = certificates.filter(completed_at__date__gte=issued_from)
    if issued_until is not None:
        certificates = certificates.filter(completed_at__date__lte=issued_until)
    if search:
        certificates = certificates.filter(
            Q(learner_name__icontains=search)
            | Q(learner_native_name__icontains=search)
            | Q(user__full_name__icontains=search)
            | Q(user__email__icontains=search)
        )
    return certificates.select_related("user", "course", "version").order_by("-created_at", "pk")


def _status_condition(status: str, now: datetime) -> Q:
    """The database condition matching `_status`: revoked wins, then superseded, then expired."""
    current = Q(revoked_at__isnull=True, superseded_at__isnull=True)
    conditions = {
        "revoked": Q(revoked_at__isnull=False),
        "superseded": Q(revoked_at__isnull=True, superseded_at__isnull=False),
        "expired": current & Q(expires_at__lte=now),
        "valid": current & (Q(expires_at__isnull=True) | Q(expires_at__gt=now)),
    }
    return conditions[status]


def _certificate_for_approver(*, user: User, certificate_id: uuid.UUID) -> Certificate:
    """The certificate, row-locked, if the user approves for an owning institution and does
    not hold it (separation of duties: no one decides on their own certificate). Raises
    Certificate.DoesNotExist (unknown or not theirs alike) or PermissionDenied."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    slugs = {item["slug"] for item in certificate.institutions}
    approver_of = accounts_api.organization_ids_for_user(user=user, roles=("approver",))
    member_of = accounts_api.organization_ids_for_user(user=user)
    owners = set(accounts_api.organizations_by_slug(slugs=list(slugs)).values())
    owner_ids = {organization.pk for organization in owners}
    if not owner_ids & member_of:
        raise Certificate.DoesNotExist  # not theirs: indistinguishable from unknown
    if not owner_ids & approver_of:
        raise PermissionDenied(NOT_AN_APPROVER)
    if certificate.user_id == user.pk:
        raise PermissionDenied(OWN_CERTIFICATE)
    return certificate


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
    certificate = _certificate_for_approver(user=user, certificate_id=certificate_id)
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
    transaction.on_commit(lambda: _queue_revocation_notice(certificate_id))
    return certificate


def _queue_revocation_notice(certificate_id: uuid.UUID) -> None:
    from certificates.tasks import notify_revocation_task

    notify_revocation_task.delay(str(certificate_id))


def notify_revocation(*, certificate_id: str) -> None:
    """Tell the learner their certificate was revoked, and why, in their language."""
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    with translation.override(certificate.user.preferred_language):
        subject = _("Your certificate for %(course)s was revoked") % {
            "course": certificate.course_title
        }
        body = _(
            "Hello %(name)s,\n\nThe institution revoked your certificate for “%(course)s”.\n"
            "Reason: %(reason)s\n\nVerification now shows it as revoked: %(verify)s\n"
            "Reply to your institution if you think this is a mistake."
        ) % {
            "name": certificate.learner_name,
            "course": certificate.course_title,
            "reason": certificate.revocation_reason,
            "verify": verification_url(certificate_id=str(certificate.pk)),
        }
    accounts_api.queue_email(recipient=certificate.user.email, subject=subject, body=body)


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
    certificate = _certificate_for_approver(user=user, certificate_id=certificate_id)
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
    old = _certificate_for_approver(user=user, certificate_id=certificate_id)
    if old.superseded_at is not None:
        raise ValidationError(NOT_CURRENT, code="superseded")
    if old.revoked_at is not None:
        raise ValidationError(REVOKED_NOT_REISSUED, code="revoked")
    enrollment = enrollment_api.get_completed_enrollment(enrollment_id=old.enrollment_id)
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
    replacement = _record_for(enrollment)
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


# --- verification (public) ----------------------------------------------------------------------

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
NOT_JSON_CREDENTIAL = gettext_lazy("The file is neither a PDF nor a JSON credential.")
MAX_BULK = 100


def _status(certificate: Certificate, now: datetime) -> str:
    if certificate.revoked_at is not None:
        return "revoked"
    if certificate.superseded_at is not None:
        return "superseded"
    if certificate.expires_at is not None and certificate.expires_at <= now:
        return "expired"
    return "valid"


def _check(name: str, passed: bool | None, explanation: str = "") -> dict[str, Any]:
    """One line of the checklist; `passed` None means the check could not apply (skipped)."""
    result = RESULT_SKIPPED if passed is None else RESULT_PASSED if passed else RESULT_FAILED
    return {
        "name": name,
        "label": str(CHECK_LABELS[name]),
        "result": result,
        "passed": bool(passed),
        "explanation": explanation,
    }


def may_see_details(*, certificate: Certificate, viewer: User | None) -> bool:
    """Whether `viewer` may see everything about a certificate by its id, private or not: its
    holder, and staff (author, reviewer, approver, administrator) of an owning institution
    (the institutions frozen on it). Anyone else, and no one signed in, may not."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if certificate.user_id == viewer.pk:
        return True
    staff_of = accounts_api.organization_ids_for_user(user=viewer, roles=INSTITUTION_STAFF_ROLES)
    if not staff_of:
        return False
    owners = accounts_api.organizations_by_slug(
        slugs=[item["slug"] for item in certificate.institutions]
    )
    return any(organization.pk in staff_of for organization in owners.values())


def _verification(certificate: Certificate, *, reveal: bool) -> dict[str, Any]:
    """The answer about a certificate. Unless `reveal` (its holder or owning staff), a private
    certificate confirms only its existence, status and dates: no details, no revocation
    reason, no successor; and a public one links to its successor only if that is public too."""
    now = timezone.now()
    status = _status(certificate, now)
    hidden = certificate.is_private and not reveal
    successor = certificate.superseded_by if certificate.superseded_by_id else None
    shows_successor = successor is not None and (reveal or not (hidden or successor.is_private))
    result: dict[str, Any] = {
        "id": str(certificate.pk),
        "status": status,
        "is_private": hidden,
        "checks": [
            _check("issued_by_platform", True),
            _check("not_revoked", certificate.revoked_at is None),
            _check("current", certificate.superseded_at is None),
            _check("not_expired", certificate.expires_at is None or certificate.expires_at > now),
        ],
        "revoked_at": certificate.revoked_at,
        "revocation_reason": None if hidden else certificate.revocation_reason or None,
        "superseded_at": certificate.superseded_at,
        "superseded_by": str(certificate.superseded_by_id) if shows_successor else None,
        "verification_url": verification_url(certificate_id=str(certificate.pk)),
    }
    if hidden:
        return result
    result.update(
        learner_name=certificate.learner_name,
        learner_native_name=certificate.learner_native_name or None,
        course_title=certificate.course_title,
        course_code=certificate.course_code,
        basis=certificate.basis,
        institutions=certificate.institutions,
        competencies=certificate.competencies,
        grade=str(certificate.grade)
        if certificate.grade is not None and certificate.show_grade
        else None,
        issued_on=certificate.completed_at.date(),
        expires_on=certificate.expires_at.date() if certificate.expires_at else None,
    )
    return result


def _issued(certificate_id: str) -> Certificate:
    """An issued certificate with its successor joined; Certificate.DoesNotExist for unknown,
    malformed or not yet issued ids alike."""
    try:
        key = uuid.UUID(str(certificate_id))
    except ValueError as error:
        raise Certificate.DoesNotExist from error
    return Certificate.objects.select_related("superseded_by").get(pk=key, state=State.ISSUED)


def verify_certificate(*, certificate_id: str, viewer: User | None = None) -> dict[str, Any]:
    """What `viewer` (None: anyone) may know about a certificate, with the checks made.

    A private certificate confirms only its existence, status and dates, except to its holder
    and its owning institutions' staff (`may_see_details`). Raises Certificate.DoesNotExist for
    unknown, malformed or not yet issued ids alike.
    """
    if viewer is None:
        result, _lifetime = verify_certificate_for_cache(certificate_id=certificate_id)
        return result
    certificate = _issued(certificate_id)
    return _verification(
        certificate, reveal=may_see_details(certificate=certificate, viewer=viewer)
    )


def verify_certificate_for_cache(*, certificate_id: str) -> tuple[dict[str, Any], int]:
    """The public answer of `verify_certificate` (as to someone not signed in: the only answer
    that may be cached, and shared), and for how many seconds it may be cached:
    VERIFICATION_CACHE_SECONDS, or less if the certificate expires sooner (its status changes
    then, with no write to drop the entry). Any saved change to a certificate drops its entries
    and its predecessor's (`forget_public_verification`, called by a receiver), so the bound
    only matters if that fails. Raises like `verify_certificate`."""
    certificate = _issued(certificate_id)
    result = _verification(certificate, reveal=False)
    lifetime = VERIFICATION_CACHE_SECONDS
    if result["status"] == "valid" and certificate.expires_at is not None:
        remaining = int((certificate.expires_at - timezone.now()).total_seconds())
        lifetime = max(0, min(VERIFICATION_CACHE_SECONDS, remaining))
    return result, lifetime


def public_verification_cache_name(*, certificate_id: str, language: str) -> str:
    """Where the rendered public answer for this certificate and language is cached."""
    try:
        key = str(uuid.UUID(certificate_id))
    except ValueError:
        key = "malformed"  # never stored: unknown ids are not cached
    return f"verification:{VERIFICATION_CACHE_FORMAT}:{key}:{language}"


def forget_public_verification(*, certificate_id: str) -> None:
    """Stop serving cached public answers for a certificate: tombstones now and again on
    commit, so an answer read from the old row before the change committed cannot be stored
    after it (answers are only added where nothing is stored)."""
    names = [
        public_verification_cache_name(certificate_id=certificate_id, language=language)
        for language, _name in settings.LANGUAGES
    ]
    raw_cache.tombstone(names, timeout=VERIFICATION_CACHE_SECONDS)
    transaction.on_commit(lambda: raw_cache.tombstone(names, timeout=VERIFICATION_CACHE_SECONDS))


def verify_certificates(*, certificate_ids: list[str]) -> list[dict[str, Any]]:
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
    results = []
    for certificate_id in certificate_ids[:MAX_BULK]:
        certificate = found.get(keys.get(certificate_id))  # type: ignore[arg-type]
        results.append(
            _verification(certificate, reveal=False)
            if certificate
            else {
                "id": certificate_id,
                "status": "unknown",
                "checks": [_check("issued_by_platform", False)],
            }
        )
    return results


def verify_pdf(*, content: bytes) -> dict[str, Any]:
    """Whether an uploaded file is byte for byte an issued certificate, and which.

    A file confirms what it shows itself, never more: for a private certificate the answer
    confirms existence and status only, as by id (a PDF is easily passed on). Raises
    ValidationError (code `not_pdf`) for anything that is not a PDF, and (code `pdf_too_large`)
    for one with a stream that decodes past `sealing`'s limits (a decompression bomb).
    """
    from certificates.seal_keys import get_trusted_seal_roots
    from certificates.sealing import inspect_seal

    if not content.startswith(b"%PDF-"):
        raise ValidationError(NOT_A_PDF, code="not_pdf")
    now = timezone.now()
    seal = inspect_seal(content, trusted_roots=get_trusted_seal_roots())
    if seal.exceeds_decode_limit:
        raise ValidationError(PDF_TOO_LARGE, code="pdf_too_large")
    seal_check = _check("pdf_seal", seal.is_valid, seal.failure_reason)
    # Believe only the credential the seal covers; anything appended later is not ours.
    embedded = registry.parse_credential(seal.sealed_credential or b"")
    credential_checks = (
        _credential_checks(embedded, now)
        if embedded is not None
        else [_check("credential_structure", None, _("No sealed credential is attached."))]
    )
    digest = hashlib.sha256(content).hexdigest()
    certificate = (
        Certificate.objects.select_related("superseded_by")
        .filter(pdf_sha256=digest, state=State.ISSUED)
        .first()
    )
    if certificate is None:
        checks = [_check("file_matches", False), seal_check, *credential_checks]
        # A file with our seal or credential in it that is not the issued file was altered.
        altered = seal.is_present or embedded is not None
        return {"id": None, "status": "invalid" if altered else "unknown", "checks": checks}
    result = _verification(certificate, reveal=False)
    result["checks"] = [*result["checks"], _check("file_matches", True), seal_check]
    result["checks"].extend(_explain_superseded(credential_checks, certificate))
    return result


def require_verifier(*, user: User) -> None:
    """Raise PermissionDenied unless the user verifies for an employer (bulk verification)."""
    if not accounts_api.organization_ids_for_user(user=user, roles=("verifier",)):
        raise PermissionDenied(NOT_A_VERIFIER)


def remind_expiring_certificates() -> list[str]:
    """E-mail each learner whose current, unrevoked certificate expires within 30 days, once.

    Marks the certificate first (a conditional update), so overlapping runs remind only once.
    Returns the ids reminded.
    """
    now = timezone.now()
    due = Certificate.objects.filter(
        state=State.ISSUED,
        revoked_at__isnull=True,
        superseded_at__isnull=True,
        expiry_reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + EXPIRY_REMINDER_AHEAD,
    ).select_related("user")
    reminded = []
    for certificate in due:
        claimed = Certificate.objects.filter(
            pk=certificate.pk, expiry_reminded_at__isnull=True
        ).update(expiry_reminded_at=now)
        if not claimed:
            continue
        with translation.override(certificate.user.preferred_language):
            subject = _("Your certificate for %(course)s expires soon") % {
                "course": certificate.course_title
            }
            body = _(
                "Hello %(name)s,\n\nYour certificate for “%(course)s” is valid until "
                "%(date)s. Take the course again to renew it.\n\n%(verify)s"
            ) % {
                "name": certificate.learner_name,
                "course": certificate.course_title,
                "date": certificate.expires_at.date().isoformat() if certificate.expires_at else "",
                "verify": verification_url(certificate_id=str(certificate.pk)),
            }
        accounts_api.queue_email(recipient=certificate.user.email, subject=subject, body=body)
        reminded.append(str(certificate.pk))
    return reminded


# --- credentials (Open Badges 3.0) --------------------------------------------------------------


def did_document() -> dict[str, Any]:
    """The issuer's did:web DID document, listing every key that ever signed a credential."""
    return registry.did_document()


def did_document_path() -> str:
    """The path, under the app's root, where did:web resolves the issuer's DID document:
    `/.well-known/did.json`, or `/did.json` when PUBLIC_BASE_URL has a path."""
    return signing.did_document_path()


def read_credential(*, certificate_id: str, viewer: User | None = None) -> bytes:
    """The signed credential of an issued certificate, byte for byte as issued. A private
    certificate's credential only for those who may see its details (`may_see_details`): to
    anyone else, and to `viewer` None, it does not exist.

    Raises Certificate.DoesNotExist for unknown, malformed, pending, pre-credential and hidden
    ids alike.
    """
    try:
        key = uuid.UUID(str(certificate_id))
    except ValueError as error:
        raise Certificate.DoesNotExist from error
    certificate = Certificate.objects.only(
        "credential", "is_private", "user_id", "institutions"
    ).get(pk=key, state=State.ISSUED)
    content = bytes(certificate.credential)
    if not content:
        raise Certificate.DoesNotExist
    if certificate.is_private and not may_see_details(certificate=certificate, viewer=viewer):
        raise Certificate.DoesNotExist
    return content


def read_status_list(*, status_list_id: int) -> bytes:
    """The signed BitstringStatusListCredential as served. Raises StatusList.DoesNotExist."""
    return registry.read_status_list(status_list_id=status_list_id)


def _structure_problem(document: dict[str, Any]) -> str | None:
    from certificates import credentials

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


def _validity_check(document: dict[str, Any], now: datetime) -> dict[str, Any]:
    valid_from = _parse_time(document.get("validFrom"))
    valid_until = document.get("validUntil")
    until = _parse_time(valid_until)
    if valid_from is None or (valid_until is not None and until is None):
        return _check("validity_window", False, _("The validity dates are not valid date-times."))
    if valid_from > now:
        return _check(
            "validity_window",
            False,
            _("It is not valid before %(date)s.") % {"date": valid_from.date().isoformat()},
        )
    if until is not None and until <= now:
        return _check(
            "validity_window",
            False,
            _("It expired on %(date)s.") % {"date": until.date().isoformat()},
        )
    return _check("validity_window", True)


def _status_check(document: dict[str, Any]) -> dict[str, Any]:
    from certificates import signing
    from certificates.models import StatusList

    entry = document.get("credentialStatus")
    if not isinstance(entry, dict) or entry.get("type") != "BitstringStatusListEntry":
        return _check("credential_status", None, _("The credential names no status list."))
    list_id = registry.status_list_id(entry.get("statusListCredential"))
    index = entry.get("statusListIndex")
    if list_id is None:
        return _check("credential_status", False, _("The status list is not one of ours."))
    if not isinstance(index, str) or not index.isdigit() or int(index) >= StatusList.SIZE:
        return _check("credential_status", False, _("The status list index is not valid."))
    bits = StatusList.objects.filter(pk=list_id).values_list("bits", flat=True)
    if not bits:
        return _check("credential_status", False, _("The status list does not exist."))
    if signing.get_bit(bytes(bits[0]), int(index)):
        return _check("credential_status", False, _("The issuer has revoked it."))
    return _check("credential_status", True)


def _credential_checks(document: dict[str, Any], now: datetime) -> list[dict[str, Any]]:
    from certificates import credentials, signing

    problem = _structure_problem(document)
    if problem is not None:
        skipped = _("Not checked: the credential is not well-formed.")
        return [
            _check("credential_structure", False, problem),
            _check("credential_proof", None, skipped),
            _check("issuer_key", None, skipped),
            _check("credential_status", None, skipped),
            _check("validity_window", None, skipped),
        ]
    # One register lookup per method, shared by the proof check and the issuer-key check.
    key_for = functools.cache(registry.public_key_for)
    proof = credentials.verify_proof(document, public_key_for=key_for)
    method = proof.verification_method or ""
    issuer = document["issuer"]
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    is_our_key = key_for(method) is not None
    if issuer_id != signing.issuer_did():
        key_check = _check("issuer_key", False, _("The issuer is not ICIM Academy."))
    elif not is_our_key:
        key_check = _check("issuer_key", False, _("The key is not in ICIM Academy's DID document."))
    else:
        key_check = _check("issuer_key", True, method)
    return [
        _check("credential_structure", True),
        _check("credential_proof", proof.is_valid, "" if proof.is_valid else proof.reason),
        key_check,
        _status_check(document),
        _validity_check(document, now),
    ]


def _credential_status(
    checks: list[dict[str, Any]], document: dict[str, Any], now: datetime
) -> str:
    by_name = {check["name"]: check for check in checks}
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


def _explain_superseded(
    checks: list[dict[str, Any]], certificate: Certificate
) -> list[dict[str, Any]]:
    """The checks, with a set status entry explained as a replacement rather than a revocation
    when the register says the certificate was superseded, not revoked."""
    if certificate.revoked_at is not None or certificate.superseded_at is None:
        return checks
    return [
        _check("credential_status", False, _("The issuer replaced it with a corrected one."))
        if check["name"] == "credential_status" and check["result"] == RESULT_FAILED
        else check
        for check in checks
    ]


def verify_credential(*, content: bytes) -> dict[str, Any]:
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
    checks = _credential_checks(document, now)
    status = _credential_status(checks, document, now)
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
        return {
            "id": None,
            "status": status if status == "invalid" else "unknown",
            "checks": checks,
        }
    if status == "revoked" and certificate.revoked_at is None and certificate.superseded_at:
        status = "superseded"
    checks = _explain_superseded(checks, certificate)
    result = _verification(certificate, reveal=False)
    result["status"] = status if status != "valid" else result["status"]
    result["checks"] = checks
    return result


def rotate_signing_key(*, path: Any, actor: User | None = None, via: str = "") -> str:
    """Write a new signing key to `path` and record it; older keys are marked retired but stay
    in the DID document. Audited as `signing_key_rotated` (`actor` None: the system, `via`
    says how, e.g. the management command). Returns the new key's multibase."""
    from certificates import signing
    from certificates.models import IssuerKey

    # The outgoing key must be listed before its file is replaced (none yet: nothing to keep).
    with contextlib.suppress(ImproperlyConfigured):
        registry.signing_key()
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


# --- certificate templates ----------------------------------------------------------------------

TEMPLATE_ROLES = ("admin", "approver")
TEMPLATE_ROLE_REQUIRED = gettext_lazy(
    "Only administrators and approvers of the institution may change its certificates."
)
SAMPLE_COURSE_TITLE = gettext_lazy("Sample course: Digital twins in production")
SAMPLE_COMPETENCY = gettext_lazy("Sample competency")
IMAGE_TOO_LARGE = gettext_lazy("The image is larger than 1 MB.")
IMAGE_TYPE_REFUSED = gettext_lazy("Upload a PNG or JPEG image.")
IMAGE_UNREADABLE = gettext_lazy("The image is damaged or cannot be read.")
IMAGE_TOO_MANY_PIXELS = gettext_lazy("The image may be at most %(limit)d pixels wide and high.")
IMAGE_MAX_BYTES = 1024 * 1024
IMAGE_MAX_SIDE = 4000
SAMPLE_CERTIFICATE_ID = "00000000-0000-4000-8000-000000000000"
SAMPLE_LEARNERS = {
    "en": ("Alex Sample", ""),
    "de": ("Alex Mustermann", ""),
    "zh-hans": ("Zhang Wei", "张伟"),
    "ar": ("Layla Haddad", "ليلى حداد"),
}


def _template_organization(*, user: User, organization_slug: str) -> Any:
    """The institution, if the user may manage its certificates. Raises
    Organization.DoesNotExist for unknown organisations and ones the user is no member of,
    PermissionDenied for members without the admin or approver role."""
    from accounts.models import Organization

    organization = accounts_api.organizations_by_slug(slugs=[organization_slug]).get(
        organization_slug
    )
    if organization is None or organization.kind != Organization.Kind.INSTITUTION:
        raise Organization.DoesNotExist
    if organization.pk not in accounts_api.organization_ids_for_user(user=user):
        raise Organization.DoesNotExist
    if organization.pk not in accounts_api.organization_ids_for_user(
        user=user, roles=TEMPLATE_ROLES
    ):
        raise PermissionDenied(TEMPLATE_ROLE_REQUIRED)
    return organization


def get_certificate_template(*, user: User, organization_slug: str) -> CertificateTemplate:
    """The institution's certificate template (an unsaved one with the defaults when it has
    none yet), for its administrators and approvers. Raises Organization.DoesNotExist (unknown,
    not an institution, or not the user's) or PermissionDenied (a member without the role)."""
    organization = _template_organization(user=user, organization_slug=organization_slug)
    template = CertificateTemplate.objects.filter(organization=organization).first()
    return (
        _with_signatories(template) if template else CertificateTemplate(organization=organization)
    )


def normalize_template_image(*, content: bytes) -> bytes:
    """A PNG or JPEG upload checked and re-encoded as PNG (the renderer's format; re-encoding
    also drops metadata and anything hidden after the image data).

    Raises ValidationError when the file is over 1 MB, not PNG/JPEG by its bytes, damaged
    (Pillow's verification), or larger than 4000 pixels on a side.
    """
    import io

    from PIL import Image, UnidentifiedImageError

    if len(content) > IMAGE_MAX_BYTES:
        raise ValidationError(IMAGE_TOO_LARGE, code="too_large")
    if not (content.startswith(b"\x89PNG\r\n\x1a\n") or content.startswith(b"\xff\xd8\xff")):
        raise ValidationError(IMAGE_TYPE_REFUSED, code="invalid_type")
    try:
        with Image.open(io.BytesIO(content)) as probe:
            if probe.format not in {"PNG", "JPEG"}:
                raise ValidationError(IMAGE_TYPE_REFUSED, code="invalid_type")
            if max(probe.size) > IMAGE_MAX_SIDE:
                raise ValidationError(
                    IMAGE_TOO_MANY_PIXELS % {"limit": IMAGE_MAX_SIDE}, code="too_large"
                )
            probe.verify()
        # verify() leaves the image unusable: decode it again, fully, to re-encode it.
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            mode = "RGBA" if image.mode in {"RGBA", "LA", "P", "PA"} else "RGB"
            output = io.BytesIO()
            image.convert(mode).save(output, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(IMAGE_UNREADABLE, code="invalid_image") from error
    except Image.DecompressionBombError as error:
        raise ValidationError(
            IMAGE_TOO_MANY_PIXELS % {"limit": IMAGE_MAX_SIDE}, code="too_large"
        ) from error
    return output.getvalue()


def _apply_template_changes(
    template: CertificateTemplate, changes: dict[str, Any]
) -> dict[str, bytes | None]:
    """Set the plain fields of `changes` on the template and return the images to store
    (`logo`: PNG bytes, or None to remove), all validated first."""
    errors: dict[str, list[Any]] = {}
    images: dict[str, bytes | None] = {}
    if changes.get("clear_logo"):
        images["logo"] = None
    upload = changes.get("logo")
    if upload is not None:
        try:
            images["logo"] = normalize_template_image(content=upload)
        except ValidationError as error:
            errors["logo"] = error.messages
    if "colour" in changes:
        template.colour = changes["colour"].lower()
    if errors:
        raise ValidationError(errors)
    return images


def _replace_image(instance: Any, field: str, png: bytes | None, stem: str) -> None:
    """Point the image field at a new stored PNG (or at nothing), without saving the instance.

    The old file is deleted only once the transaction commits: a rollback must still find it.
    """
    old = getattr(instance, field)
    if old:
        transaction.on_commit(partial(old.storage.delete, old.name))
        setattr(instance, field, "")
    if png is not None:
        digest = hashlib.sha256(png).hexdigest()[:12]
        getattr(instance, field).save(f"{stem}-{digest}.png", ContentFile(png), save=False)


@transaction.atomic
def update_certificate_template(
    *, user: User, organization_slug: str, changes: dict[str, Any]
) -> CertificateTemplate:
    """Change the institution's certificate template: any of `colour` (#rrggbb), `logo`
    (PNG/JPEG bytes, stored re-encoded as PNG) and `clear_logo`. Fields left out keep their
    value. Certificates issued from now on use it; issued ones never change. Signatories have
    their own functions (`add_template_signatory` and the ones after it).

    For administrators and approvers of the institution. Locks the template row (created on
    first change). Raises Organization.DoesNotExist, PermissionDenied, or ValidationError with
    the problems per field, in which case nothing changes.
    """
    organization = _template_organization(user=user, organization_slug=organization_slug)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    images = _apply_template_changes(template, changes)
    for field, png in images.items():
        _replace_image(template, field, png, f"{organization.slug}-{field}")
    template.updated_by = user
    template.save()
    return _with_signatories(template)


def _with_signatories(template: CertificateTemplate) -> CertificateTemplate:
    """The template with its signatories fetched (in order) for serializing."""
    from django.db.models import prefetch_related_objects

    if template.pk is not None:
        prefetch_related_objects([template], "signatories")
    return template


# --- certificate template signatories -----------------------------------------------------------

SIGNATORY_LIMIT_REACHED = gettext_lazy(
    "An institution's certificates have at most %(limit)d signatories: remove one first."
)
SIGNATORY_ORDER_MISMATCH = gettext_lazy("List every signatory of the template exactly once.")
UNKNOWN_SIGNATORY = gettext_lazy("The template has no signatory with the id %(id)s.")


def _signatory_changes(changes: dict[str, Any], *, is_new: bool) -> dict[str, Any]:
    """`name` (required for a new signatory) and `title` normalised, `signature_image` as
    re-encoded PNG bytes (None with `clear_signature_image`). Raises ValidationError per field."""
    errors: dict[str, list[Any]] = {}
    result: dict[str, Any] = {}
    if is_new or "name" in changes:
        try:
            result["name"] = accounts_api.normalize_person_name(changes.get("name", ""))
        except ValidationError as error:
            errors["name"] = error.messages
    if "title" in changes:
        result["title"] = " ".join(changes["title"].split())
    if changes.get("clear_signature_image"):
        result["signature_image"] = None
    if changes.get("signature_image") is not None:
        try:
            result["signature_image"] = normalize_template_image(content=changes["signature_image"])
        except ValidationError as error:
            errors["signature_image"] = error.messages
    if errors:
        raise ValidationError(errors)
    return result


def _save_signatory(
    signatory: CertificateSignatory, changes: dict[str, Any], organization_slug: str
) -> None:
    for field in ("name", "title"):
        if field in changes:
            setattr(signatory, field, changes[field])
    if "signature_image" in changes:
        _replace_image(
            signatory,
            "signature_image",
            changes["signature_image"],
            f"{organization_slug}-signature",
        )
    signatory.save()


def _touch(template: CertificateTemplate, user: User) -> None:
    template.updated_by = user
    template.save(update_fields=["updated_by", "updated_at"])


@transaction.atomic
def add_template_signatory(
    *, user: User, organization_slug: str, changes: dict[str, Any]
) -> CertificateSignatory:
    """Add a signatory after the template's others: `name` (required), `title`, and
    `signature_image` (PNG/JPEG bytes, stored re-encoded as PNG).

    For administrators and approvers of the institution. Locks the template row (created when
    missing), so two concurrent additions cannot pass the limit of
    `CertificateSignatory.MAX_PER_TEMPLATE`. Raises Organization.DoesNotExist, PermissionDenied,
    or ValidationError (per field; or code `too_many_signatories`), in which case nothing changes.
    """
    organization = _template_organization(user=user, organization_slug=organization_slug)
    valid = _signatory_changes(changes, is_new=True)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    count = template.signatories.count()
    limit = CertificateSignatory.MAX_PER_TEMPLATE
    if count >= limit:
        raise ValidationError(
            SIGNATORY_LIMIT_REACHED % {"limit": limit}, code="too_many_signatories"
        )
    signatory = CertificateSignatory(template=template, position=count)
    _save_signatory(signatory, valid, organization.slug)
    _touch(template, user)
    return signatory


def _locked_signatory(
    *, user: User, organization_slug: str, signatory_id: int
) -> CertificateSignatory:
    """The signatory with its template row locked. Raises Organization.DoesNotExist,
    PermissionDenied, or CertificateSignatory.DoesNotExist (not this institution's)."""
    organization = _template_organization(user=user, organization_slug=organization_slug)
    locked = CertificateTemplate.objects.select_for_update().filter(organization=organization)
    if not list(locked.values_list("pk", flat=True)):
        raise CertificateSignatory.DoesNotExist
    return CertificateSignatory.objects.select_related("template").get(
        pk=signatory_id, template__organization=organization
    )


@transaction.atomic
def update_template_signatory(
    *, user: User, organization_slug: str, signatory_id: int, changes: dict[str, Any]
) -> CertificateSignatory:
    """Change a signatory: any of `name`, `title`, `signature_image` (PNG/JPEG bytes) and
    `clear_signature_image`; fields left out keep their value.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied, CertificateSignatory.DoesNotExist (unknown, or
    another institution's), or ValidationError per field, in which case nothing changes.
    """
    signatory = _locked_signatory(
        user=user, organization_slug=organization_slug, signatory_id=signatory_id
    )
    valid = _signatory_changes(changes, is_new=False)
    _save_signatory(signatory, valid, organization_slug)
    _touch(signatory.template, user)
    return signatory


@transaction.atomic
def delete_template_signatory(*, user: User, organization_slug: str, signatory_id: int) -> None:
    """Remove a signatory (its signature image once committed); the others close up the gap.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied or CertificateSignatory.DoesNotExist.
    """
    signatory = _locked_signatory(
        user=user, organization_slug=organization_slug, signatory_id=signatory_id
    )
    template = signatory.template
    if signatory.signature_image:
        image = signatory.signature_image
        transaction.on_commit(partial(image.storage.delete, str(image.name)))
    signatory.delete()
    remaining = list(template.signatories.all())
    for position, other in enumerate(remaining):
        other.position = position
    CertificateSignatory.objects.bulk_update(remaining, ["position"])
    _touch(template, user)


@transaction.atomic
def reorder_template_signatories(
    *, user: User, organization_slug: str, signatory_ids: list[int]
) -> list[CertificateSignatory]:
    """Put the template's signatories in the order of `signatory_ids`, which must list each of
    them exactly once; returns them in their new order.

    For administrators and approvers of the institution; locks the template row. Raises
    Organization.DoesNotExist, PermissionDenied, or ValidationError (`order`), in which case
    nothing changes.
    """
    organization = _template_organization(user=user, organization_slug=organization_slug)
    template, _created = CertificateTemplate.objects.select_for_update().get_or_create(
        organization=organization
    )
    signatories = {signatory.pk: signatory for signatory in template.signatories.all()}
    if len(signatory_ids) != len(signatories) or set(signatory_ids) != set(signatories):
        raise ValidationError({"order": [SIGNATORY_ORDER_MISMATCH]}, code="invalid")
    ordered = [signatories[signatory_id] for signatory_id in signatory_ids]
    for position, signatory in enumerate(ordered):
        signatory.position = position
    CertificateSignatory.objects.bulk_update(ordered, ["position"])
    _touch(template, user)
    return ordered


def _preview_signatories(template: CertificateTemplate, changes: dict[str, Any]) -> tuple[Any, ...]:
    """The renderer's signatories for a preview: the saved ones, or the unsaved list in
    `changes["signatories"]` ({id?, name, title?}; an id borrows that saved signature image)."""
    from certificates.rendering import Signatory

    saved = (
        {signatory.pk: signatory for signatory in template.signatories.all()}
        if template.pk is not None
        else {}
    )

    def signature(signatory: CertificateSignatory | None) -> bytes | None:
        if signatory is None or not signatory.signature_image:
            return None
        return _read(signatory.signature_image)

    if "signatories" not in changes:
        return tuple(
            Signatory(name=item.name, title=item.title, signature_png=signature(item))
            for item in saved.values()
        )
    unknown = [
        item["id"]
        for item in changes["signatories"]
        if item.get("id") is not None and item["id"] not in saved
    ]
    if unknown:
        raise ValidationError({"signatories": [UNKNOWN_SIGNATORY % {"id": unknown[0]}]})
    return tuple(
        Signatory(
            name=item["name"],
            title=item.get("title", ""),
            signature_png=signature(saved.get(item["id"])) if item.get("id") else None,
        )
        for item in changes["signatories"]
    )


def render_template_preview(
    *, user: User, organization_slug: str, changes: dict[str, Any], language: str
) -> bytes:
    """A sample certificate PDF (a made-up learner and course, never recorded or signed) with
    the institution's template as saved, with `changes` (as in `update_certificate_template`,
    and `signatories`: the list as edited, [{id?, name, title?}]) applied but not saved.
    Raises what `update_certificate_template` raises; writes nothing.
    """
    from certificates.rendering import CertificateDocument, InstitutionMark, render_certificate_pdf

    template = get_certificate_template(user=user, organization_slug=organization_slug)
    images = _apply_template_changes(template, changes)
    signatories = _preview_signatories(template, changes)
    organization = template.organization

    def image(field: str) -> bytes | None:
        if field in images:
            return images[field]
        stored = getattr(template, field)
        return _read(stored) if stored else None

    logo = image("logo")
    if logo is None and "logo" not in images and organization.logo:
        logo = _read(organization.logo)
    learner_name, native_name = SAMPLE_LEARNERS.get(language, SAMPLE_LEARNERS["en"])
    with translation.override(language):
        course_title, competency = str(SAMPLE_COURSE_TITLE), str(SAMPLE_COMPETENCY)
    today = timezone.now().date()
    document = CertificateDocument(
        certificate_id=SAMPLE_CERTIFICATE_ID,
        learner_name=learner_name,
        learner_native_name=native_name,
        course_title=course_title,
        course_code="SAMPLE-101",
        institutions=(
            InstitutionMark(
                name=organization.name,
                country=str(organization.country),
                logo_png=logo,
                colour=template.colour,
                signatories=signatories,
            ),
        ),
        issued_on=today,
        expires_on=None,
        grade="92 %",
        competencies=(competency,),
        language=language,
        verification_url=verification_url(certificate_id=SAMPLE_CERTIFICATE_ID),
    )
    return render_certificate_pdf(document)
