"""Tasks go to queues by kind (pdf, media, email); a worker started without -Q takes them all."""

import pytest

from config.celery import app


@pytest.mark.parametrize(
    ("task", "queue"),
    [
        ("certificates.tasks.issue_certificate_task", "pdf"),
        ("courses.tasks.process_video_task", "media"),
        ("accounts.tasks.send_email_task", "email"),
        ("accounts.tasks.send_password_reset_email_task", "email"),
        ("certificates.tasks.notify_learner_task", "email"),
        ("certificates.tasks.notify_revocation_task", "email"),
        ("certificates.tasks.sweep_missing_certificates_task", "celery"),
        ("health.ping", "celery"),
    ],
)
def test_each_task_is_routed_to_the_queue_of_its_kind(task: str, queue: str) -> None:
    assert app.amqp.router.route({}, task)["queue"].name == queue


def test_a_worker_without_queues_named_consumes_every_queue() -> None:
    assert set(app.amqp.queues) == {"celery", "pdf", "media", "email"}
