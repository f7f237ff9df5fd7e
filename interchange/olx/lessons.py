"""The lessons of an OLX unit: its HTML as a text lesson, its problems as a quiz, its videos, and
the course files of `static/` as resource lessons (no database)."""

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote
from xml.etree.ElementTree import Element, tostring

from django.core.files import File
from django.utils.translation import gettext_lazy as _

from courses import api as courses_api
from interchange import mapping
from interchange.archive import ArchiveFiles
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status

__all__ = ["COURSE_FILES", "MODULE_FULL", "LessonMaker", "Unit"]

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_STATIC_REFERENCE = re.compile(r"""["'(]/static/([^"'()?#\s]+)""")
_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?[,.]\d{1,3}\s*-->")
COURSE_FILES = "Course files"
# The number is mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
MODULE_FULL = _("A module holds at most 200 lessons; this one has more.")
HTML_FILE_MISSING = _("The HTML file %(source)s names is not in the archive.")
LINKED_FROM = _("Linked from “%(page)s”: a resource lesson after it.")
IN_COURSE_FILES = _("No component links it: a resource lesson in the module “%(module)s”.")


@dataclass
class Unit:
    """The lessons one vertical gives, in the order their first component came."""

    title: str
    source: str
    html: list[tuple[str, str]] = field(default_factory=list)  # (markup, source)
    questions: list[dict[str, Any]] = field(default_factory=list)
    quiz_sources: list[str] = field(default_factory=list)
    order: list[Any] = field(default_factory=list)


