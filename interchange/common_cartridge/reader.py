"""A Common Cartridge (1.1, 1.2, 1.3) read into package modules and a fidelity report (no
database).

The manifest's first organization is the course outline: its root item's children are modules,
their descendants lessons (deeper folders are flattened into their module, and say so). An item
names a resource by `identifierref`; the resource's type decides the lesson:

| resource type | becomes |
|---|---|
| `webcontent` HTML page | a text lesson, HTML sanitised |
| `webcontent` other file | a resource lesson when the platform accepts its type |
| `imswl_xmlv1p1..3` web link | a text lesson with the link (approximated) |
| `imsqti_xmlv1p2/imscc_xmlv1p1..3/assessment` | a quiz lesson (`qti.py`) |
| `imsdt_xmlv1p1..3` discussion topic | a placeholder lesson |
| `imsbasiclti_xmlv1p0`, `imsbasiclti_xmlv1p3` LTI link | a placeholder lesson |
| anything else | a placeholder lesson |
"""

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, tostring

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from courses import api as courses_api
from interchange import mapping
from interchange.archive import ArchiveFiles, resolve_path
from interchange.common_cartridge import qti
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status
from interchange.xml import (
    UnsafeXmlError,
    attribute,
    child,
    children,
    descendants,
    local,
    parse,
    text,
)

__all__ = ["FORMAT", "MANIFEST", "CartridgeContent", "ManifestRefusedError", "read_cartridge"]

FORMAT = "imscc"
MANIFEST = "imsmanifest.xml"
_SUPPORTED_LANGUAGES = ("en", "zh-hans", "de", "ar")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_ORIGINAL = 20_000
# Folders inside folders: real outlines nest a few levels; a thousand is an attack on the stack.
MAX_DEPTH = 20
# The numbers are MAX_DEPTH and mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
TOO_DEEP = _("Folders nested more than 20 deep: this one and its items were not imported.")
MODULE_FULL = _("A module holds at most 200 lessons; this one has more.")
COURSE_FULL = _("A course holds at most 200 modules: this one and its items were not imported.")
PLACEHOLDER = _(
    "%(what)s has no equivalent on the platform: kept as a placeholder lesson with its "
    "original content."
)
FOLDER_FLATTENED = _("A folder inside “%(module)s”: its items joined that module.")


