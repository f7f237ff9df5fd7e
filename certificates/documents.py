"""A certificate as a document: what the renderer is given for it, and its stored PDF."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Organization
from certificates.models import Certificate, CertificateTemplate
from certificates.rendering import CertificateDocument, InstitutionMark, Signatory
from certificates.sharing import verification_url

State = Certificate.State


def certificate_document(*, certificate: Certificate) -> CertificateDocument:
    """The renderer's input for a certificate, from its frozen fields and institution templates."""
    marks = institution_marks(institutions=certificate.institutions)
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


def institution_marks(*, institutions: list[dict[str, str]]) -> list[InstitutionMark]:
    """The institutions as printed (frozen name and country; today's template: logo, colour,
    signatories), in the given order; two queries whatever their number."""
    organizations = {
        o.slug: o
        for o in Organization.objects.filter(slug__in=[item["slug"] for item in institutions])
        .select_related("certificate_template")
        .prefetch_related("certificate_template__signatories")
    }
    marks = []
    for item in institutions:
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
                        signature_png=read_file(signatory.signature_image)
                        if signatory.signature_image
                        else None,
                    )
                    for signatory in template.signatories.all()
                )
                if template
                else (),
            )
        )
    return marks


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
        return read_file(template.logo)
    if organization is not None and organization.logo:
        return read_file(organization.logo)
    return None


def read_file(field: Any) -> bytes:
    """The whole content of a stored file (a model's file or image field)."""
    with field.open("rb") as handle:
        return bytes(handle.read())


def read_pdf(*, certificate: Certificate) -> bytes:
    """The stored PDF, byte for byte as issued. Raises Certificate.DoesNotExist while pending."""
    if certificate.state != State.ISSUED:
        raise Certificate.DoesNotExist
    return read_file(certificate.pdf)
