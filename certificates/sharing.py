"""How a holder shows a certificate: its public verification address, LinkedIn's add-to-profile
link, and whether verification by id shows their name and details."""

import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from accounts.models import User
from certificates.models import Certificate
from certificates.selectors import get_certificate_for_user


def verification_url(*, certificate_id: str) -> str:
    """The public page that verifies a certificate; the QR code on the PDF points here."""
    return f"{settings.PUBLIC_BASE_URL}/verify/{certificate_id}"


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


def set_privacy(*, user: User, certificate_id: uuid.UUID, is_private: bool) -> Certificate:
    """Hide (or show) the learner's name and details on verification by id."""
    certificate = get_certificate_for_user(user=user, certificate_id=certificate_id)
    certificate.is_private = is_private
    certificate.save(update_fields=["is_private"])
    return certificate
