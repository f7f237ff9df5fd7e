"""The intelligent-manufacturing competency framework: its nodes, their names per language, and
loading it (demo data and the admin reload)."""

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from courses import catalog_cache
from courses.models import Competency, Standard
from courses.search import write_search_texts
from courses.standards import load_shipped_standards
from courses.text import pick

# The framework the platform ships with (production data; FORMAT.md describes it).
DATA_DIR = Path(__file__).resolve().parent / "data"


def list_competencies() -> QuerySet[Competency]:
    """The whole framework: domains and competencies, in framework order, with the codes of the
    standards each concerns prefetched."""
    return Competency.objects.select_related("parent").prefetch_related(
        Prefetch("standards", queryset=Standard.objects.only("id", "code"))
    )


def competency_names(*, language: str) -> dict[str, str]:
    """Every framework node's name in `language` (a platform language), else in English, by
    code. Cached with the catalog: reloading the framework drops it."""

    def build() -> dict[str, str]:
        return {
            code: str(pick(translations, language, "en").get("name", "")) or code
            for code, translations in Competency.objects.values_list("code", "translations")
        }

    return catalog_cache.cached(f"competency-names:{language}", build)


@transaction.atomic
def load_competency_framework(*, entries: list[dict[str, Any]]) -> int:
    """Create or update framework nodes from `[{code, parent, translations, standards?}]`;
    idempotent. `standards` (codes of loaded standards) replaces a node's tags when given.

    Parents must precede their children. Returns the number of nodes written. Raises
    ValidationError naming an unknown standard code (nothing written).
    """
    standards = {standard.code: standard for standard in Standard.objects.all()}
    by_code: dict[str, Competency] = {}
    for position, entry in enumerate(entries):
        parent = by_code.get(entry["parent"]) if entry.get("parent") else None
        competency, _created = Competency.objects.update_or_create(
            code=entry["code"],
            defaults={
                "parent": parent,
                "position": position,
                "translations": entry["translations"],
            },
        )
        by_code[competency.code] = competency
        if "standards" in entry:
            unknown = [code for code in entry["standards"] if code not in standards]
            if unknown:
                raise ValidationError(
                    f"{competency.code}: unknown standard {', '.join(unknown)}", code="unknown"
                )
            competency.standards.set([standards[code] for code in entry["standards"]])
    write_search_texts()  # every name in every language is searched for
    catalog_cache.invalidate()  # competency names appear in catalog pages and course details
    return len(by_code)


def load_shipped_competency_framework() -> int:
    """Load (or refresh) the framework shipped in courses/data/competencies.json; idempotent.

    The shipped standards (courses/data/standards.json) are loaded first: nodes are tagged with
    them. Returns the number of nodes written."""
    load_shipped_standards()
    entries = json.loads((DATA_DIR / "competencies.json").read_text(encoding="utf-8"))
    return load_competency_framework(entries=entries)
