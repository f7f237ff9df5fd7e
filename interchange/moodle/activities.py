"""A Moodle backup's activities read into lessons, each recorded in the report (no database).

| activity | becomes |
|---|---|
| page, label | a text lesson, HTML sanitised |
| resource | a resource lesson with its file (`files.xml` → `files/<hash[:2]>/<hash>`) |
| url | a text lesson with the link (approximated) |
| quiz | a quiz lesson, questions from `questions.xml` (`questions.py`) |
| scorm | a package lesson when the SCORM zip is in the backup, else a placeholder |
| anything else (forum, assign, lti, …) | a placeholder lesson with its original intro |
"""

import math
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, Any, cast
from xml.etree.ElementTree import Element

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from courses import api as courses_api
from interchange import mapping
from interchange.archive import ArchiveFiles
from interchange.moodle import questions as moodle_questions
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status
from interchange.xml import (
    UnsafeXmlError,
    attribute,
    child,
    children,
    descendants,
    parse,
    text,
)

__all__ = ["UNSAFE", "ActivityReader", "value"]

NULL = moodle_questions.NULL
MAX_ORIGINAL = 20_000
# The number is mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
QUIZ_FULL = _("A quiz holds at most 200 questions; the quiz has more.")
PLACEHOLDER = _(
    "A Moodle %(activity)s activity has no equivalent on the platform: kept as a placeholder "
    "lesson with its original description."
)
NO_SCORM_ZIP = _("The SCORM zip is not in the backup")
PLACEHOLDER_BECAUSE = _("%(why)s: kept as a placeholder lesson with its original description.")
UNUSED_QUESTIONS = _(
    "%(count)d question(s) of this category are in no quiz: a question bank outside a quiz "
    "has no equivalent on the platform."
)
UNSAFE = _("The file is malformed XML or declares a DTD or entities.")


@dataclass(frozen=True)
class _File:
    contenthash: str
    contextid: str
    component: str
    filearea: str
    filename: str
    sortorder: int


def value(element: Element | None, name: str) -> str:
    """The text of the child `name`, "" for Moodle's null marker."""
    found = text(child(element, name))
    return "" if found == NULL else found


