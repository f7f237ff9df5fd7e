"""The fidelity report of an import: what was found, and what became of each item (no database).

Its shape is a contract (the README, the `FidelityReport` component of the OpenAPI schema, the
`import_course` command's output): `{"format", "course": {"slug", "title"} | null, "counts":
{"<kind>": {"found", "imported", "approximated", "not_imported"}}, "items": [{"kind", "title",
"source", "status", "reason"}]}`. Every format reader writes into one `ReportBuilder`, so no
format can drop an item without a line.

Reasons are translatable: a reader gives a `gettext_lazy` message (with `reason_params` for its
placeholders); the builder keeps its English source (the msgid) and the params. `as_dict` renders
them in the active language (the command's: English, or `--language`); `as_stored` adds the
msgid and params under private keys (`reason_message`, `reason_params`) so that the API renders
the stored report in the requesting user's language (`render_reason`); the contract's shape
never carries them.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from django.utils import translation
from django.utils.functional import Promise

__all__ = [
    "APPROXIMATED",
    "IMPORTED",
    "NOT_IMPORTED",
    "STATUSES",
    "Reason",
    "ReportBuilder",
    "ReportItem",
    "Status",
    "render_reason",
]

Status = Literal["imported", "approximated", "not_imported"]
# A reason as a reader gives it: a translatable message (gettext_lazy), or plain text.
Reason = str | Promise
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
    # The English source of the reason (a msgid), and the values of its %(name)s placeholders.
    reason: str = ""
    reason_params: Mapping[str, Any] | None = None

    def with_outcome(
        self, *, status: Status, reason: "Reason", reason_params: Mapping[str, Any] | None = None
    ) -> "ReportItem":
        """The same item with another status and reason."""
        return replace(
            self,
            status=status,
            reason=_msgid(reason),
            reason_params=_stored_params(reason_params),
        )

    @property
    def rendered_reason(self) -> str:
        """The reason in the active language."""
        return render_reason(self.reason, self.reason_params)


def _msgid(reason: str | Promise) -> str:
    """A lazy message's English source, untranslated whatever the active language."""
    if isinstance(reason, Promise):
        with translation.override(None):
            return str(reason)
    return reason


# The params that were translatable messages themselves ("A discussion topic"), by name.
_TRANSLATED = "_translated"


def _stored_params(params: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Params as JSON keeps them: a translatable value becomes its msgid, its name listed."""
    if not params:
        return None
    stored = {
        name: _msgid(value) if isinstance(value, Promise) else value
        for name, value in params.items()
    }
    translated = [name for name, value in params.items() if isinstance(value, Promise)]
    if translated:
        stored[_TRANSLATED] = translated
    return stored


def render_reason(message: str, params: Mapping[str, Any] | None = None) -> str:
    """A stored reason (its msgid and params) in the active language; a message the catalogs
    lack stays as it is."""
    if not message:
        return ""
    translated = translation.gettext(message)
    if not params:
        return translated
    values = dict(params)
    for name in values.get(_TRANSLATED, []):
        values[name] = translation.gettext(values[name])
    return translated % values


@dataclass
class ReportBuilder:
    """Collects the items of one import; `as_dict` gives the report in its contract's shape."""

    format: str
    items: list[ReportItem] = field(default_factory=list)
    course: dict[str, str] | None = None

    def add(
        self,
        *,
        kind: str,
        title: str,
        source: str,
        status: Status,
        reason: str | Promise = "",
        reason_params: Mapping[str, Any] | None = None,
    ) -> ReportItem:
        """Record one item and answer it; `reason` a translatable message (`gettext_lazy`)
        whose %(name)s placeholders `reason_params` fill."""
        item = ReportItem(
            kind=kind,
            title=title[:300],
            source=source,
            status=status,
            reason=_msgid(reason),
            reason_params=_stored_params(reason_params),
        )
        self.items.append(item)
        return item

    def count(self, status: Status) -> int:
        """How many items ended with `status`, whatever their kind."""
        return sum(1 for item in self.items if item.status == status)

    @property
    def has_content(self) -> bool:
        """Whether anything (other than structure) was imported or approximated."""
        return any(item.status != NOT_IMPORTED and item.kind != "module" for item in self.items)

    def as_stored(self) -> dict[str, Any]:
        """`as_dict` plus each reason's msgid and params (private keys), as an import keeps
        its report, for the API to render in each reader's language."""
        report = self.as_dict()
        for data, item in zip(report["items"], self.items, strict=True):
            if item.reason:
                data["reason_message"] = item.reason
                data["reason_params"] = dict(item.reason_params or {})
        return report

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data in the contract's shape, kinds in order of first
        appearance, reasons in the active language."""
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
                    "reason": item.rendered_reason,
                }
                for item in self.items
            ],
        }
