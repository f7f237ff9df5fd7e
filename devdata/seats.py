"""Demo employer seat pools: Meridian Motion bought seats on the PLC course and was granted seats
on the "Smart Factory Engineer" program; hr@icim.example administers them (no seats given yet:
frontend/e2e/seats.spec.ts gives course seats from a CSV)."""

from accounts.models import Organization
from courses.models import Course
from devdata.programs import TITLE as PROGRAM_TITLE
from programs.models import Program
from seats import api as seats_api
from seats.models import SeatPool

POOLS = [
    # employer, course, seats, order reference
    ("meridian-motion", "plc-iec-61131-3", 5, "MM-2026-017"),
]
PROGRAM_POOLS = [
    # employer, program title (en), seats: granted by the platform
    ("meridian-motion", PROGRAM_TITLE, 3),
]


def seed_seat_pools() -> int:
    """Create the demo pools that do not exist yet; returns how many pools the demo has. The
    program pool is made first so that the course pool, newest, is the one the employer's
    page opens on (frontend/e2e/seats.spec.ts)."""
    for employer_slug, title, seats in PROGRAM_POOLS:
        employer = Organization.objects.get(slug=employer_slug)
        program = Program.objects.get(translations__en__title=title)
        if SeatPool.objects.filter(organization=employer, program=program).exists():
            continue
        seats_api.grant_seat_pool(
            organization=employer,
            program=program,
            seat_count=seats,
            source=SeatPool.Source.GRANTED,
            created_by=None,
        )
    for employer_slug, course_slug, seats, order in POOLS:
        employer = Organization.objects.get(slug=employer_slug)
        course = Course.objects.get(slug=course_slug)
        if SeatPool.objects.filter(organization=employer, course=course).exists():
            continue
        seats_api.grant_seat_pool(
            organization=employer,
            course=course,
            seat_count=seats,
            source=SeatPool.Source.PURCHASED,
            order_reference=order,
            created_by=None,
        )
    return len(POOLS) + len(PROGRAM_POOLS)
