"""Make a one-time LTI Dynamic Registration link for an organisation, on behalf of its admin."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from accounts.models import Organization, User
from lti import api as lti_api


class Command(BaseCommand):
    help = (
        "Make a one-time LTI Dynamic Registration URL that registers an LMS for the "
        "organisation; --admin names the organisation's admin who asked for it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", "--organization", dest="organisation", required=True)
        parser.add_argument("--admin", required=True, help="e-mail of an admin of the organisation")

    def handle(self, *args: Any, **options: Any) -> None:
        admin = User.objects.filter(email__iexact=options["admin"]).first()
        if admin is None:
            raise CommandError(f"No account {options['admin']!r}.")
        try:
            secret = lti_api.create_registration_link(
                organization_slug=options["organisation"], created_by=admin
            )
        except Organization.DoesNotExist as error:
            raise CommandError(f"No organisation {options['organisation']!r}.") from error
        except PermissionDenied as error:
            raise CommandError(
                f"{admin.email} is not an admin of {options['organisation']!r}."
            ) from error
        base = settings.PUBLIC_BASE_URL.rstrip("/")
        hours = lti_api.REGISTRATION_LINK_SECONDS // 3600
        self.stdout.write(
            f"{base}{reverse('lti:register')}?{urlencode({'link': secret})}\n"
            f"Give this URL to the LMS as its tool registration URL; it works once, for {hours} "
            "hours."
        )
