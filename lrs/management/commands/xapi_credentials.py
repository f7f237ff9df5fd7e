"""Create an LRS client credential for an organisation; prints `key:secret` on its last line."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import Organization
from lrs.clients import create_client


class Command(BaseCommand):
    help = "Create an xAPI LRS client for an organisation and print key:secret (last line)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organization", help="The organisation's slug.")
        parser.add_argument("--name", default="", help="The client's name.")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(slug=options["organization"]).first()
        if organization is None:
            raise CommandError(f"No organisation with the slug {options['organization']!r}.")
        name = options["name"] or f"{organization.name} LRS client"
        client, secret = create_client(organization_id=organization.id, name=name)
        self.stdout.write(f"Created LRS client {client.name!r} for {organization.slug}.")
        self.stdout.write(f"{client.key}:{secret}")
