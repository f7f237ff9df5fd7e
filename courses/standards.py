"""Standards alignment: the industry standards competencies concern, loading them, and the
catalog filter by standard (selectors and a loader)."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from courses import catalog_cache
from courses.models import CatalogEntry, Competency, CourseVersion, Standard

__all__ = [
    "filter_entries_by_standard",
    "list_standards",
    "load_shipped_standards",
    "load_standards",
]

# The standards the platform ships with (production data, loaded with the framework).
SHIPPED_STANDARDS = Path(__file__).resolve().parent / "data" / "standards.json"


def list_standards() -> QuerySet[Standard]:
    """Every standard, in list order."""
    return Standard.objects.all()


@transaction.atomic
def load_standards(*, entries: list[dict[str, Any]]) -> int:
    """Create or update standards from `[{code, issuing_body, url, translations}]`; idempotent.
    Returns the number written."""
    for position, entry in enumerate(entries):
        Standard.objects.update_or_create(
            code=entry["code"],
            defaults={
                "issuing_body": entry.get("issuing_body", ""),
                "url": entry.get("url", ""),
                "position": position,
                "translations": entry["translations"],
            },
        )
    catalog_cache.invalidate()  # standards' titles appear in competency payloads
    return len(entries)


def load_shipped_standards() -> int:
    """Load (or refresh) the standards shipped in courses/data/standards.json; idempotent."""
    entries = json.loads(SHIPPED_STANDARDS.read_text(encoding="utf-8"))
    return load_standards(entries=entries)


def filter_entries_by_standard(
    queryset: QuerySet[CatalogEntry], *, standard: Standard
) -> QuerySet[CatalogEntry]:
    """The entries of courses that develop a competency tagged with `standard`."""
    tagged = Competency.standards.through.objects.filter(standard_id=standard.pk).values(
        "competency_id"
    )
    through = CourseVersion.competencies.through
    return queryset.filter(
        Exists(
            through.objects.filter(
                courseversion_id=OuterRef("version_id"), competency_id__in=tagged
            )
        )
    )
