"""Bulk-load bench discussions into one course (devdata.discussions_scale); idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from devdata.discussions_scale import seed_discussions


class Command(BaseCommand):
    help = "Give a course N bench threads and one thread with M replies (for benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--course", required=True, help="The course's slug.")
        parser.add_argument("--author", required=True, help="E-mail of a reader of the course.")
        parser.add_argument("--threads", type=int, default=10_000)
        parser.add_argument("--replies", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        seed_discussions(
            course_slug=options["course"],
            author_email=options["author"],
            threads=options["threads"],
            replies=options["replies"],
            report=self.stdout.write,
        )
