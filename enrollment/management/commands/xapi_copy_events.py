"""Copy the learning events not yet in the LRS now (a backfill; `--restart`: from the first)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from enrollment import api as enrollment_api


class Command(BaseCommand):
    help = "Copy learning events into the xAPI LRS of their courses' institutions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--restart",
            action="store_true",
            help="Copy from the first event again (statements already in the LRS stay once).",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Events per transaction.")

    def handle(self, *args: Any, restart: bool, batch_size: int, **options: Any) -> None:
        if restart:
            enrollment_api.restart_lrs_copy()
        copied = enrollment_api.copy_events_to_lrs(batch_size=batch_size)
        self.stdout.write(f"{copied} statements copied")
