"""`manage.py create_signing_ca`: a development CA and the certificate that seals PDFs."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certificates.seal_keys import write_development_keys


class Command(BaseCommand):
    help = (
        "Create a self-signed development CA and a document-signing certificate issued by it, "
        "as PEM files (default: var/keys/). Existing files are kept unless --force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.BASE_DIR / "var" / "keys",
            help="Where to write the PEM files (default: var/keys/ in the project).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace existing files (PDFs sealed with the old CA will no longer verify).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            keys = write_development_keys(directory, force=options["force"])
        except (FileExistsError, OSError) as error:
            raise CommandError(str(error)) from error
        if keys.was_created:
            self.stdout.write(self.style.SUCCESS(f"Created a development seal CA in {directory}:"))
        else:
            self.stdout.write(f"The seal CA in {directory} already exists; kept (use --force):")
        for path, what in [
            (keys.ca_key_file, "CA private key (keep it private)"),
            (keys.ca_cert_file, "CA certificate (PDF_SEAL_CHAIN_FILE)"),
            (keys.seal_key_file, "document-signing private key (PDF_SEAL_KEY_FILE)"),
            (keys.seal_cert_file, "document-signing certificate (PDF_SEAL_CERT_FILE)"),
        ]:
            self.stdout.write(f"  {path}  {what}")
        if not settings.DEBUG:
            self.stdout.write(
                self.style.WARNING(
                    "This CA is for development: production seals with a certificate issued by "
                    "the coalition's CA (see .env.example)."
                )
            )
