"""Demo organisations and accounts for development (fictional names, coalition-wide spread)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, Organization, User

DEMO_PASSWORD = "icim-demo-2026"  # noqa: S105 - printed for newcomers; seeding refuses DEBUG off

ORGANIZATIONS = [
    # slug, name, kind, country, website
    (
        "rhine-valley-tu",
        "Rhine Valley Technical University",
        "institution",
        "DE",
        "https://rhine-valley-tu.example",
    ),
    (
        "huaxia-polytechnic",
        "Huaxia Polytechnic Institute of Intelligent Manufacturing",
        "institution",
        "CN",
        "https://huaxia-polytechnic.example",
    ),
    (
        "northbridge-ut",
        "Northbridge University of Technology",
        "institution",
        "GB",
        "https://northbridge-ut.example",
    ),
    (
        "lakeshore-automation",
        "Lakeshore Institute of Automation",
        "institution",
        "US",
        "https://lakeshore-automation.example",
    ),
    (
        "oresund-robotics",
        "Øresund Robotics Institute",
        "institution",
        "DK",
        "https://oresund-robotics.example",
    ),
    (
        "kansai-industrial",
        "Kansai College of Industrial Systems",
        "institution",
        "JP",
        "https://kansai-industrial.example",
    ),
    (
        "meridian-motion",
        "Meridian Motion Systems",
        "employer",
        "AU",
        "https://meridian-motion.example",
    ),
    ("icim-coalition", "ICIM Coalition Secretariat", "coalition", "BE", "https://icim.example"),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    native_name: str
    language: str
    country: str
    organization: str | None = None
    roles: tuple[str, ...] = ()
    is_superuser: bool = False


ACCOUNTS = [
    DemoAccount("admin@icim.example", "Platform Administrator", "", "en", "BE", is_superuser=True),
    DemoAccount("learner@icim.example", "Zhang Wei", "张伟", "zh-hans", "CN"),
    DemoAccount("learner.de@icim.example", "Lena Hoffmann", "", "de", "DE"),
    DemoAccount(
        "author@icim.example", "Dr. Miriam Keller", "", "de", "DE", "rhine-valley-tu", ("author",)
    ),
    DemoAccount(
        "reviewer@icim.example",
        "Prof. Tobias Brandt",
        "",
        "de",
        "DE",
        "rhine-valley-tu",
        ("reviewer",),
    ),
    DemoAccount(
        "approver@icim.example",
        "Prof. Anna Schulte",
        "",
        "de",
        "DE",
        "rhine-valley-tu",
        ("approver",),
    ),
    DemoAccount(
        "staff-admin@icim.example", "Jonas Weber", "", "de", "DE", "rhine-valley-tu", ("admin",)
    ),
    DemoAccount(
        "author.cn@icim.example",
        "Li Na",
        "李娜",
        "zh-hans",
        "CN",
        "huaxia-polytechnic",
        ("author", "reviewer", "approver"),
    ),
    DemoAccount(
        "verifier@icim.example", "Olivia Hart", "", "en", "AU", "meridian-motion", ("verifier",)
    ),
    # Administers Meridian Motion's seat pools (devdata/seats.py).
    DemoAccount("hr@icim.example", "Grace Miller", "", "en", "AU", "meridian-motion", ("admin",)),
]


@transaction.atomic
def seed_accounts() -> list[DemoAccount]:
    """Create or refresh the demo organisations and accounts; safe to run any number of times."""
    organizations = {}
    for slug, name, kind, country, website in ORGANIZATIONS:
        organizations[slug], _created = Organization.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "country": country, "website": website}
        )
    for account in ACCOUNTS:
        user, created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "full_name": account.full_name,
                "native_name": account.native_name,
                "preferred_language": account.language,
                "country": account.country,
                "is_staff": account.is_superuser,
                "is_superuser": account.is_superuser,
            },
        )
        if user.email_confirmed_at is None:  # demo accounts sign in straight away
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email_confirmed_at"])
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if account.organization:
            for role in account.roles:
                Membership.objects.get_or_create(
                    user=user, organization=organizations[account.organization], role=role
                )
    return ACCOUNTS