class ActivityReader:
    """Reads the activities of one backup; `lesson_files` and `packages` fill as it goes."""

    def __init__(self, files: ArchiveFiles, report: ReportBuilder, language: str) -> None:
        self.files = files
        self.report = report
        self.language = language
        self.lesson_files: dict[str, File] = {}
        self.packages: dict[str, tuple[str, File]] = {}
        self.stored = self._stored_files()
        self._bank: moodle_questions.QuestionBank | None = None
        self.used_questions: set[str] = set()

    def _stored_files(self) -> list[_File]:
        if "files.xml" not in self.files:
            return []
        try:
            root = parse(self.files["files.xml"])
        except UnsafeXmlError:
            self.report.add(
                kind="file", title="", source="files.xml", status=NOT_IMPORTED, reason=UNSAFE
            )
            return []
        found = []
        for record in children(root, "file"):
            name = value(record, "filename")
            if not name or name == ".":
                continue
            order = value(record, "sortorder")
            found.append(
                _File(
                    contenthash=value(record, "contenthash").lower(),
                    contextid=value(record, "contextid"),
                    component=value(record, "component"),
                    filearea=value(record, "filearea"),
                    filename=name,
                    sortorder=int(order) if order.isdigit() else 0,
                )
            )
        return found

    def bank(self) -> moodle_questions.QuestionBank:
        if self._bank is None:
            self._bank = moodle_questions.QuestionBank()
            if "questions.xml" in self.files:
                try:
                    self._bank = moodle_questions.read_bank(parse(self.files["questions.xml"]))
                except UnsafeXmlError:
                    self.report.add(
                        kind="question_bank",
                        title="",
                        source="questions.xml",
                        status=NOT_IMPORTED,
                        reason=UNSAFE,
                    )
        return self._bank

    def file_path(self, record: _File) -> str | None:
        """Where the record's content is in the backup, or None when it is not there."""
        path = f"files/{record.contenthash[:2]}/{record.contenthash}"
        return path if path in self.files else None

    def files_of(self, contextid: str, component: str, filearea: str) -> list[_File]:
        found = [
            record
            for record in self.stored
            if (record.contextid, record.component, record.filearea)
            == (contextid, component, filearea)
        ]
        return sorted(found, key=lambda record: -record.sortorder)

    def activity(self, title: str, modname: str, directory: str) -> dict[str, Any] | None:
        source = f"{directory}/{modname}.xml"
        if source not in self.files:
            self.report.add(
                kind="file",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The activity's file is not in the backup."),
            )
            return None
        try:
            root = parse(self.files[source])
        except UnsafeXmlError:
            self.report.add(
                kind=modname, title=title, source=source, status=NOT_IMPORTED, reason=UNSAFE
            )
            return None
        element = child(root, modname)
        title = value(element, "name") or title
        contextid = attribute(root, "contextid")
        if modname in {"page", "label"}:
            return self.text_lesson(title, modname, element, source)
        if modname == "resource":
            return self.resource(title, contextid, source, element)
        if modname == "url":
            return self.url(title, element, source)
        if modname == "quiz":
            return self.quiz(title, element, source)
        if modname == "scorm":
            return self.scorm(title, contextid, element, source)
        return self.placeholder(title, modname, element, source)

    def placeholder(
        self, title: str, modname: str, element: Element | None, source: str, why: Reason = ""
    ) -> dict[str, Any]:
        what = f"A Moodle {modname} activity"
        self.report.add(
            kind="placeholder",
            title=title,
            source=source,
            status=NOT_IMPORTED,
            reason=PLACEHOLDER_BECAUSE if why else PLACEHOLDER,
            reason_params={"why": why} if why else {"activity": modname},
        )
        original = value(element, "intro")[:MAX_ORIGINAL]
        return mapping.placeholder_lesson(
            language=self.language, title=title, what=what, original=original
        )

    def text_lesson(
        self, title: str, modname: str, element: Element | None, source: str
    ) -> dict[str, Any]:
        markup = value(element, "content" if modname == "page" else "intro")
        if modname == "label" and title == "":
            title = moodle_questions.plain(markup)[:80]
        body = mapping.safe_html(markup)
        status: Status = IMPORTED
        reason: Reason = ""
        if "@@PLUGINFILE@@" in markup:
            status, reason = APPROXIMATED, _("Files the text shows or links to are not carried.")
        lowered = markup.lower()
        if "<script" in lowered or "javascript:" in lowered:
            status, reason = (
                APPROXIMATED,
                _("Scripts and unsafe markup were removed, as from authored lessons."),
            )
        self.report.add(kind="text", title=title, source=source, status=status, reason=reason)
        return mapping.text_lesson(language=self.language, title=title or "Label", body=body)

    def resource(
        self, title: str, contextid: str, source: str, element: Element | None
    ) -> dict[str, Any] | None:
        found = self.files_of(contextid, "mod_resource", "content")
        stored = self.file_path(found[0]) if found else None
        if not found or stored is None:
            self.report.add(
                kind="file",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The resource's file is not in the backup."),
            )
            return None
        record = found[0]
        accepted = courses_api.uploads.accepted_type(
            self.files.head(stored, courses_api.uploads.SNIFF_BYTES), record.filename
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
        path = f"{source.rsplit('/', 1)[0]}/{record.filename.replace('/', '_')}"
        self.lesson_files[path] = self.files.open_member(stored)
        self.report.add(kind="resource", title=title, source=source, status=IMPORTED)
        return mapping.resource_lesson(language=self.language, title=title, archive_path=path)

    def url(self, title: str, element: Element | None, source: str) -> dict[str, Any] | None:
        address = value(element, "externalurl")
        if not address.startswith(("https://", "http://")):
            self.report.add(
                kind="link",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("The link is not an http(s) URL."),
            )
            return None
        self.report.add(
            kind="link",
            title=title,
            source=source,
            status=APPROXIMATED,
            reason=_("A web link became a text lesson holding the link."),
        )
        body = mapping.link_body(
            url=address, description=mapping.safe_html(value(element, "intro"))
        )
        return mapping.text_lesson(language=self.language, title=title, body=body)

    def _instance_question(self, instance: Element) -> tuple[str, Element | None]:
        reference = child(instance, "question_reference")
        bank = self.bank()
        if reference is not None:
            entry = value(reference, "questionbankentryid")
            question = bank.by_reference(entry, value(reference, "version"))
            return f"question-bank-entry-{entry}", question
        if child(instance, "question_set_reference") is not None:
            return f"slot-{value(instance, 'slot')}", None
        question_id = value(instance, "questionid")
        return f"question-{question_id}", bank.questions.get(question_id)

    def quiz(self, title: str, element: Element | None, source: str) -> dict[str, Any] | None:
        questions: list[dict[str, Any]] = []
        for instance in descendants(element, "question_instance"):
            label, question = self._instance_question(instance)
            if question is None:
                is_random = child(instance, "question_set_reference") is not None
                self.report.add(
                    kind="question:random" if is_random else "question",
                    title=label,
                    source=f"{source}#{label}",
                    status=NOT_IMPORTED,
                    reason=moodle_questions.RANDOM
                    if is_random
                    else _("The question is not in the backup's questions.xml."),
                )
                continue
            self.used_questions.add(attribute(question, "id"))
            qtype, data, status, reason = moodle_questions.read_question(
                question, language=self.language, points=value(instance, "maxmark")
            )
            if data is not None and len(questions) >= mapping.MAX_ITEMS:
                data, status, reason = None, NOT_IMPORTED, QUIZ_FULL
            self.report.add(
                kind=f"question:{qtype}",
                title=value(question, "name"),
                source=f"questions.xml#question-{attribute(question, 'id')}",
                status=status,
                reason=reason,
            )
            if data is not None:
                questions.append(data)
        if not questions:
            self.report.add(
                kind="quiz",
                title=title,
                source=source,
                status=NOT_IMPORTED,
                reason=_("None of its questions could be imported."),
            )
            return None
        self.report.add(kind="quiz", title=title, source=source, status=IMPORTED)
        attempts = value(element, "attempts_number")
        seconds = value(element, "timelimit")
        minutes = math.ceil(int(seconds) / 60) if seconds.isdigit() else 0
        lesson = mapping.text_lesson(
            language=self.language, title=title, body=mapping.safe_html(value(element, "intro"))
        )
        lesson["kind"] = "quiz"
        lesson["quiz"] = {
            "pass_mark": 70,
            "attempts_allowed": int(attempts)
            if attempts.isdigit() and 0 < int(attempts) <= 1000
            else None,
            "time_limit_minutes": minutes if 0 < minutes <= 1440 else None,
            "shuffle_questions": False,
            # Moodle's grade methods: 1 highest, 2 average, 3 first, 4 last attempt.
            "grading": "last" if value(element, "grademethod") == "4" else "best",
            "weight": "1",
            "reveal_answers": "after_pass",
            "questions": questions,
        }
        return lesson

    def scorm(
        self, title: str, contextid: str, element: Element | None, source: str
    ) -> dict[str, Any]:
        found = self.files_of(contextid, "mod_scorm", "package")
        stored = self.file_path(found[0]) if found else None
        member = self.files.open_member(stored) if stored is not None else None
        if member is None or not _is_scorm_zip(member):
            return self.placeholder(title, "scorm", element, source, why=NO_SCORM_ZIP)
        key = str(uuid.uuid4())
        self.packages[key] = (source, member)
        self.report.add(
            kind="package",
            title=title,
            source=source,
            status=IMPORTED,
            reason=_("The SCORM package is checked and unpacked like an uploaded one."),
        )
        lesson = mapping.text_lesson(
            language=self.language, title=title, body=mapping.safe_html(value(element, "intro"))
        )
        lesson["key"] = key
        lesson["kind"] = "package"
        return lesson

    def report_unused_questions(self) -> None:
        if self._bank is None:
            return
        for name, ids in self._bank.categories.items():
            unused = [versions for versions in ids if not versions & self.used_questions]
            if unused:
                self.report.add(
                    kind="question_bank",
                    title=name,
                    source="questions.xml",
                    status=NOT_IMPORTED,
                    reason=UNUSED_QUESTIONS,
                    reason_params={"count": len(unused)},
                )


def _is_scorm_zip(member: File) -> bool:
    """Whether the member is a zip with a SCORM manifest (its listing read, nothing inflated)."""
    try:
        member.seek(0)
        with zipfile.ZipFile(cast(IO[bytes], member.file)) as archive:
            return "imsmanifest.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
