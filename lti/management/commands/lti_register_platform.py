"""Register an LMS (Moodle, Canvas...) with the LTI tool for an organisation."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from accounts.models import Organization
from lti import api as lti_api


class Command(BaseCommand):
    help = (
        "Register an LTI 1.3 platform (issuer, client id, deployments, URLs) for an organisation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", "--organization", dest="organisation", required=True)
        parser.add_argument("--issuer", required=True)
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--deployment-id", action="append", required=True)
        parser.add_argument("--auth-url", required=True)
        parser.add_argument("--token-url", required=True)
        parser.add_argument("--jwks-url", required=True)
        parser.add_argument(
            "--forget-platform-storage",
            action="store_true",
            help="Accept this platform's launches without LTI platform storage again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            registration = lti_api.register_platform(
                organization_slug=options["organisation"],
                issuer=options["issuer"],
                client_id=options["client_id"],
                deployment_ids=options["deployment_id"],
                auth_url=options["auth_url"],
                token_url=options["token_url"],
                jwks_url=options["jwks_url"],
            )
        except Organization.DoesNotExist as error:
            raise CommandError(f"No organisation {options['organisation']!r}.") from error
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if options["forget_platform_storage"] and lti_api.forget_storage_offered(
            registration_id=registration.pk
        ):
            self.stdout.write("Launches without platform storage are accepted again.")
        from django.conf import settings

        base = settings.PUBLIC_BASE_URL.rstrip("/")
        self.stdout.write(
            self.style.SUCCESS(f"Registered {registration.issuer} ({registration.client_id}).")
        )
        for label, name in (
            ("Login initiation URL", "lti:login"),
            ("Redirect / launch URL", "lti:launch"),
            ("Deep linking URL", "lti:launch"),
            ("Public keyset (JWKS) URL", "lti:jwks"),
        ):
            self.stdout.write(f"{label}: {base}{reverse(name)}")
