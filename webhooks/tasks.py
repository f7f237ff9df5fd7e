"""Background work for webhooks: one line each into `webhooks.api`."""

from celery import shared_task

from config.tasks import when_not_queued
from webhooks import api as webhooks_api


# A hard limit well above one attempt (resolving plus WEBHOOK_TIMEOUT_SECONDS): a receiver that
# drips its answer byte by byte cannot hold a worker.
@shared_task(ignore_result=True, soft_time_limit=60, time_limit=90)
@when_not_queued("Webhook delivery {0} not queued; the sweep will attempt it.")
def deliver_webhook_task(delivery_id: int) -> None:
    """Attempt a delivery if it is due (idempotent: a second run finds it claimed or done)."""
    webhooks_api.attempt_delivery(delivery_id=delivery_id)


@shared_task(ignore_result=True)
def queue_due_deliveries_task() -> int:
    """Queue the attempts that are due (retries, and any a lost task left)."""
    return webhooks_api.queue_due_deliveries()
