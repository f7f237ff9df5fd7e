"""A demo employer seat pool: Meridian Motion bought seats on the PLC course; hr@icim.example
administers them (no seats given yet: frontend/e2e/seats.spec.ts gives them from a CSV)."""

from accounts.models import Organization
from courses.models import Course
from seats import api as seats_api
from seats.models import SeatPool

POOLS = [
    # employer, course, seats, order reference
    ("meridian-motion", "plc-iec-61131-3", 5, "MM-2026-017"),
]


def seed_seat_pools() -> int:
    """Create the demo pools that do not exist yet; returns how many pools the demo has."""
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
    return len(POOLS)
