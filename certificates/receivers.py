"""Turns the `enrollment_completed` signal into one queued issuing task, the app's own
`certificate_issued` and `certificate_revoked` signals into the learner's notifications, and
drops cached public verification answers when a certificate changes."""

import uuid
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from certificates import api as certificates_api
from certificates.models import Certificate
from certificates.signals import certificate_issued, certificate_revoked
from certificates.tasks import issue_certificate_task, notify_learner_task, notify_revocation_task
from config.tasks import queue_committed
from enrollment import api as enrollment_api


@receiver(enrollment_api.enrollment_completed, dispatch_uid="certificates.issue_on_completion")
def queue_certificate(sender: Any, enrollment_id: int, **kwargs: Any) -> None:
    """Queue the certificate after the completing transaction committed (the signal's moment).

    If the broker is down the completion stands and the periodic sweep issues it later.
    """
    queue_committed(issue_certificate_task, enrollment_id)


@receiver(certificate_issued, dispatch_uid="certificates.notify_on_issue")
def queue_issue_notification(sender: Any, certificate_id: uuid.UUID, **kwargs: Any) -> None:
    """Tell the learner their certificate is ready, once its PDF is stored (the signal's moment)."""
    queue_committed(notify_learner_task, str(certificate_id))


@receiver(certificate_revoked, dispatch_uid="certificates.notify_on_revocation")
def queue_revocation_notice(sender: Any, certificate_id: uuid.UUID, **kwargs: Any) -> None:
    """Tell the learner their certificate was revoked, once the revocation committed."""
    queue_committed(notify_revocation_task, str(certificate_id))


@receiver(post_save, sender=Certificate, dispatch_uid="certificates.forget_saved_verification")
@receiver(post_delete, sender=Certificate, dispatch_uid="certificates.forget_deleted_verification")
def forget_verification(sender: Any, instance: Certificate, **kwargs: Any) -> None:
    """Any saved change (revocation, replacement, privacy, admin edits) may change the public
    answer: cache invalidation, not domain behaviour, hence a model signal."""
    if kwargs.get("created"):
        return  # nothing is cached for an id that did not exist
    certificates_api.forget_public_verification(certificate_id=str(instance.pk))
    # The certificate it replaced links to it only while it is public: that answer changes too.
    for predecessor in Certificate.objects.filter(superseded_by=instance.pk).values_list(
        "pk", flat=True
    ):
        certificates_api.forget_public_verification(certificate_id=str(predecessor))
