"""Where an OLX export keeps things (no database): its top folder, its files parsed with a depth
check, where an inline element is written, the course's policy and language, and the content
outside the outline."""

import json
from collections.abc import Callable, Mapping
from typing import Any
from xml.etree.ElementTree import Element

from django.utils.translation import gettext_lazy as _

from interchange.report import NOT_IMPORTED, Reason, ReportBuilder
from interchange.xml import UnsafeXmlError, parse

__all__ = [
    "MAX_NESTING",
    "CourseRefusedError",
    "course_policy",
    "language",
    "parse_file",
    "placed",
    "report_outside_the_outline",
    "root_folder",
]

_SUPPORTED_LANGUAGES = ("en", "zh-hans", "de", "ar")
# Elements inside one file: HTML and capa nest a few dozen deep; thousands is an attack.
MAX_NESTING = 500


class CourseRefusedError(Exception):
    """The export has no readable course outline; `source` and `reason` say why."""

    def __init__(self, source: str, reason: Reason, params: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.source = source
        self.reason = reason
        self.params = params


def root_folder(files: Mapping[str, bytes]) -> str:
    """The folder holding course.xml: the archive's root, or its one top folder. Raises
    CourseRefusedError when neither has it."""
    if "course.xml" in files:
        return ""
    tops = {name.split("/", 1)[0] for name in files}
    if len(tops) == 1:
        top = next(iter(tops))
        if f"{top}/course.xml" in files:
            return f"{top}/"
    raise CourseRefusedError(
        "course.xml", _("The archive has no course.xml at its root or in its one top folder.")
    )


def language(code: str) -> str:
    """The platform language for an OLX `language` code (`zh_CN` → `zh-hans`); English when the
    platform has none like it."""
    code = code.strip().lower().replace("_", "-")
    for supported in _SUPPORTED_LANGUAGES:
        if code == supported or code.split("-")[0] == supported.split("-")[0]:
            return supported
    return "en"


def parse_file(data: bytes) -> Element:
    """The document's root, refused (UnsafeXmlError) when nested deeper than MAX_NESTING: the
    serialiser that keeps a placeholder's original XML recurses, so depth is checked first."""
    root = parse(data)
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_NESTING:
            raise UnsafeXmlError(f"elements nested more than {MAX_NESTING} deep")
        stack.extend((item, depth + 1) for item in element)
    return root


def placed(source: str, element: Element) -> list[tuple[Element, str]]:
    """The element's children, each with where it is written: `file.xml#tag[n]/tag[n]` (the
    n-th of its tag under its parent), which a pointer's own file replaces when it has one."""
    placed = []
    counts: dict[str, int] = {}
    for item in element:
        if not isinstance(item.tag, str):
            continue  # a comment or processing instruction
        counts[item.tag] = counts.get(item.tag, 0) + 1
        step = f"{item.tag}[{counts[item.tag]}]"
        placed.append((item, f"{source}/{step}" if "#" in source else f"{source}#{step}"))
    return placed


_OUTSIDE = {
    "drafts/": ("draft", "An unpublished draft (Studio keeps it beside the course): not imported."),
    "tabs/": ("page", "A course page outside the outline (a tab): not imported."),
    "info/": ("page", "Course updates or handouts, outside the outline: not imported."),
}


def report_outside_the_outline(
    archive: Mapping[str, bytes], root: str, report: ReportBuilder
) -> None:
    """Drafts, tabs and course info hold content no chapter reaches: a line each."""
    for name in sorted(archive):
        path = name[len(root) :]
        for folder, (kind, reason) in _OUTSIDE.items():
            if (
                name.startswith(root)
                and path.startswith(folder)
                and path.endswith((".xml", ".html"))
            ):
                report.add(kind=kind, title=path, source=path, status=NOT_IMPORTED, reason=reason)


def course_policy(read: Callable[[str], bytes | None], url_name: str) -> dict[str, Any]:
    """The course's entry of `policies/<url_name>/policy.json` (`{"course/<url_name>": {...}}`)."""
    data = read(f"policies/{url_name}/policy.json") if url_name else None
    if not data:
        return {}
    try:
        policy = json.loads(data.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return {}
    entry = policy.get(f"course/{url_name}") if isinstance(policy, dict) else None
    return entry if isinstance(entry, dict) else {}