class LessonMaker:
    """Makes lessons from an export's files, recording each in the report; remembers the files
    its resource lessons offer (`lesson_files`) and the `static/` files already used."""

    def __init__(self, files: ArchiveFiles, root: str, report: ReportBuilder) -> None:
        self.files = files
        self.root = root
        self.report = report
        self.language = "en"
        self.lesson_files: dict[str, File] = {}
        self.used_static: set[str] = set()

    def has(self, path: str) -> bool:
        """Whether the export has a file at `path` below its top folder (nothing read)."""
        return self.root + path in self.files

    def read(self, path: str) -> bytes | None:
        """The file at `path` below the export's top folder, or None."""
        return self.files.get(self.root + path)

    def html_markup(self, element: Element, source: str) -> str | None:
        """The component's HTML: the file its `filename` (or bare `url_name`) names in `html/`,
        else its inline content. None, with a `file` line, when the named file is missing."""
        filename = element.get("filename", "") or (
            element.get("url_name", "") if len(element) == 0 and not element.text else ""
        )
        if filename:
            name = filename if filename.endswith((".html", ".htm")) else f"{filename}.html"
            data = self.read(f"html/{name}")
            if data is None or ".." in name.split("/"):
                self.report.add(
                    kind="file",
                    title=element.get("display_name", "") or filename,
                    source=f"html/{name}",
                    status=NOT_IMPORTED,
                    reason=HTML_FILE_MISSING,
                    reason_params={"source": source},
                )
                return None
            return data.decode("utf-8", "replace")
        parts = [element.text or ""]
        parts.extend(
            tostring(item, encoding="unicode", short_empty_elements=False) for item in element
        )
        return "".join(parts)

    def text_lesson(self, unit: Unit) -> dict[str, Any]:
        markup = "\n".join(markup for markup, _source in unit.html)
        body = mapping.safe_html(markup)
        sources = ", ".join(source for _markup, source in unit.html)
        status: Status = IMPORTED
        reason: Reason = ""
        linked = [unquote(name) for name in _STATIC_REFERENCE.findall(markup)]
        beside = []
        for name in dict.fromkeys(linked):
            path = f"static/{name}"
            if self.has(path) and path not in self.used_static and self.accepted(path):
                beside.append(path)
                self.used_static.add(path)
        if linked:
            status, reason = (
                APPROXIMATED,
                _(
                    "The course files it shows or links to are not shown inside it; those the "
                    "platform offers became resource lessons beside it."
                ),
            )
        if len(body) < len(markup) and "<script" in markup.lower():
            status, reason = (
                APPROXIMATED,
                _("Scripts and unsafe markup were removed, as from authored lessons."),
            )
        self.report.add(kind="text", title=unit.title, source=sources, status=status, reason=reason)
        lesson = mapping.text_lesson(language=self.language, title=unit.title, body=body)
        lesson["_beside"] = beside
        return lesson

    def quiz_lesson(self, unit: Unit) -> dict[str, Any] | None:
        sources = ", ".join(unit.quiz_sources)
        questions = unit.questions
        if not questions:
            self.report.add(
                kind="quiz",
                title=unit.title,
                source=sources,
                status=NOT_IMPORTED,
                reason=_("None of its questions could be imported."),
            )
            return None
        self.report.add(kind="quiz", title=unit.title, source=sources, status=IMPORTED)
        lesson = mapping.text_lesson(language=self.language, title=unit.title, body="")
        lesson["kind"] = "quiz"
        lesson["quiz"] = {
            "pass_mark": 70,
            "attempts_allowed": None,
            "time_limit_minutes": None,
            "shuffle_questions": False,
            "grading": "best",
            "weight": "1",
            "reveal_answers": "after_pass",
            "questions": questions,
        }
        return lesson

    def video(self, element: Element, source: str, unit_title: str) -> dict[str, Any] | None:
        title = element.get("display_name", "") or unit_title
        youtube = element.get("youtube_id_1_0", "").strip()
        if not youtube:
            for pair in element.get("youtube", "").split(","):
                speed, _colon, identifier = pair.partition(":")
                if speed.strip() in {"1.0", "1.00", "1"} and identifier.strip():
                    youtube = identifier.strip()
        sources = [item.get("src", "") for item in element.iter("source")]
        try:
            listed = json.loads(element.get("html5_sources", "") or "[]")
        except (ValueError, RecursionError):
            listed = []
        if isinstance(listed, list):
            sources.extend(item for item in listed if isinstance(item, str))
        sources = [url.strip() for url in sources if url.strip()]
        url = ""
        if _YOUTUBE_ID.match(youtube):
            url = f"https://www.youtube.com/watch?v={youtube}"
        else:
            url = next((item for item in sources if item.startswith("https://")), "")
        if not url or len(url) > 500 or any(char.isspace() for char in url):
            link = next((item for item in sources if item.startswith(("http://", "https://"))), "")
            if not link:
                self.report.add(
                    kind="video",
                    title=title,
                    source=source,
                    status=NOT_IMPORTED,
                    reason=(
                        _(
                            "The video is kept by the Open edX video pipeline (edx_video_id), "
                            "which gives no web address to play it from."
                        )
                        if element.get("edx_video_id", "").strip()
                        else _("The video names no YouTube id and no web address to play it from.")
                    ),
                )
                return None
            transcript = self.transcript(element)
            self.report.add(
                kind="video",
                title=title,
                source=source,
                status=APPROXIMATED,
                reason=_("The video is not served over https: a text lesson holding its link."),
            )
            body = mapping.link_body(url=link, description=_paragraphs(transcript))
            return mapping.text_lesson(language=self.language, title=title, body=body)
        transcript = self.transcript(element)
        lesson = mapping.text_lesson(language=self.language, title=title, body="")
        lesson["kind"] = "video"
        lesson["video_url"] = url
        lesson["translations"][self.language]["transcript"] = transcript[:200_000]
        status: Status = IMPORTED
        reason: Reason = ""
        if url.startswith("https://www.youtube.com/") and not transcript:
            # YouTube's player reports no watching: without a transcript no one could complete it.
            lesson["is_required"] = False
            status, reason = (
                APPROXIMATED,
                _(
                    "A YouTube video without a transcript: the platform cannot tell that it was "
                    "watched, so the lesson is not required."
                ),
            )
        self.report.add(kind="video", title=title, source=source, status=status, reason=reason)
        return lesson

    def transcript(self, element: Element) -> str:
        names = [item.get("src", "") for item in element.iter("transcript")]
        if element.get("sub"):
            names.append(f"subs_{element.get('sub')}.srt.sjson")
        for name in names:
            path = f"static/{name.strip()}"
            data = self.read(path) if ".." not in name.split("/") else None
            if data is None:
                continue
            self.used_static.add(path)
            self.report.add(
                kind="transcript",
                title=name,
                source=path,
                status=IMPORTED,
                reason=_("Became the text of the video's transcript."),
            )
            return _transcript_text(data.decode("utf-8", "replace"), name)
        return ""

    def accepted(self, path: str) -> bool:
        name = self.root + path
        head = self.files.head(name, courses_api.uploads.SNIFF_BYTES) if name in self.files else b""
        return courses_api.uploads.accepted_type(head, posixpath.basename(path)) is not None

    def resource_lesson(self, path: str, *, beside: str) -> dict[str, Any]:
        name = posixpath.basename(path)
        self.lesson_files[path] = self.files.open_member(self.root + path)
        self.report.add(
            kind="resource",
            title=name,
            source=path,
            status=IMPORTED,
            reason=LINKED_FROM,
            reason_params={"page": beside},
        )
        return mapping.resource_lesson(language=self.language, title=name, archive_path=path)

    def remaining_files(self) -> mapping.ModuleDraft:
        """The files of `static/` no lesson took: resource lessons in a module of their own."""
        module = mapping.ModuleDraft(title=COURSE_FILES, source="static/")
        for name in sorted(self.files):
            path = name[len(self.root) :]
            if not name.startswith(self.root + "static/") or path in self.used_static:
                continue
            if not self.accepted(path):
                self.report.add(
                    kind="resource",
                    title=posixpath.basename(path),
                    source=path,
                    status=NOT_IMPORTED,
                    reason=_(
                        "The platform does not offer files of this type (PDF, images, text, "
                        "CSV and Office files only)."
                    ),
                )
                continue
            if len(module.lessons) >= mapping.MAX_ITEMS:
                self.report.add(
                    kind="resource",
                    title=posixpath.basename(path),
                    source=path,
                    status=NOT_IMPORTED,
                    reason=MODULE_FULL,
                )
                continue
            self.lesson_files[path] = self.files.open_member(name)
            self.report.add(
                kind="resource",
                title=posixpath.basename(path),
                source=path,
                status=APPROXIMATED,
                reason=IN_COURSE_FILES,
                reason_params={"module": COURSE_FILES},
            )
            module.lessons.append(
                mapping.resource_lesson(
                    language=self.language, title=posixpath.basename(path), archive_path=path
                )
            )
        return module


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n\n") if line.strip())


_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}(:\d{2})?[,.]\d{1,3}\s*-->")


def _transcript_text(data: str, name: str) -> str:
    """The words of an SRT or sjson (`{"text": [...]}`) transcript, without numbers or timings."""
    if name.endswith(".sjson"):
        try:
            lines = json.loads(data).get("text", [])
        except (ValueError, AttributeError, RecursionError):
            return ""
        return " ".join(line.strip() for line in lines if isinstance(line, str))
    words = [
        line.strip()
        for line in data.splitlines()
        if line.strip()
        and not line.strip().isdigit()
        and not _SRT_TIMING.match(line)
        and line.strip() != "WEBVTT"
    ]
    return " ".join(words)
