"""Sending: an event becomes one delivery per subscribed endpoint, each attempted from a task,
retried with growing delays, and recorded.

The database holds the schedule: a pending delivery's `next_attempt_at` says when it is due.
Its first attempt is queued when the event's transaction commits; later ones by the sweep
(Celery beat, every minute), which also finds attempts a dead worker left. Delays grow from a
minute to ten hours: eight attempts over about 28 hours. An attempt claims its delivery with a
conditional UPDATE that moves `next_attempt_at` past the attempt's longest possible duration
(a lease), so a task run twice, or a sweep racing a task, makes one attempt.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from webhooks.addresses import resolve_target
from webhooks.endpoints import signing_secrets
from webhooks.failures import record_failure, record_success
from webhooks.models import Delivery, Endpoint
from webhooks.payloads import Occurrence
from webhooks.signals import deliveries_created
from webhooks.signing import encode_body, new_message_id, signed_headers
from webhooks.transport import Answer, post

__all__ = [
    "MAX_ATTEMPTS",
    "RETRY_DELAYS",
    "attempt_delivery",
    "create_deliveries",
    "queue_due_deliveries",
]

logger = logging.getLogger(__name__)

# The wait after each failed attempt; their count + 1 is the number of attempts.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
SWEEP_BATCH = 500
ENDPOINT_DISABLED = "Not sent: the endpoint is disabled."


def _lease() -> timedelta:
    # Resolving and a timed-out request, with room to spare.
    return timedelta(seconds=2 * settings.WEBHOOK_TIMEOUT_SECONDS + 60)


def _queue(delivery_ids: list[int]) -> None:
    """Have an attempt of each queued once the current transaction commits (receivers.py)."""
    if delivery_ids:
        transaction.on_commit(
            lambda: deliveries_created.send(sender=Delivery, delivery_ids=delivery_ids)
        )


def create_deliveries(
    *,
    occurrence: Occurrence,
    endpoint: Endpoint | None = None,
    redelivery_of: Delivery | None = None,
) -> list[Delivery]:
    """One pending delivery of `occurrence` per active endpoint of its organisations that
    subscribed to its type (or to the one `endpoint` given: a test or a redelivery), each
    queued once the caller's transaction commits. Returns them (none when nobody listens)."""
    if endpoint is not None:
        endpoints = [endpoint]
    else:
        endpoints = [
            candidate
            for candidate in Endpoint.objects.filter(
                organization_id__in=occurrence.organization_ids, is_active=True
            )
            if occurrence.event_type in candidate.event_types
        ]
    if not endpoints:
        return []
    now = timezone.now()
    payload = occurrence.payload()
    with transaction.atomic():
        created = Delivery.objects.bulk_create(
            [
                Delivery(
                    endpoint=target,
                    event_type=occurrence.event_type,
                    message_id=redelivery_of.message_id if redelivery_of else new_message_id(),
                    payload=redelivery_of.payload if redelivery_of else payload,
                    next_attempt_at=now,
                    redelivery_of=redelivery_of,
                )
                for target in endpoints
            ]
        )
        _queue([delivery.pk for delivery in created])
    return created


def _claim(delivery_id: int) -> Delivery | None:
    now = timezone.now()
    claimed = Delivery.objects.filter(
        pk=delivery_id, state=Delivery.State.PENDING, next_attempt_at__lte=now
    ).update(
        next_attempt_at=now + _lease(),
        attempt_count=F("attempt_count") + 1,
        last_attempt_at=now,
    )
    if not claimed:
        return None
    return Delivery.objects.select_related("endpoint").get(pk=delivery_id)


def _send(delivery: Delivery) -> Answer:
    endpoint = delivery.endpoint
    try:
        target = resolve_target(endpoint.url)
    except ValidationError as error:
        # The name resolves somewhere it may not go (any more): a failure like any other.
        messages = [str(message) for message in error.messages]
        return Answer(status=None, milliseconds=0, snippet=" ".join(messages))
    body = encode_body(delivery.payload)
    headers = signed_headers(
        message_id=delivery.message_id,
        timestamp=timezone.now(),
        body=body,
        secrets=signing_secrets(endpoint),
    )
    return post(target=target, body=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT_SECONDS)


def attempt_delivery(*, delivery_id: int) -> Delivery | None:
    """Make the delivery's next attempt if it is due, and record how it went: succeeded,
    pending again with the next delay, or failed after MAX_ATTEMPTS (or at once when its
    endpoint is disabled). Returns the delivery, or None when it was not due (already done,
    or another worker holds it). Never raises for the receiver's faults."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.is_active:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=Delivery.State.FAILED, next_attempt_at=None, last_error=ENDPOINT_DISABLED
        )
        delivery.refresh_from_db()
        return delivery
    answer = _send(delivery)
    if answer.is_success:
        state, next_attempt_at = Delivery.State.SUCCEEDED, None
    elif delivery.attempt_count >= MAX_ATTEMPTS:
        state, next_attempt_at = Delivery.State.FAILED, None
    else:
        state = Delivery.State.PENDING
        next_attempt_at = timezone.now() + RETRY_DELAYS[delivery.attempt_count - 1]
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            state=state,
            next_attempt_at=next_attempt_at,
            last_response_status=answer.status,
            last_response_ms=answer.milliseconds,
            last_error="" if answer.is_success else answer.snippet,
        )
        if answer.is_success:
            record_success(endpoint_id=endpoint.pk)
        else:
            record_failure(endpoint_id=endpoint.pk)
    delivery.refresh_from_db()
    return delivery


def queue_due_deliveries() -> int:
    """Queue an attempt of every pending delivery that is due (at most SWEEP_BATCH, the
    longest-waiting first); returns how many were queued. Queuing one twice is harmless."""
    due = list(
        Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    _queue(due)
    return len(due)
