"""On PostgreSQL: simultaneous uploads never give more seats than the pool holds."""

import threading
from typing import Any

import pytest
from django.db import connections

from accounts.models import User
from seats import api as seats_api
from seats.models import SeatAssignment, SeatPool


@pytest.mark.django_db(transaction=True)
def test_simultaneous_uploads_never_exceed_the_seat_count(
    pool: SeatPool, hr_admin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a pool of two seats and four uploads of two different addresses each
    files = [f"email\na{n}@acme.example\nb{n}@acme.example\n".encode() for n in range(4)]
    reports: list[dict[str, Any]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(files))

    def upload(content: bytes) -> None:
        try:
            barrier.wait()
            reports.append(
                seats_api.assign_seats_from_csv(
                    user=hr_admin, organization_slug="acme", pool_id=pool.pk, content=content
                )
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    # when they run at once
    threads = [threading.Thread(target=upload, args=(content,)) for content in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then exactly two seats are given, and the reports agree
    assert errors == []
    assert SeatAssignment.objects.filter(pool=pool).count() == 2
    assigned = sum(report["summary"]["assigned"] for report in reports)
    refused = sum(report["summary"]["no_seats_left"] for report in reports)
    assert (assigned, refused) == (2, 6)
