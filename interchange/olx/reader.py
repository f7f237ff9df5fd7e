"""An Open edX OLX course export read into package modules and a fidelity report (no database).

The archive's one top folder (or its root) holds `course.xml`, whose `<course url_name>` points
to `course/<url_name>.xml`. Every element may be written inline or as a pointer, an element with
only a `url_name` whose content is `<tag>/<url_name>.xml`; both are read. The outline maps so:

- `chapter`: a module;
- `sequential` and `vertical` (nested verticals too): the lessons of the chapter's module, unit by
  unit;
- `html` (inline, or `html/<name>.xml` whose `filename` names `html/<filename>.html`): a text
  lesson (all the unit's HTML in one), sanitised;
- `video` with a YouTube id or an https source: a video lesson, its transcript from `static/`;
- `problem`: the unit's problems make one quiz lesson (`problems.py`);
- `discussion`, `lti_consumer`, `openassessment`, `drag-and-drop-v2`, `library_content` and any
  other component: a placeholder lesson with the original XML;
- files in `static/`: resource lessons, beside the page that links them, else in a module
  "Course files".
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, tostring

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from interchange import mapping
from interchange.archive import ArchiveFiles
from interchange.olx import files as olx_files
from interchange.olx import problems
from interchange.olx.files import CourseRefusedError
from interchange.olx.lessons import COURSE_FILES, MODULE_FULL, LessonMaker, Unit
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, ReportBuilder
from interchange.xml import UnsafeXmlError

__all__ = ["FORMAT", "CourseRefusedError", "OlxContent", "read_olx"]

FORMAT = "olx"
MAX_ORIGINAL = 20_000
_MAX_DESCRIPTION = 10_000
# Verticals inside verticals, and pointers to pointers: a real course nests a few; more is a loop.
MAX_DEPTH = 20
# The numbers are MAX_DEPTH and mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
TOO_DEEP = _("Units nested more than 20 deep: this one and what it holds were not imported.")
WRONG_ELEMENT = _("The file holds a <%(found)s>, not the <%(named)s> named.")
SUBSECTION = _("A subsection: its units became lessons of the module “%(module)s”.")
PLACEHOLDER = _(
    "%(what)s has no equivalent on the platform: kept as a placeholder lesson with its "
    "original XML."
)
OUTSIDE_CHAPTERS = _("A <%(tag)s> outside any chapter has no place in a module.")
_PLACEHOLDERS = {
    "discussion": _("A discussion"),
    "lti": _("An LTI tool"),
    "lti_consumer": _("An LTI tool"),
    "openassessment": _("An open response assessment"),
    "drag-and-drop-v2": _("A drag-and-drop problem"),
    "library_content": _("A randomised block of library problems"),
    "split_test": _("A content experiment"),
    "conditional": _("A conditional block"),
    "word_cloud": _("A word cloud"),
    "poll": _("A poll"),
    "survey": _("A survey"),
}
COURSE_FULL = _("A course holds at most 200 modules; this chapter was not imported.")


@dataclass
class OlxContent:
    """What an OLX export became: the course's title, description and language, its modules,
    and the files resource lessons name (archive path → the member, streamed)."""

    title: str
    description: str
    language: str
    modules: list[mapping.ModuleDraft]
    files: dict[str, File]


class _Reader(LessonMaker):
    """Walks the outline, following pointers; the lessons themselves are `LessonMaker`'s."""

    def __init__(self, files: ArchiveFiles, root: str, report: ReportBuilder) -> None:
        super().__init__(files, root, report)
        self.seen: set[str] = set()

    def load(self, element: Element, depth: int, source: str) -> tuple[Element, str] | None:
        """The element with its content: itself when inline, else the file its `url_name` names
        (`<tag>/<url_name>.xml`). None, with a report line, when that file is missing or unsafe."""
        url_name = element.get("url_name", "")
        is_pointer = url_name and len(element) == 0 and not (element.text or "").strip()
        if not is_pointer:
            return element, source
        candidates = [
            f"{element.tag}/{url_name}.xml",
            f"{element.tag}/{url_name.replace(':', '/')}.xml",
        ]
        path = next((name for name in candidates if self.has(name)), None)
        if path is None or ".." in url_name.split(":") or url_name.startswith("/"):
            if element.tag == "html" and self.has(f"html/{url_name}.html"):
                return element, source
            if len(element.attrib) > 1:
                return element, source  # attributes only: an inline element with no content
            self.report.add(
                kind="file",
                title=url_name,
                source=candidates[0],
                status=NOT_IMPORTED,
                reason=_("The outline names a file the archive does not have."),
            )
            return None
        if path in self.seen:
            # Studio names each block once; a second mention is a loop, or a fan-out that would
            # read the same files exponentially often.
            self.report.add(
                kind="file",
                title=url_name,
                source=path,
                status=NOT_IMPORTED,
                reason=_("The outline names this file a second time: read only the first time."),
            )
            return None
        self.seen.add(path)
        try:
            loaded = olx_files.parse_file(self.read(path) or b"")
        except UnsafeXmlError:
            self.report.add(
                kind="file",
                title=url_name,
                source=path,
                status=NOT_IMPORTED,
                reason=_(
                    "The file is malformed XML, declares a DTD or entities, or nests too deep."
                ),
            )
            return None
        if loaded.tag != element.tag:
            self.report.add(
                kind="file",
                title=url_name,
                source=path,
                status=NOT_IMPORTED,
                reason=WRONG_ELEMENT,
                reason_params={"found": loaded.tag, "named": element.tag},
            )
            return None
        loaded.set("url_name", url_name)
        for key, value in element.attrib.items():
            loaded.attrib.setdefault(key, value)
        return loaded, path

    def original(self, element: Element) -> str:
        return tostring(element, encoding="unicode")[:MAX_ORIGINAL]

    # Structure

    def chapter(self, element: Element, source: str) -> mapping.ModuleDraft:
        title = element.get("display_name", "") or "Module"
        module = mapping.ModuleDraft(title=title, source=source)
        for item, place in olx_files.placed(source, element):
            self.container(item, module, place, 1, title)
        return module

    def container(
        self, element: Element, module: mapping.ModuleDraft, place: str, depth: int, title: str
    ) -> None:
        """A sequential or vertical (or a component straight in a sequential) into lessons."""
        if depth > MAX_DEPTH:
            self.report.add(
                kind="unit",
                title=element.get("display_name", ""),
                source=place,
                status=NOT_IMPORTED,
                reason=TOO_DEEP,
            )
            return
        loaded = self.load(element, depth, place)
        if loaded is None:
            return
        element, source = loaded
        name = element.get("display_name", "") or title
        if element.tag == "sequential":
            self.report.add(
                kind="sequential",
                title=name,
                source=source,
                status=APPROXIMATED,
                reason=SUBSECTION,
                reason_params={"module": module.title},
            )
            for item, inner in olx_files.placed(source, element):
                self.container(item, module, inner, depth + 1, name)
            return
        unit = Unit(title=name, source=source)
        if element.tag == "vertical":
            self.components(element, source, unit, depth)
        else:
            self.component(element, source, unit, depth, is_loaded=True)
        self.emit(unit, module)

    def components(self, vertical: Element, source: str, unit: Unit, depth: int) -> None:
        for item, place in olx_files.placed(source, vertical):
            if item.tag == "vertical":
                if depth >= MAX_DEPTH:
                    self.report.add(
                        kind="unit",
                        title=item.get("display_name", ""),
                        source=place,
                        status=NOT_IMPORTED,
                        reason=TOO_DEEP,
                    )
                    continue
                loaded = self.load(item, depth, place)
                if loaded is not None:
                    self.components(loaded[0], loaded[1], unit, depth + 1)
                continue
            self.component(item, place, unit, depth)

    def component(
        self, element: Element, place: str, unit: Unit, depth: int, *, is_loaded: bool = False
    ) -> None:
        loaded = (element, place) if is_loaded else self.load(element, depth, place)
        if loaded is None:
            return
        element, source = loaded
        if element.tag == "html":
            markup = self.html_markup(element, source)
            if markup is None:
                return
            if "html" not in unit.order:
                unit.order.append("html")
            unit.html.append((markup, source))
        elif element.tag == "problem":
            unit.questions.extend(
                problems.read_problem(
                    element,
                    language=self.language,
                    source=source,
                    report=self.report,
                    room=mapping.MAX_ITEMS - len(unit.questions),
                )
            )
            unit.quiz_sources.append(source)
            if "quiz" not in unit.order:
                unit.order.append("quiz")
        elif element.tag == "video":
            lesson = self.video(element, source, unit.title)
            if lesson is not None:
                unit.order.append(lesson)
        else:
            what = _PLACEHOLDERS.get(element.tag, f"A component of type {element.tag}")
            title = element.get("display_name", "") or unit.title
            self.report.add(
                kind="placeholder",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=PLACEHOLDER,
                reason_params={"what": what},
            )
            unit.order.append(
                mapping.placeholder_lesson(
                    language=self.language,
                    title=title,
                    what=str(what),
                    original=self.original(element),
                )
            )

    # Lessons

    def emit(self, unit: Unit, module: mapping.ModuleDraft) -> None:
        for slot in unit.order:
            if slot == "html":
                self.add_lesson(module, self.text_lesson(unit), unit.title, unit.source)
                continue
            if slot == "quiz":
                self.add_lesson(module, self.quiz_lesson(unit), unit.title, unit.source)
                continue
            self.add_lesson(module, slot, unit.title, unit.source)

    def add_lesson(
        self, module: mapping.ModuleDraft, lesson: dict[str, Any] | None, title: str, source: str
    ) -> None:
        """Append the lesson, then the resource lessons of the files it links, while the module
        has room; whatever finds none gets a line."""
        if lesson is None:
            return
        beside = lesson.pop("_beside", [])
        if len(module.lessons) >= mapping.MAX_ITEMS:
            self.report.add(
                kind="lesson", title=title, source=source, status=NOT_IMPORTED, reason=MODULE_FULL
            )
        else:
            module.lessons.append(lesson)
        for path in beside:
            if len(module.lessons) < mapping.MAX_ITEMS:
                module.lessons.append(self.resource_lesson(path, beside=title))
            else:
                self.report.add(
                    kind="resource",
                    title=path,
                    source=path,
                    status=NOT_IMPORTED,
                    reason=MODULE_FULL,
                )


