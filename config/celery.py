"""The Celery application: configured from Django settings (CELERY_*), tasks found in each app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("icim")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="health.ping")
def ping_task() -> str:
    """Answer 'pong': lets health checks and tests prove a worker consumes from the broker."""
    return "pong"
