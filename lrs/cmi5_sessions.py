"""The life of a cmi5 AU session as the LMS sees it (cmi5 9.3.6, 9.3.8): a session ends with
the AU's "Terminated", after which (and a short grace for statements already on their way) the
LMS rejects the session's statements; a session that never terminated is "Abandoned" by the
LMS when the learner launches the AU again, and records nothing more."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from lrs.cmi5 import CATEGORY_CMI5, SESSION_ID, VERBS
from lrs.cmi5_lms import store_lms_statements
from lrs.models import Client, Statement
from lrs.validation import agent_key

__all__ = ["abandon_session"]


def _iso_duration(delta: timedelta) -> str:
    seconds = max(delta.total_seconds(), 0)
    return f"PT{seconds:.2f}S"


@transaction.atomic
def abandon_session(
    *,
    organization_id: int,
    session_id: str,
    registration: str,
    actor: dict[str, Any],
    activity_id: str,
    publisher_id: str,
    launched_at: datetime,
) -> bool:
    """When the session `session_id` (launched at `launched_at`) ended without "Terminated",
    record the LMS's one "Abandoned" statement for it, with the session's duration (launch to
    the AU's last statement), and close its launch credential to further statements. Returns
    whether it was abandoned (False: it terminated, or was abandoned before). Locks the
    session's launch credentials."""
    credentials = list(
        Client.objects.select_for_update().filter(
            organization_id=organization_id, scope__session_id=session_id
        )
    )
    if any(
        credential.scope.get("terminated_at") or credential.scope.get("abandoned_at")
        for credential in credentials
    ):
        return False
    now = timezone.now()
    for credential in credentials:
        credential.scope = {**credential.scope, "abandoned_at": now.isoformat()}
        credential.save(update_fields=["scope"])
    last = (
        Statement.objects.filter(
            organization_id=organization_id,
            registration=registration,
            actor_key=agent_key(actor),
            stored__gte=launched_at,
        )
        .exclude(verb_id=VERBS["launched"])
        .order_by("-stored", "-sequence")
        .values_list("stored", flat=True)
        .first()
    )
    store_lms_statements(
        organization_id=organization_id,
        statements=[
            {
                "actor": actor,
                "verb": {"id": VERBS["abandoned"], "display": {"en-US": "Abandoned"}},
                "object": {"objectType": "Activity", "id": activity_id},
                "result": {"duration": _iso_duration((last or launched_at) - launched_at)},
                "context": {
                    "registration": registration,
                    "contextActivities": {
                        "grouping": [{"id": publisher_id}],
                        "category": [{"id": CATEGORY_CMI5}],
                    },
                    "extensions": {SESSION_ID: session_id},
                },
                "timestamp": now.isoformat(),
            }
        ],
    )
    return True
