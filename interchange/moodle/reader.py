"""A Moodle course backup (`.mbz`, Moodle 3.x–4.x) read into package modules and a fidelity
report (no database).

`moodle_backup.xml` lists the sections and activities; each section
(`sections/section_<id>/section.xml`) becomes a module (section 0 "General"), its activities
(`activities/<modname>_<moduleid>/<modname>.xml`) lessons in the order of its `sequence`;
what each activity becomes is in `activities.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from interchange import mapping
from interchange.archive import ArchiveFiles
from interchange.moodle import questions as moodle_questions
from interchange.moodle.activities import UNSAFE, ActivityReader, value
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status
from interchange.xml import UnsafeXmlError, child, descendants, parse

__all__ = ["BACKUP", "FORMAT", "BackupContent", "BackupRefusedError", "read_backup"]

FORMAT = "mbz"
BACKUP = "moodle_backup.xml"
_LANGUAGES = {"en": "en", "de": "de", "ar": "ar"}
# The numbers are mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
MODULE_FULL = _("A module holds at most 200 lessons; this one has more.")
COURSE_FULL = _(
    "A course holds at most 200 modules: this section and its activities were not imported."
)


class BackupRefusedError(Exception):
    """The backup has no readable `moodle_backup.xml`; `reason` says why."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class BackupContent:
    """What a backup became: the course's title, description and language, its modules, the
    files its resource lessons name, and the SCORM zips of its package lessons (lesson key →
    where it was in the backup, the zip); the files are streamed from the archive."""

    title: str
    description: str
    language: str
    modules: list[mapping.ModuleDraft]
    files: dict[str, File]
    packages: dict[str, tuple[str, File]] = field(default_factory=dict)


def _language(code: str) -> str:
    """The platform's language for a Moodle language pack (`de`, `de_du`, `zh_cn`, `ar`, …);
    Traditional Chinese packs (`zh_tw`) and any other language are read as English, the
    course's text staying as written."""
    code = code.lower().replace("-", "_")
    if code.startswith("zh"):
        return "zh-hans" if code in {"zh_cn", "zh_hans"} else "en"
    return _LANGUAGES.get(code.split("_")[0], "en")


@dataclass
class _Section:
    number: int
    title: str
    summary: str
    sequence: list[str]
    source: str


def _section(files: ArchiveFiles, directory: str, report: ReportBuilder) -> _Section | None:
    source = f"{directory}/section.xml"
    if source not in files:
        report.add(
            kind="module",
            title="",
            source=source,
            status=NOT_IMPORTED,
            reason=_("The section's file is not in the backup."),
        )
        return None
    try:
        root = parse(files[source])
    except UnsafeXmlError:
        report.add(kind="module", title="", source=source, status=NOT_IMPORTED, reason=UNSAFE)
        return None
    number = value(root, "number")
    position = int(number) if number.isdigit() else 0
    name = value(root, "name")
    title = name or ("General" if position == 0 else f"Topic {position}")
    sequence = [item.strip() for item in value(root, "sequence").split(",") if item.strip()]
    return _Section(position, title, value(root, "summary"), sequence, source)


def _course(files: ArchiveFiles, information: Element | None) -> tuple[str, str, str]:
    title = value(information, "original_course_fullname")
    description, language = "", "en"
    if "course/course.xml" in files:
        try:
            course = parse(files["course/course.xml"])
        except UnsafeXmlError:
            course = None
        title = value(course, "fullname") or title
        description = moodle_questions.plain(value(course, "summary"))
        language = _language(value(course, "lang") or "en")
    return title, description, language


def read_backup(
    files: ArchiveFiles,
    report: ReportBuilder,
    on_progress: Callable[[int, int], None] = lambda done, total: None,
) -> BackupContent:
    """The backup's course as package modules, every section and activity recorded in `report`;
    `on_progress(done, total)` after each section.

    Raises BackupRefusedError when moodle_backup.xml is missing, malformed or declares a DTD.
    """
    if BACKUP not in files:
        raise BackupRefusedError(_("The archive has no moodle_backup.xml at its root."))
    try:
        root = parse(files[BACKUP])
    except UnsafeXmlError as error:
        raise BackupRefusedError(
            _("moodle_backup.xml is malformed or declares a DTD or entities.")
        ) from error
    information = child(root, "information")
    contents = child(information, "contents")
    title, description, language = _course(files, information)
    reader = ActivityReader(files, report, language)
    activities: dict[str, list[Element]] = {}
    for activity in descendants(child(contents, "activities"), "activity"):
        activities.setdefault(value(activity, "sectionid"), []).append(activity)
    listed = descendants(child(contents, "sections"), "section")
    sections = []
    for entry in listed:
        section = _section(files, value(entry, "directory"), report)
        if section is not None:
            sections.append((section, activities.get(value(entry, "sectionid"), [])))
    sections.sort(key=lambda pair: pair[0].number)
    modules: list[mapping.ModuleDraft] = []
    for done, (section, members) in enumerate(sections):
        on_progress(done, len(sections))
        module = mapping.ModuleDraft(title=section.title, source=section.source)
        if sum(1 for kept in modules if kept.lessons) >= mapping.MAX_ITEMS:
            report.add(
                kind="module",
                title=section.title,
                source=section.source,
                status=NOT_IMPORTED,
                reason=COURSE_FULL,
            )
            continue
        if moodle_questions.plain(section.summary):
            report.add(
                kind="text",
                title=section.title,
                source=f"{section.source}#summary",
                status=APPROXIMATED,
                reason=_("The section's summary became the module's first text lesson."),
            )
            module.lessons.append(
                mapping.text_lesson(
                    language=language, title=section.title, body=mapping.safe_html(section.summary)
                )
            )
        order = {module_id: index for index, module_id in enumerate(section.sequence)}
        members.sort(key=lambda item: order.get(value(item, "moduleid"), len(order)))
        for activity in members:
            modname = value(activity, "modulename")
            activity_title = value(activity, "title")
            directory = value(activity, "directory")
            if len(module.lessons) >= mapping.MAX_ITEMS:
                report.add(
                    kind="lesson",
                    title=activity_title,
                    source=f"{directory}/{modname}.xml",
                    status=NOT_IMPORTED,
                    reason=MODULE_FULL,
                )
                continue
            lesson = reader.activity(activity_title, modname, directory)
            if lesson is not None:
                module.lessons.append(lesson)
        status: Status = IMPORTED
        reason: Reason = ""
        if not module.lessons:
            status, reason = (
                NOT_IMPORTED,
                _("Nothing in it could be imported, and a module needs a lesson."),
            )
        report.add(
            kind="module", title=section.title, source=section.source, status=status, reason=reason
        )
        modules.append(module)
    on_progress(len(sections), len(sections))
    reader.report_unused_questions()
    return BackupContent(
        title=title,
        description=description,
        language=language,
        modules=modules,
        files=reader.lesson_files,
        packages=reader.packages,
    )
