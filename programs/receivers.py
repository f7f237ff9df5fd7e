"""Turns `certificates`' `certificate_issued` signal into one queued program check."""

import uuid
from typing import Any

from django.dispatch import receiver

from certificates import api as certificates_api
from config.tasks import queue_committed
from programs.tasks import complete_programs_task


@receiver(certificates_api.certificate_issued, dispatch_uid="programs.complete_on_issue")
def queue_program_check(sender: Any, certificate_id: uuid.UUID, **kwargs: Any) -> None:
    """Queue the program check once the certificate's PDF is stored (the signal is sent on
    commit, hence `queue_committed`)."""
    queue_committed(complete_programs_task, str(certificate_id))
