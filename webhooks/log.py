"""An endpoint's delivery log, manual redelivery and test deliveries (administrators only)."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from webhooks.access import get_endpoint_for_admin
from webhooks.deliveries import create_deliveries
from webhooks.models import Delivery, Endpoint
from webhooks.payloads import Occurrence, test_occurrence

__all__ = ["list_deliveries", "redeliver", "send_test_delivery"]

ENDPOINT_IS_DISABLED = _("The endpoint is disabled; enable it first.")
STILL_PENDING = _("This delivery is still being attempted.")


def list_deliveries(
    *,
    user: User,
    organization_slug: str,
    endpoint_id: uuid.UUID,
    state: str | None = None,
    event_type: str | None = None,
) -> QuerySet[Delivery]:
    """The endpoint's deliveries, newest first, optionally of one state or event type. Raises
    Endpoint.DoesNotExist when missing or not the caller's."""
    endpoint = get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id
    )
    deliveries = Delivery.objects.filter(endpoint=endpoint)
    if state:
        deliveries = deliveries.filter(state=state)
    if event_type:
        deliveries = deliveries.filter(event_type=event_type)
    return deliveries


def _require_active(endpoint: Endpoint) -> None:
    if not endpoint.is_active:
        raise ValidationError(ENDPOINT_IS_DISABLED, code="endpoint_disabled")


def redeliver(
    *, user: User, organization_slug: str, endpoint_id: uuid.UUID, delivery_id: int
) -> Delivery:
    """Send a finished delivery again: a new delivery with the same message id and body (a
    receiver that saw it drops the duplicate), attempted as a new one. Raises
    Endpoint.DoesNotExist, Delivery.DoesNotExist and ValidationError (`endpoint_disabled`,
    `still_pending`)."""
    endpoint = get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id
    )
    original = Delivery.objects.get(pk=delivery_id, endpoint=endpoint)
    _require_active(endpoint)
    if original.state == Delivery.State.PENDING:
        raise ValidationError(STILL_PENDING, code="still_pending")
    occurrence = Occurrence(
        original.event_type, original.created_at, {}, frozenset({endpoint.organization_id})
    )
    [delivery] = create_deliveries(occurrence=occurrence, endpoint=endpoint, redelivery_of=original)
    return delivery


def send_test_delivery(*, user: User, organization_slug: str, endpoint_id: uuid.UUID) -> Delivery:
    """Queue a `webhook.test` message to the endpoint. Raises Endpoint.DoesNotExist and
    ValidationError `endpoint_disabled`."""
    endpoint = get_endpoint_for_admin(
        user=user, organization_slug=organization_slug, endpoint_id=endpoint_id
    )
    _require_active(endpoint)
    [delivery] = create_deliveries(
        occurrence=test_occurrence(organization_id=endpoint.organization_id), endpoint=endpoint
    )
    return delivery
