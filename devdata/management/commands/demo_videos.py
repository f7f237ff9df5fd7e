"""`manage.py demo_videos`: make and transcode the demo videos (cached in var/demo-media/)."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from devdata.videos import seed_demo_videos


class Command(BaseCommand):
    help = "Give every demo video lesson a generated, narrated clip (development; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        counts = seed_demo_videos()
        self.stdout.write(
            f"Demo videos: {counts['made']} made, {counts['cached']} from the cache, "
            f"{counts['skipped']} already playing ({time.monotonic() - started:.1f} s)"
        )
