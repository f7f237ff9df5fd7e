"""`manage.py import_course PATH --organisation SLUG`: import a course, print its report."""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from interchange import api as interchange_api


class Command(BaseCommand):
    help = (
        "Import a Common Cartridge (.imscc), a Moodle backup (.mbz) or an Open edX OLX export "
        "(.tar.gz) as a draft course; prints the fidelity report as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--organisation", required=True, help="The owning institution's slug.")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language of the report's reasons (default: LANGUAGE_CODE, English).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        try:
            # Opened, not read: the import streams the archive from the file.
            source = Path(options["path"]).open("rb")  # noqa: SIM115 (closed below)
        except OSError as error:
            raise CommandError(f"Cannot read {options['path']}: {error.strerror}") from error
        try:
            with source:
                result = interchange_api.import_course(
                    data=source, organisation=options["organisation"], user=None
                )
        except interchange_api.ImportRefusedError as error:
            self.stdout.write(json.dumps(error.report, ensure_ascii=False, indent=2))
            raise CommandError("The import was refused; nothing was written.") from error
        self.stdout.write(json.dumps(result.report, ensure_ascii=False, indent=2))
