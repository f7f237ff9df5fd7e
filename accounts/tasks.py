"""Background work for accounts: one line each into `accounts.api`."""

from celery import shared_task

from accounts import api as accounts_api


# OSError: smtplib's errors are OSErrors but not ConnectionErrors.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_email_task(user_id: int) -> None:
    """Send a password reset e-mail; retried on transient mail-server errors."""
    accounts_api.send_password_reset_email(user_id=user_id)


# Retried for about 16 hours (backoff up to 10 minutes apart) before it is given up and logged:
# a mail server down for a night loses nothing; an address refused for good stops eventually.
@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=100,
)
def send_email_task(recipient: str, subject: str, body: str) -> None:
    """Send one queued e-mail; retried with backoff on mail-server and network errors."""
    accounts_api.send_email(recipient=recipient, subject=subject, body=body)
