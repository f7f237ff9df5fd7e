"""E-mails to learners about their certificates, each in the learner's language: ready,
revoked, and expiring soon."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from certificates.models import Certificate
from certificates.sharing import verification_url

State = Certificate.State

# Learners are reminded this long before their certificate expires.
EXPIRY_REMINDER_AHEAD = timedelta(days=30)


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
