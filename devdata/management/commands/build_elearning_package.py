"""`manage.py build_elearning_package <scorm12|scorm2004|cmi5> <out.zip>`: write a test package."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from devdata.elearning_packages import STANDARDS, build_elearning_package


class Command(BaseCommand):
    help = "Write a test e-learning package (three pages and a check) as a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("standard", choices=STANDARDS)
        parser.add_argument("output", type=Path, help="The zip file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        data = build_elearning_package(options["standard"])
        output: Path = options["output"]
        output.write_bytes(data)
        self.stdout.write(f"{options['standard']} package: {output} ({len(data)} bytes)")
