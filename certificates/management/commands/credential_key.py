"""`manage.py credential_key`: show, create or rotate the key that signs credentials."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from certificates import api as certificates_api


class Command(BaseCommand):
    help = (
        "Show the credential signing key's public half (creating the key file if missing), or "
        "rotate it with --rotate: a new key signs from now on, and every old public key stays "
        "in the DID document so credentials signed before still verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rotate", action="store_true", help="Replace the signing key.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rotate"]:
            if settings.CREDENTIAL_SIGNING_KEY:
                raise CommandError(
                    "The key comes from CREDENTIAL_SIGNING_KEY: rotate it by generating a new "
                    "one (`manage.py credential_key --rotate` with CREDENTIAL_SIGNING_KEY_FILE "
                    "set) and replacing the variable's value."
                )
            if not settings.CREDENTIAL_SIGNING_KEY_FILE:
                raise CommandError("Set CREDENTIAL_SIGNING_KEY_FILE to say where the key lives.")
            multibase = certificates_api.rotate_signing_key(
                path=Path(settings.CREDENTIAL_SIGNING_KEY_FILE), via="manage.py credential_key"
            )
            self.stdout.write(f"Rotated: new credentials are signed with {multibase}.")
        for key in certificates_api.did_document()["verificationMethod"]:
            self.stdout.write(key["id"])
