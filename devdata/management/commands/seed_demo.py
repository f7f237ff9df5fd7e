"""`manage.py seed_demo`: idempotent demo data for development; refused when DEBUG is off."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates import api as certificates_api
from certificates.models import Certificate
from config.celery import wait_for_background_tasks
from devdata.accounts import DEMO_PASSWORD, seed_accounts
from devdata.courses import seed_catalog
from devdata.covers import seed_covers
from devdata.enrollment import seed_learners
from devdata.events import seed_events
from devdata.practices import seed_case_studies
from devdata.programs import seed_programs
from devdata.seats import seed_seat_pools


class Command(BaseCommand):
    help = "Load demo organisations, accounts and courses (development only; idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with "
                "DJANGO_DEBUG=true."
            )
        accounts = seed_accounts()
        courses = seed_catalog()
        seed_covers(courses)
        case_studies = seed_case_studies()
        events = seed_events()
        programs = seed_programs()
        learning = seed_learners()
        seat_pools = seed_seat_pools()
        # Completions issue certificates through the task queue; the sweep makes sure every
        # completed demo enrollment has one even when no worker is running.
        wait_for_background_tasks()  # without a broker the completions queued their tasks there
        certificates_api.sweep_missing_certificates()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is ready. Accounts (all with password '{DEMO_PASSWORD}'):"
            )
        )
        for account in accounts:
            roles = ", ".join(account.roles) or (
                "platform admin" if account.is_superuser else "learner"
            )
            where = f" at {account.organization}" if account.organization else ""
            self.stdout.write(f"  {account.email:<28} {roles}{where}")
        self.stdout.write(f"Published demo courses: {len(courses)}")
        self.stdout.write(f"Published demo case studies: {case_studies}")
        self.stdout.write(f"Published demo events: {events}")
        self.stdout.write(f"Employer seat pools: {seat_pools}")
        self.stdout.write(f"Published demo programs: {programs}")
        completed = sum(1 for _email, _slug, status in learning if status == "completed")
        self.stdout.write(
            f"Demo learners: {len({email for email, _s, _st in learning})}, enrolments: "
            f"{len(learning)}, completed: {completed}"
        )
        issued = Certificate.objects.filter(state=Certificate.State.ISSUED)
        self.stdout.write(f"Issued certificates: {issued.count()}")
        for certificate in issued.order_by("learner_name")[:3]:
            self.stdout.write(
                f"  {certificate.learner_name:<16} "
                f"{certificates_api.verification_url(certificate_id=str(certificate.pk))}"
            )