class ManifestRefusedError(Exception):
    """The cartridge has no readable manifest; `reason` says why."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class CartridgeContent:
    """What a cartridge became: the course's title, description and language, its modules,
    and the files resource lessons name (archive path → the member, streamed)."""

    title: str
    description: str
    language: str
    modules: list[mapping.ModuleDraft]
    files: dict[str, File]


def _language(root: Element) -> str:
    for node in descendants(child(root, "metadata"), "language"):
        code = text(node).lower()
        for language in _SUPPORTED_LANGUAGES:
            if code == language or code.split("-")[0] == language.split("-")[0]:
                return language
    return "en"


def _lom_text(root: Element, name: str) -> str:
    general = descendants(child(root, "metadata"), "general")
    holder = child(general[0], name) if general else None
    strings = descendants(holder, "string")
    return text(strings[0]) if strings else text(holder)


@dataclass
class _Resource:
    identifier: str
    type: str
    href: str | None  # the main file's archive path; None when it points outside
    base: str
    element: Element


def _resources(root: Element) -> dict[str, _Resource]:
    found = {}
    for resource in descendants(child(root, "resources"), "resource"):
        base = attribute(resource, "base")
        href = attribute(resource, "href")
        if not href:
            first = child(resource, "file")
            href = attribute(first, "href")
        path = None
        if href:
            path = resolve_path(base.rstrip("/"), href)
        found[attribute(resource, "identifier")] = _Resource(
            identifier=attribute(resource, "identifier"),
            type=attribute(resource, "type"),
            href=path,
            base=base,
            element=resource,
        )
    return found


class _Reader:
    def __init__(self, files: ArchiveFiles, report: ReportBuilder, language: str) -> None:
        self.files = files
        self.report = report
        self.language = language
        self.lesson_files: dict[str, File] = {}

    def _original(self, resource: _Resource) -> str:
        # A placeholder shows the start of its file: a few bytes per character at most.
        href = resource.href or ""
        data = self.files.head(href, 4 * MAX_ORIGINAL) if href in self.files else b""
        original = (
            data.decode("utf-8", "replace")
            if data
            else tostring(resource.element, encoding="unicode")
        )
        return original[:MAX_ORIGINAL]

    def placeholder(
        self, title: str, resource: _Resource, what: Reason, source: str
    ) -> dict[str, Any]:
        self.report.add(
            kind="placeholder",
            title=title,
            source=source,
            status=NOT_IMPORTED,
            reason=PLACEHOLDER,
            reason_params={"what": what},
        )
        return mapping.placeholder_lesson(
            language=self.language, title=title, what=str(what), original=self._original(resource)
        )

    def lesson(self, title: str, resource: _Resource) -> dict[str, Any] | None:
        source = f"{resource.href or resource.identifier} ({resource.identifier})"
        kind = resource.type.lower()
        if resource.href is None and not kind.startswith(("imsbasiclti", "imsdt")):
            self.report.add(
                kind="file",
                title=title,
                source=resource.identifier,
                status=NOT_IMPORTED,
                reason=_("The resource points outside the cartridge or names no file."),
            )
            return None
        if (
            resource.href is not None
            and resource.href not in self.files
            and not kind.startswith("imsbasiclti")
        ):
            self.report.add(
                kind="file",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The file the resource names is not in the cartridge."),
            )
            return None
        if kind == "webcontent" or kind.startswith("associatedcontent"):
            return self.web_content(title, resource, source)
        if kind.startswith("imswl_xmlv1p"):
            return self.web_link(title, resource, source)
        if kind.startswith("imsqti_xmlv1p2") and kind.endswith("/assessment"):
            return self.assessment(title, resource, source)
        if kind.startswith("imsdt_xmlv1p"):
            return self.placeholder(title, resource, _("A discussion topic"), source)
        if kind.startswith("imsbasiclti_xmlv1p"):
            return self.placeholder(title, resource, _("An LTI link"), source)
        return self.placeholder(
            title, resource, f"A resource of type {resource.type or 'unknown'}", source
        )

    def web_content(self, title: str, resource: _Resource, source: str) -> dict[str, Any] | None:
        path = resource.href or ""
        if path.lower().endswith(_HTML_SUFFIXES):
            markup = self.files[path].decode("utf-8", "replace")
            body = mapping.safe_html(_body_of(markup))
            status: Status = IMPORTED
            reason: Reason = ""
            if "$IMS-CC-FILEBASE$" in markup or "<img" in markup.lower():
                status, reason = (
                    APPROXIMATED,
                    _("Files the page shows or links to are not carried with it."),
                )
            if len(body) < len(markup) and "<script" in markup.lower():
                status, reason = (
                    APPROXIMATED,
                    _("Scripts and unsafe markup were removed, as from authored lessons."),
                )
            self.report.add(kind="text", title=title, source=source, status=status, reason=reason)
            return mapping.text_lesson(language=self.language, title=title, body=body)
        accepted = courses_api.uploads.accepted_type(
            self.files.head(path, courses_api.uploads.SNIFF_BYTES), posixpath.basename(path)
        )
        if accepted is None:
            self.report.add(
                kind="resource",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_(
                    "The platform does not offer files of this type (PDF, images, text, CSV "
                    "and Office files only)."
                ),
            )
            return None
        self.lesson_files[path] = self.files.open_member(path)
        self.report.add(kind="resource", title=title, source=source, status=IMPORTED)
        return mapping.resource_lesson(language=self.language, title=title, archive_path=path)

    def web_link(self, title: str, resource: _Resource, source: str) -> dict[str, Any] | None:
        try:
            root = parse(self.files[resource.href or ""])
        except UnsafeXmlError:
            self.report.add(
                kind="link",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The link's XML is malformed or declares entities."),
            )
            return None
        url = attribute(child(root, "url"), "href")
        if not url.startswith(("https://", "http://")):
            self.report.add(
                kind="link",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The link is not an http(s) URL."),
            )
            return None
        title = text(child(root, "title")) or title
        self.report.add(
            kind="link",
            title=title,
            source=source,
            status=APPROXIMATED,
            reason=_("A web link became a text lesson holding the link."),
        )
        return mapping.text_lesson(
            language=self.language, title=title, body=mapping.link_body(url=url, description="")
        )

    def assessment(self, title: str, resource: _Resource, source: str) -> dict[str, Any] | None:
        try:
            root = parse(self.files[resource.href or ""])
        except UnsafeXmlError:
            self.report.add(
                kind="quiz",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The assessment's XML is malformed or declares entities."),
            )
            return None
        quiz_title, quiz = qti.read_assessment(
            root, language=self.language, source=resource.href or "", report=self.report
        )
        title = title or quiz_title
        if quiz is None:
            self.report.add(
                kind="quiz",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("None of its questions could be imported."),
            )
            return None
        self.report.add(kind="quiz", title=title, source=source, status=IMPORTED)
        lesson = mapping.text_lesson(language=self.language, title=title, body="")
        lesson["kind"] = "quiz"
        lesson["quiz"] = quiz
        return lesson


def _body_of(markup: str) -> str:
    """The inside of an HTML page's body (the whole text when it has none)."""
    lower = markup.lower()
    start = lower.find("<body")
    if start == -1:
        return markup
    start = lower.find(">", start) + 1
    end = lower.rfind("</body>")
    return markup[start : end if end != -1 else len(markup)]


