"""Celery tasks of the seats app: one line each into `seats.api`."""

from celery import shared_task

from seats import api as seats_api


@shared_task
def send_monthly_seat_reports_task() -> int:
    """Daily: e-mail last month's seat reports not yet sent (idempotent per organisation)."""
    return seats_api.send_monthly_seat_reports()
