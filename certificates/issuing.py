"""Issuing: a completed enrollment's certificate recorded once, rendered, signed, sealed and
stored; the sweep for lost tasks; and certificates for recognised prior learning."""

import hashlib
from datetime import datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import api as accounts_api
from accounts.models import User
from certificates import registry, rendering
from certificates.access import NOT_AN_APPROVER, OWN_CERTIFICATE
from certificates.documents import certificate_document
from certificates.models import Certificate
from certificates.signals import certificate_issued
from courses import api as courses_api
from courses.models import Course
from enrollment import api as enrollment_api

State = Certificate.State

NOTE_REQUIRED = gettext_lazy("Say what prior learning was recognised, and on what evidence.")
NO_SUCH_LEARNER = gettext_lazy("No learner has an account with this e-mail address.")

# A pending certificate older than this is re-issued by the sweep (its task was lost).
PENDING_GRACE = timedelta(minutes=5)


def new_certificate_record(enrollment: Any) -> Certificate:
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
        # relativedelta keeps the day, or takes a shorter month's last day (Jan 31 -> Feb 28/29).
        expires_at=completed_at + relativedelta(months=version.certificate_validity_months)
        if version.certificate_validity_months
        else None,
        template_version=rendering.TEMPLATE_VERSION,
    )


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
                certificate = new_certificate_record(enrollment)
                certificate.save()
        except IntegrityError:  # a concurrent task recorded it first
            certificate = Certificate.objects.get(
                enrollment_id=enrollment.pk, superseded_at__isnull=True
            )
    if certificate.state == State.ISSUED:
        return certificate
    return _render_and_store(certificate)


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
    # Imported here: pyhanko takes over a second to import, and only issuing workers and PDF
    # verification need it, not every process that imports the door.
    from certificates.seal_keys import get_document_signer
    from certificates.sealing import seal_pdf

    certificate = registry.assign_status_entry(certificate_id=certificate.pk)
    issued_at = timezone.now().replace(microsecond=0)
    credential = _signed_credential(certificate, issued_at=issued_at)
    # PDF/A-3b with the credential attached, then sealed (PAdES): the file proves itself.
    pdf = seal_pdf(
        rendering.render_certificate_pdf(
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
        # The receiver queues the learner's notification (`notify_learner`).
        transaction.on_commit(
            lambda: certificate_issued.send(sender=Certificate, certificate_id=certificate_id)
        )
    return locked


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
    certificate = new_certificate_record(
        enrollment_api.get_completed_enrollment(enrollment_id=enrollment.pk)
    )
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
