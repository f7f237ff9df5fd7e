"""The course package format `icim-course/1`: validation of untrusted JSON into plain data.

Pure functions, no database: `validate_package` returns every problem with its location (e.g.
`course.modules[2].lessons[0].quiz.questions[3].options`) so an author can fix a file in one pass.

Texts are required in the primary (source) language only. A translation may be partial: a blank
or absent text in another language is a missing translation, counted by
`courses.api.translation_completeness` and filled in from the primary language for learners
(`courses.text.pick`), so an author can save a translation half done.

A facade over modules of one concern: `schema` (choices, field tables, limits, the problems),
`parsing` (bytes to JSON, bounded), `checker` (checks of single values) and `validation` (the
whole package, normalised).
"""

from courses.packages.parsing import parse_package_json
from courses.packages.schema import (
    COURSE_FIELDS,
    COURSE_TEXTS,
    DEFAULT_VIDEO_WATCHED_PERCENT,
    FORMAT,
    GRADINGS,
    KEYS_GIVEN_AWAY,
    LANGUAGES,
    LEGACY_REVEAL,
    LESSON_FIELDS,
    LESSON_KINDS,
    LESSON_TEXTS,
    LEVELS,
    MAX_ITEMS,
    MAX_PACKAGE_BYTES,
    MAX_PACKAGE_DEPTH,
    MAX_TEXT,
    MAX_TITLE,
    QUESTION_FIELDS,
    QUESTION_KINDS,
    QUESTION_TEXTS,
    QUIZ_FIELDS,
    REVEALS,
    SLUG_PATTERN,
    VIDEO_COMPLETIONS,
    InvalidPackageError,
    Problem,
)
from courses.packages.validation import validate_package

__all__ = [
    "COURSE_FIELDS",
    "COURSE_TEXTS",
    "DEFAULT_VIDEO_WATCHED_PERCENT",
    "FORMAT",
    "GRADINGS",
    "KEYS_GIVEN_AWAY",
    "LANGUAGES",
    "LEGACY_REVEAL",
    "LESSON_FIELDS",
    "LESSON_KINDS",
    "LESSON_TEXTS",
    "LEVELS",
    "MAX_ITEMS",
    "MAX_PACKAGE_BYTES",
    "MAX_PACKAGE_DEPTH",
    "MAX_TEXT",
    "MAX_TITLE",
    "QUESTION_FIELDS",
    "QUESTION_KINDS",
    "QUESTION_TEXTS",
    "QUIZ_FIELDS",
    "REVEALS",
    "SLUG_PATTERN",
    "VIDEO_COMPLETIONS",
    "InvalidPackageError",
    "Problem",
    "parse_package_json",
    "validate_package",
]
