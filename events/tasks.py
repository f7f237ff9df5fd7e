"""Background work for events: one line each into `events.api`."""

from celery import shared_task

from events import api as events_api


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=10)
def issue_attendance_credential_task(registration_id: int) -> None:
    """Issue the attendance credential of a recorded attendance (idempotent)."""
    events_api.issue_credential_for_registration(registration_id=registration_id)


@shared_task(ignore_result=True)
def send_event_reminders_task() -> int:
    """Remind registered attendees of events starting within a day (each once)."""
    return events_api.send_event_reminders()
