"""The platform's learning events copied into the LRS in bulk, in their sequence, once each."""

import logging
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from courses.models import Course
from enrollment.models import LearningEvent, LrsCopyMarker
from lrs import api as lrs_api

__all__ = [
    "BATCH_SIZE",
    "GAP_WAIT",
    "copy_events_to_lrs",
    "restart_lrs_copy",
    "skip_lrs_copy_of_stored_events",
]

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
# A missing sequence number is an event still being committed (numbers are drawn at INSERT,
# commits land in any order) or one rolled back or deleted. Copying stops before it until the
# event after it is this old; a recording transaction commits within milliseconds of its INSERT.
GAP_WAIT = timedelta(seconds=60)
MARKER = 1


def copy_events_to_lrs(*, batch_size: int = BATCH_SIZE) -> int:
    """Copy every learning event not yet copied into the LRS of its course's first owning
    institution (events of courses without one are passed over); returns how many were copied.

    Each batch is one transaction holding the marker row's lock: a second copier meanwhile
    copies nothing (it skips the locked row), and the LRS rows and the new marker commit
    together. The LRS accepts a statement id it holds with the same content, so a copy
    repeated after a lost marker stores nothing twice.
    """
    total = 0
    while True:
        copied, more = _copy_batch(batch_size)
        total += copied
        if not more:
            return total


def restart_lrs_copy() -> None:
    """Copy from the first event again (a backfill; what is in the LRS already is kept once)."""
    LrsCopyMarker.objects.update_or_create(pk=MARKER, defaults={"last_sequence": 0})


def skip_lrs_copy_of_stored_events() -> None:
    """Mark every event stored so far as copied: for synthetic events (devdata's scale data),
    which the LRS is not meant to hold; events recorded later are copied as usual."""
    last = LearningEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    LrsCopyMarker.objects.update_or_create(pk=MARKER, defaults={"last_sequence": last or 0})


def _locked_marker() -> LrsCopyMarker | None:
    """The marker, locked; None while another copier holds it."""
    marker = LrsCopyMarker.objects.select_for_update(skip_locked=True).filter(pk=MARKER).first()
    if marker is None and not LrsCopyMarker.objects.filter(pk=MARKER).exists():
        LrsCopyMarker.objects.bulk_create([LrsCopyMarker(pk=MARKER)], ignore_conflicts=True)
        marker = LrsCopyMarker.objects.select_for_update(skip_locked=True).filter(pk=MARKER).first()
    return marker


@transaction.atomic
def _copy_batch(batch_size: int) -> tuple[int, bool]:
    """Copy the next batch; (how many were copied, whether more may follow)."""
    marker = _locked_marker()
    if marker is None:
        return 0, False
    owner = (
        Course.institutions.through.objects.filter(course_id=OuterRef("enrollment__course_id"))
        .order_by("pk")
        .values("organization_id")[:1]
    )
    rows = list(
        LearningEvent.objects.filter(sequence__gt=marker.last_sequence)
        .order_by("sequence")
        .annotate(organization_id=Subquery(owner))
        .values_list("sequence", "created_at", "organization_id", "statement")[:batch_size]
    )
    settled = timezone.now() - GAP_WAIT
    last = marker.last_sequence
    by_organization: dict[int, list[dict[str, Any]]] = {}
    complete = True
    for sequence, created_at, organization_id, statement in rows:
        # A fresh marker knows no number before the first event (rolled back numbers may be).
        gap = sequence != last + 1 and last != 0
        if gap and created_at > settled:
            complete = False  # wait for the missing number to commit (or to be given up)
            break
        last = sequence
        if organization_id is not None:
            by_organization.setdefault(organization_id, []).append(statement)
    if last == marker.last_sequence:
        return 0, False
    copied = 0
    for organization_id, statements in by_organization.items():
        copied += _store(organization_id, statements)
    marker.last_sequence = last
    marker.save(update_fields=["last_sequence", "updated_at"])
    return copied, complete and len(rows) == batch_size


def _store(organization_id: int, statements: list[dict[str, Any]]) -> int:
    """Store one organisation's statements in one batch; when the LRS refuses the batch (an id
    a client took with other content), one at a time, leaving out and logging the refused."""
    # No savepoint of our own: a refused batch is rolled back by the LRS's own.
    try:
        lrs_api.store_platform_statements(organization_id=organization_id, statements=statements)
        return len(statements)
    except (lrs_api.ConflictError, lrs_api.InvalidError):
        pass
    copied = 0
    for statement in statements:
        try:
            lrs_api.store_platform_statements(
                organization_id=organization_id, statements=[statement]
            )
            copied += 1
        except (lrs_api.ConflictError, lrs_api.InvalidError) as error:
            logger.warning(
                "Learning event %s not copied to the LRS: %r", statement.get("id"), error
            )
    return copied
