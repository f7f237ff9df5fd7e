"""The fidelity report of an import: what was found, and what became of each item (no database).

Its shape is a contract (the README, the `FidelityReport` component of the OpenAPI schema, the
`import_course` command's output): `{"format", "course": {"slug", "title"} | null, "counts":
{"<kind>": {"found", "imported", "approximated", "not_imported"}}, "items": [{"kind", "title",
"source", "status", "reason"}]}`. Every format reader writes into one `ReportBuilder`, so no
format can drop an item without a line.
"""

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "APPROXIMATED",
    "IMPORTED",
    "NOT_IMPORTED",
    "STATUSES",
    "ReportBuilder",
    "ReportItem",
    "Status",
]

Status = Literal["imported", "approximated", "not_imported"]
IMPORTED: Status = "imported"
APPROXIMATED: Status = "approximated"
NOT_IMPORTED: Status = "not_imported"
STATUSES: tuple[Status, ...] = (IMPORTED, APPROXIMATED, NOT_IMPORTED)


@dataclass(frozen=True)
class ReportItem:
    """One thing found in the source: its kind (`module`, `text`, `question:<type>`, ...), its
    title, where it was (a path and identifier in the source), what became of it and why."""

    kind: str
    title: str
    source: str
    status: Status
    reason: str = ""


@dataclass
class ReportBuilder:
    """Collects the items of one import; `as_dict` gives the report in its contract's shape."""

    format: str
    items: list[ReportItem] = field(default_factory=list)
    course: dict[str, str] | None = None

    def add(
        self, *, kind: str, title: str, source: str, status: Status, reason: str = ""
    ) -> ReportItem:
        """Record one item and answer it."""
        item = ReportItem(kind=kind, title=title[:300], source=source, status=status, reason=reason)
        self.items.append(item)
        return item

    def count(self, status: Status) -> int:
        """How many items ended with `status`, whatever their kind."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def has_content(self) -> bool:
        """Whether anything (other than structure) was imported or approximated."""
        return any(item.status != NOT_IMPORTED and item.kind != "module" for item in self.items)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, kinds in order of first appearance."""
        counts: dict[str, dict[str, int]] = {}
        for item in self.items:
            row = counts.setdefault(
                item.kind, {"found": 0, "imported": 0, "approximated": 0, "not_imported": 0}
            )
            row["found"] += 1
            row[item.status] += 1
        return {
            "format": self.format,
            "course": dict(self.course) if self.course else None,
            "counts": counts,
            "items": [
                {
                    "kind": item.kind,
                    "title": item.title,
                    "source": item.source,
                    "status": item.status,
                    "reason": item.reason,
                }
                for item in self.items
            ],
        }
