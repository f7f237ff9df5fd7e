"""Who may download a certificate template's images: the members of its organisation."""

from typing import Any

from accounts import api as accounts_api
from accounts.models import User
from certificates.models import CertificateSignatory, CertificateTemplate

__all__ = ["open_template_image"]


def open_template_image(*, user: User | Any, name: str) -> accounts_api.StoredFile:
    """A template's logo or a signatory's signature image (stored re-encoded as PNG), for a
    member (any staff role) of the template's organisation. Raises CertificateTemplate.DoesNotExist
    for an unknown image and a forbidden one alike."""
    member_of = accounts_api.organization_ids_for_user(user=user, roles=accounts_api.STAFF_ROLES)
    template = CertificateTemplate.objects.filter(logo=name, organization_id__in=member_of).first()
    if template is not None:
        return accounts_api.StoredFile(
            file=template.logo, download_name="logo.png", content_type="image/png"
        )
    signatory = CertificateSignatory.objects.filter(
        signature_image=name, template__organization_id__in=member_of
    ).first()
    if signatory is not None:
        return accounts_api.StoredFile(
            file=signatory.signature_image, download_name="signature.png", content_type="image/png"
        )
    raise CertificateTemplate.DoesNotExist
