"""Celery tasks of discussions: one line each into the door."""

from celery import shared_task

from config.tasks import when_not_queued
from discussions import api as discussions_api


@shared_task
@when_not_queued("Notifications about discussion post {0} not queued")
def notify_about_post_task(post_id: int) -> int:
    return discussions_api.notify_about_post(post_id=post_id)


@shared_task
@when_not_queued("Notifications about the announcement in post {0} not queued")
def notify_announcement_task(post_id: int) -> int:
    return discussions_api.notify_announcement(post_id=post_id)


@shared_task
@when_not_queued("Notifications about the endorsement of post {0} not queued")
def notify_endorsement_task(post_id: int, endorser_id: int) -> int:
    return discussions_api.notify_endorsement(post_id=post_id, endorser_id=endorser_id)


@shared_task
def send_discussion_digests_task() -> int:
    return discussions_api.send_daily_digests()


@shared_task
def discard_unclaimed_attachments_task() -> int:
    return discussions_api.discard_unclaimed_attachments()