def read_olx(
    files: ArchiveFiles,
    report: ReportBuilder,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> OlxContent:
    """The export's course as package modules, every item recorded in `report`;
    `on_progress(done, total)` after each chapter.

    Raises CourseRefusedError when course.xml or the course outline is missing or unsafe.
    """
    root = olx_files.root_folder(files)
    reader = _Reader(files, root, report)
    try:
        pointer = olx_files.parse_file(files[root + "course.xml"])
    except UnsafeXmlError as error:
        raise CourseRefusedError(
            "course.xml",
            _("course.xml is malformed, declares a DTD or entities, or nests too deep."),
        ) from error
    if pointer.tag != "course":
        raise CourseRefusedError("course.xml", _("course.xml does not hold a <course>."))
    loaded = reader.load(pointer, 0, "course.xml")
    if loaded is None:
        raise CourseRefusedError(
            f"course/{pointer.get('url_name', '')}.xml",
            _("The course outline course.xml points to is missing or unsafe."),
        )
    course, course_source = loaded
    policy = olx_files.course_policy(reader.read, course.get("url_name", ""))
    declared = course.get("language", "") or str(policy.get("language", ""))
    reader.language = olx_files.language(declared)
    if declared and declared.split("-")[0].split("_")[0].lower() != reader.language.split("-")[0]:
        report.add(
            kind="language",
            title=declared,
            source=course_source,
            status=APPROXIMATED,
            reason=_(
                "The platform's languages are en, de, zh-hans and ar: the course is marked "
                "as English."
            ),
        )
    title = (
        course.get("display_name", "")
        or str(policy.get("display_name", ""))
        or (course.get("course", ""))
    )
    chapters = [
        (item, place)
        for item, place in olx_files.placed(course_source, course)
        if item.tag == "chapter"
    ]
    modules: list[mapping.ModuleDraft] = []
    for done, (item, place) in enumerate(chapters):
        on_progress(done, len(chapters))
        loaded = reader.load(item, 1, place)
        if loaded is None:
            continue
        element, source = loaded
        if len(modules) >= mapping.MAX_ITEMS - 1:
            report.add(
                kind="module",
                title=element.get("display_name", ""),
                source=source,
                status=NOT_IMPORTED,
                reason=COURSE_FULL,
            )
            continue
        module = reader.chapter(element, source)
        if module.lessons:
            report.add(kind="module", title=module.title, source=source, status=IMPORTED)
        else:
            report.add(
                kind="module",
                title=module.title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("Nothing in it could be imported, and a module needs a lesson."),
            )
        modules.append(module)
    on_progress(len(chapters), len(chapters))
    for item, place in olx_files.placed(course_source, course):
        if item.tag != "chapter":
            report.add(
                kind="component",
                title=item.get("display_name", "") or item.tag,
                source=place,
                status=NOT_IMPORTED,
                reason=OUTSIDE_CHAPTERS,
                reason_params={"tag": item.tag},
            )
    olx_files.report_outside_the_outline(reader.files, reader.root, report)
    files_module = reader.remaining_files()
    if files_module.lessons:
        report.add(
            kind="module",
            title=COURSE_FILES,
            source="static/",
            status=APPROXIMATED,
            reason=_("Course files no component links to, gathered in one module."),
        )
        modules.append(files_module)
    overview = reader.read("about/overview.html") or reader.read("about/short_description.html")
    description = mapping.safe_html(overview.decode("utf-8", "replace")) if overview else ""
    return OlxContent(
        title=title,
        description=description[:_MAX_DESCRIPTION] or title or "Imported course",
        language=reader.language,
        modules=modules,
        files=reader.lesson_files,
    )