def _collect(
    item: Element,
    module: mapping.ModuleDraft,
    resources: dict[str, _Resource],
    reader: _Reader,
    depth: int,
) -> None:
    for sub in children(item, "item"):
        title = text(child(sub, "title"))
        reference = attribute(sub, "identifierref")
        if reference:
            resource = resources.get(reference)
            if resource is None:
                reader.report.add(
                    kind="file",
                    title=title,
                    source=reference,
                    status=NOT_IMPORTED,
                    reason=_("The item names a resource the manifest does not have."),
                )
                continue
            if len(module.lessons) >= mapping.MAX_ITEMS:
                reader.report.add(
                    kind="lesson",
                    title=title,
                    source=f"{resource.href or ''} ({reference})",
                    status=NOT_IMPORTED,
                    reason=MODULE_FULL,
                )
                continue
            lesson = reader.lesson(title, resource)
            if lesson is not None:
                module.lessons.append(lesson)
        elif children(sub, "item"):
            reader.report.add(
                kind="module",
                title=title,
                source=attribute(sub, "identifier"),
                status=APPROXIMATED,
                reason=FOLDER_FLATTENED,
                reason_params={"module": module.title},
            )
            if depth >= MAX_DEPTH:
                reader.report.add(
                    kind="module",
                    title=title,
                    source=f"{MANIFEST}#{attribute(sub, 'identifier')}",
                    status=NOT_IMPORTED,
                    reason=TOO_DEEP,
                )
                continue
            _collect(sub, module, resources, reader, depth + 1)


def read_cartridge(
    files: ArchiveFiles,
    report: ReportBuilder,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> CartridgeContent:
    """The cartridge's course as package modules, every item recorded in `report`;
    `on_progress(done, total)` after each item of the outline's top level.

    Raises ManifestRefusedError when the manifest is missing, malformed or declares a DTD.
    """
    if MANIFEST not in files:
        raise ManifestRefusedError(_("The archive has no imsmanifest.xml at its root."))
    try:
        root = parse(files[MANIFEST])
    except UnsafeXmlError as error:
        raise ManifestRefusedError(
            _("imsmanifest.xml is malformed or declares a DTD or entities.")
        ) from error
    if local(root.tag) != "manifest":
        raise ManifestRefusedError(_("imsmanifest.xml is not an IMS content packaging manifest."))
    language = _language(root)
    resources = _resources(root)
    reader = _Reader(files, report, language)
    organization = child(child(root, "organizations"), "organization")
    top = children(child(organization, "item"), "item") if organization is not None else []
    modules: list[mapping.ModuleDraft] = []
    loose = mapping.ModuleDraft(title="General", source=MANIFEST)
    for done, item in enumerate(top, start=1):
        on_progress(done - 1, len(top))
        title = text(child(item, "title"))
        identifier = attribute(item, "identifier")
        if attribute(item, "identifierref"):
            # A lesson at the top of the outline: kept in a module of its own name.
            _collect_single(item, loose, resources, reader)
            continue
        module = mapping.ModuleDraft(title=title or "Module", source=identifier)
        if sum(1 for kept in modules if kept.lessons) + bool(loose.lessons) >= mapping.MAX_ITEMS:
            report.add(
                kind="module",
                title=module.title,
                source=f"{MANIFEST}#{identifier}",
                status=NOT_IMPORTED,
                reason=COURSE_FULL,
            )
            continue
        _collect(item, module, resources, reader, 1)
        if module.lessons:
            report.add(
                kind="module",
                title=module.title,
                source=f"{MANIFEST}#{identifier}",
                status=IMPORTED,
            )
        else:
            report.add(
                kind="module",
                title=module.title,
                source=f"{MANIFEST}#{identifier}",
                status=NOT_IMPORTED,
                reason=_("Nothing in it could be imported, and a module needs a lesson."),
            )
        modules.append(module)
    on_progress(len(top), len(top))
    _report_question_banks(root, resources, report)
    if loose.lessons:
        report.add(
            kind="module",
            title=loose.title,
            source=MANIFEST,
            status=APPROXIMATED,
            reason=_("Items at the top of the outline were gathered in one module."),
        )
        modules.insert(0, loose)
    title = _lom_text(root, "title") or (
        text(child(organization, "title")) if organization is not None else ""
    )
    return CartridgeContent(
        title=title,
        description=_lom_text(root, "description"),
        language=language,
        modules=modules,
        files=reader.lesson_files,
    )


def _report_question_banks(
    root: Element, resources: dict[str, _Resource], report: ReportBuilder
) -> None:
    """Question banks are resources no item names (Canvas and Moodle export them so): each gets
    a line rather than vanishing."""
    named = {attribute(item, "identifierref") for item in descendants(root, "item")}
    for identifier, resource in resources.items():
        if resource.type.lower().endswith("/question-bank") and identifier not in named:
            report.add(
                kind="question_bank",
                title=identifier,
                source=f"{resource.href or ''} ({identifier})",
                status=NOT_IMPORTED,
                reason=_("A question bank outside a quiz has no equivalent on the platform."),
            )


def _collect_single(
    item: Element, module: mapping.ModuleDraft, resources: dict[str, _Resource], reader: _Reader
) -> None:
    holder = Element("item")
    holder.append(item)
    _collect(holder, module, resources, reader, 1)
