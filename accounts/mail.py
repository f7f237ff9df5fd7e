"""Outgoing e-mail: queued after the transaction commits, sent by a Celery task that retries.

The one way to send mail. A request that causes an e-mail only queues it once its transaction
committed, and a failure to queue or send is logged, never raised into the request. The task
retries any OSError (SMTP errors, refused or dropped connections are all OSErrors) with backoff.
Headers come from user text (a course title, a name): a CR or LF in one made Django refuse to
build the message after the commit, and the e-mail was lost. Subjects are made one line here.
"""

import unicodedata

from django.core.mail import send_mail

from config.tasks import queue_after_commit

__all__ = ["queue_email", "send_email", "single_line"]

# A subject longer than this is cut: mail clients show about 80 characters, and a header line
# should stay under RFC 5322's 998.
SUBJECT_MAX_CHARACTERS = 200


def single_line(text: str) -> str:
    """`text` on one line: line breaks, tabs and other control or separator characters become
    single spaces, runs of spaces one, ends trimmed; cut to SUBJECT_MAX_CHARACTERS."""
    spaced = "".join(
        " " if unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp", "Zs"} else character
        for character in text
    )
    return " ".join(spaced.split())[:SUBJECT_MAX_CHARACTERS]


def queue_email(*, recipient: str, subject: str, body: str) -> None:
    """Send an e-mail from a task once the current transaction commits (at once outside one).

    Never raises (`queue_after_commit`): a failure to queue (a broker outage) or, with tasks run
    in process, to send is logged instead of failing a request whose changes are already
    committed.
    """
    # Imported on call: accounts.tasks imports the door, which imports this module (a cycle).
    from accounts.tasks import send_email_task

    queue_after_commit(send_email_task, recipient, single_line(subject), body)


def send_email(*, recipient: str, subject: str, body: str) -> None:
    """Send one e-mail now, from the default sender. Raises OSError (smtplib's errors among
    them) when the mail server cannot be reached or refuses it; the task retries those."""
    send_mail(single_line(subject), body, None, [recipient])
