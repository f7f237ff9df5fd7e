"""`manage.py export_course SLUG --format imscc --output FILE`: a course version as a cartridge."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from courses import api as courses_api
from courses.models import Course, CourseVersion
from interchange import api as interchange_api


class Command(BaseCommand):
    help = "Export a course version (the working one, else the latest) as Common Cartridge 1.3."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--format", choices=["imscc"], default="imscc")
        parser.add_argument("--output", required=True)
        parser.add_argument("--number", type=int, default=None, help="The version number.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            course = Course.objects.get(slug=options["slug"])
            version = courses_api.get_course_version(course=course, number=options["number"])
        except (Course.DoesNotExist, CourseVersion.DoesNotExist) as error:
            raise CommandError(f"No such course or version: {options['slug']}") from error
        data = interchange_api.export_common_cartridge(version=version)
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"Wrote {len(data)} bytes to {options['output']}")
