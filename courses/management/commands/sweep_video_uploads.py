"""Delete expired resumable video uploads and their partial files (what beat runs hourly)."""

from typing import Any

from django.core.management.base import BaseCommand

from courses import api as courses_api


class Command(BaseCommand):
    help = "Delete expired resumable video uploads and their partial files."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = courses_api.sweep_expired_video_uploads()
        self.stdout.write(f"Deleted {deleted} partial video upload(s).")
