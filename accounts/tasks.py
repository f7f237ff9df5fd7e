"""Background work for accounts: one line each into `accounts.api`."""

from celery import shared_task

from accounts import api as accounts_api


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_password_reset_email_task(user_id: int) -> None:
    """Send a password reset e-mail; retried on transient mail-server errors."""
    accounts_api.send_password_reset_email(user_id=user_id)


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_invitation_email_task(user_id: int) -> None:
    """Invite a user created by bulk enrolment to set a password."""
    accounts_api.send_invitation_email(user_id=user_id)
