"""Bulk-load synthetic xAPI statements into the LRS (the `lrs-bench` organisation); idempotent."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from devdata import bulk
from devdata.lrs_scale import seed_statements


class Command(BaseCommand):
    help = "Bulk-load synthetic xAPI statements with their index rows (organisation lrs-bench)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--statements", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        bulk.tune_session()
        seed_statements(
            statements=options["statements"], seed=options["seed"], report=self.stdout.write
        )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Planner statistics and the visibility map for the fresh rows (see seed_scale).
            with connection.cursor() as cursor:
                for table in ("lrs_statement", "lrs_statementagent", "lrs_statementactivity"):
                    cursor.execute(f"VACUUM ANALYZE {table}")
        self.stdout.write(
            self.style.SUCCESS(f"LRS data ready in {time.monotonic() - started:.0f} s.")
        )
