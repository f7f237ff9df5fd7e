"""The common target of every format reader: pieces of an `icim-course/1` package (no database).

A reader turns its source into modules, lessons and questions with these builders and records
each in the report; `course_package` assembles them. The platform's own validator
(`courses.api.import_course_package`) then checks the result like any authored package, so a
reader can never write what an author could not.
"""

import html
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from courses import api as courses_api

__all__ = [
    "MAX_ITEMS",
    "PLACEHOLDER_PREFIX",
    "ModuleDraft",
    "course_package",
    "placeholder_lesson",
    "resource_lesson",
    "safe_html",
    "slug_for",
    "text_lesson",
]

# Marks a lesson that stands for something the platform cannot play (a forum, an LTI link).
PLACEHOLDER_PREFIX = "[Not imported] "
MAX_TITLE = 300
# The package format's bound on a list: modules, a module's lessons, a quiz's questions.
MAX_ITEMS = 200
MAX_BODY = 200_000
_SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")


@dataclass
class ModuleDraft:
    """A module being read: its title and the lessons found for it so far."""

    title: str
    source: str
    lessons: list[dict[str, Any]] = field(default_factory=list)


def _title(value: str, fallback: str) -> str:
    value = " ".join(value.split())
    return (value or fallback)[:MAX_TITLE]


def safe_html(markup: str) -> str:
    """Imported HTML held to the rules of authored lesson text (scripts, handlers, styles and
    javascript: URLs removed by the same sanitiser), ready to sit in a Markdown body."""
    return courses_api.clean_html(markup).strip()[:MAX_BODY]


def text_lesson(*, language: str, title: str, body: str) -> dict[str, Any]:
    """A text lesson whose body is `body` (Markdown, or sanitised HTML)."""
    return {
        "key": str(uuid.uuid4()),
        "kind": "text",
        "is_required": True,
        "duration_minutes": 0,
        "translations": {language: {"title": _title(title, "Untitled"), "body": body[:MAX_BODY]}},
    }


def resource_lesson(*, language: str, title: str, archive_path: str) -> dict[str, Any]:
    """A resource lesson offering the file at `archive_path` of the files handed to the import."""
    return {
        "key": str(uuid.uuid4()),
        "kind": "resource",
        "is_required": True,
        "duration_minutes": 0,
        "resource": archive_path,
        "translations": {language: {"title": _title(title, "Untitled file"), "body": ""}},
    }


def placeholder_lesson(*, language: str, title: str, what: str, original: str) -> dict[str, Any]:
    """A text lesson marked as a placeholder: what the source item was, and its original
    content (XML, HTML) shown as code so that nothing is lost and nothing runs."""
    fence = "~~~~"
    while fence in original:
        fence += "~"
    body = (
        f"This item of the imported course ({what}) has no equivalent on the platform and was "
        f"kept as a placeholder. Its original content:\n\n{fence}xml\n{original}\n{fence}\n"
    )
    lesson = text_lesson(language=language, title=PLACEHOLDER_PREFIX + title, body=body)
    lesson["is_required"] = False
    return lesson


def link_body(*, url: str, description: str) -> str:
    """The body of a text lesson standing for a web link."""
    label = html.escape(url, quote=True)
    return f'<p><a href="{label}">{label}</a></p>\n\n{description}'.strip()


def slug_for(title: str, taken: set[str]) -> str:
    """A course slug from a title, not one of `taken`."""
    base = _SLUG_CHARACTERS.sub("-", title.lower()).strip("-")[:60].strip("-") or "imported-course"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def course_package(
    *,
    slug: str,
    title: str,
    description: str,
    language: str,
    institution: str,
    modules: list[ModuleDraft],
) -> dict[str, Any]:
    """An `icim-course/1` package of the modules that have lessons, ready for the validator."""
    title = _title(title, "Imported course")
    summary = " ".join(description.split())[:2000] or title
    return {
        "format": "icim-course/1",
        "course": {
            "slug": slug,
            "code": slug.upper()[:40],
            "primary_language": language,
            "languages": [language],
            "level": "beginner",
            "estimated_hours": 1,
            "institutions": [institution],
            "prerequisites": [],
            "competencies": [],
            "certificate_validity_months": None,
            "pass_mark": 70,
            "show_grade_on_certificate": True,
            "translations": {
                # The platform requires a description; many backups and cartridges have none.
                language: {
                    "title": title,
                    "summary": summary,
                    "description": description.strip() or summary,
                }
            },
            "modules": [
                {
                    "key": str(uuid.uuid4()),
                    "translations": {language: {"title": _title(module.title, "Module")}},
                    "lessons": module.lessons,
                }
                for module in modules
                if module.lessons
            ],
        },
    }
