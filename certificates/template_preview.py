"""A sample certificate PDF with an institution's template as edited, before it is saved."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from accounts.models import User
from certificates import rendering
from certificates.documents import read_file
from certificates.institution_templates import apply_template_changes, get_certificate_template
from certificates.models import CertificateSignatory, CertificateTemplate
from certificates.rendering import CertificateDocument, InstitutionMark, Signatory
from certificates.sharing import verification_url

SAMPLE_COURSE_TITLE = gettext_lazy("Sample course: Digital twins in production")
SAMPLE_COMPETENCY = gettext_lazy("Sample competency")
UNKNOWN_SIGNATORY = gettext_lazy("The template has no signatory with the id %(id)s.")
SAMPLE_CERTIFICATE_ID = "00000000-0000-4000-8000-000000000000"
SAMPLE_LEARNERS = {
    "en": ("Alex Sample", ""),
    "de": ("Alex Mustermann", ""),
    "zh-hans": ("Zhang Wei", "张伟"),
    "ar": ("Layla Haddad", "ليلى حداد"),
}


def _preview_signatories(template: CertificateTemplate, changes: dict[str, Any]) -> tuple[Any, ...]:
    """The renderer's signatories for a preview: the saved ones, or the unsaved list in
    `changes["signatories"]` ({id?, name, title?}; an id borrows that saved signature image)."""
    saved = (
        {signatory.pk: signatory for signatory in template.signatories.all()}
        if template.pk is not None
        else {}
    )

    def signature(signatory: CertificateSignatory | None) -> bytes | None:
        if signatory is None or not signatory.signature_image:
            return None
        return read_file(signatory.signature_image)

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
    template = get_certificate_template(user=user, organization_slug=organization_slug)
    images = apply_template_changes(template, changes)
    signatories = _preview_signatories(template, changes)
    organization = template.organization

    def image(field: str) -> bytes | None:
        if field in images:
            return images[field]
        stored = getattr(template, field)
        return read_file(stored) if stored else None

    logo = image("logo")
    if logo is None and "logo" not in images and organization.logo:
        logo = read_file(organization.logo)
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
    # Through the module, not a name bound at import: tests replace the renderer there.
    return rendering.render_certificate_pdf(document)
