"""The public door of `webhooks`: endpoints, their secrets, deliveries and the events they carry.
Each function lives in a module of its own concern (see webhooks/README.md)."""

from webhooks.access import get_endpoint_for_admin, get_organization_for_admin
from webhooks.addresses import Target, resolve_target
from webhooks.deliveries import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    attempt_delivery,
    queue_due_deliveries,
)
from webhooks.emitting import (
    emit_certificate_event,
    emit_enrollment_completed,
    emit_event_attended,
    emit_program_completed,
)
from webhooks.endpoints import (
    MAX_ENDPOINTS,
    create_endpoint,
    delete_endpoint,
    list_endpoints,
    rotate_endpoint_secret,
    signing_secrets,
    update_endpoint,
)
from webhooks.log import list_deliveries, redeliver, send_test_delivery
from webhooks.models import TEST_EVENT_TYPE, EventType

__all__ = [
    "MAX_ATTEMPTS",
    "MAX_ENDPOINTS",
    "RETRY_DELAYS",
    "TEST_EVENT_TYPE",
    "EventType",
    "Target",
    "attempt_delivery",
    "create_endpoint",
    "delete_endpoint",
    "emit_certificate_event",
    "emit_enrollment_completed",
    "emit_event_attended",
    "emit_program_completed",
    "get_endpoint_for_admin",
    "get_organization_for_admin",
    "list_deliveries",
    "list_endpoints",
    "queue_due_deliveries",
    "redeliver",
    "resolve_target",
    "rotate_endpoint_secret",
    "send_test_delivery",
    "signing_secrets",
    "update_endpoint",
]
