"""The course package format `icim-course/1`: validation of untrusted JSON into plain data.

Pure functions, no database: `validate_package` returns every problem with its location (e.g.
`course.modules[2].lessons[0].quiz.questions[3].options`) so an author can fix a file in one pass.

Texts are required in the primary (source) language only. A translation may be partial: a blank
or absent text in another language is a missing translation, counted by
`courses.api.translation_completeness` and filled in from the primary language for learners
(`courses.text.pick`), so an author can save a translation half done.

The package is described once, by DRF serializers that both validate it and document it in the
OpenAPI schema as named components (`CoursePackage`, `PackageCourse`, `PackageModule`, the
`PackageLesson` kinds, `PackageQuiz`, `PackageQuestion`, `PackageOption`, the `...Texts`).

A facade over modules of one concern: `schema` (choices, limits, the problems), `parsing` (bytes
to JSON, bounded), `fields` (single values), `objects` (objects and translations), `quizzes`,
`lessons` and `course` (the serializers, from a question up to the package) and `validation` (the
whole package, its problems located).
"""

from courses.packages.course import (
    CoursePackageSerializer,
    PackageCourseSerializer,
    PackageModuleSerializer,
)
from courses.packages.lessons import LESSON_SERIALIZERS, PackageLessonTextsSerializer
from courses.packages.parsing import parse_package_json
from courses.packages.quizzes import (
    PackageOptionSerializer,
    PackageQuestionSerializer,
    PackageQuizSerializer,
)
from courses.packages.schema import (
    DEFAULT_VIDEO_WATCHED_PERCENT,
    FORMAT,
    GRADINGS,
    KEYS_GIVEN_AWAY,
    LANGUAGES,
    LEGACY_REVEAL,
    LESSON_KINDS,
    LEVELS,
    MAX_ITEMS,
    MAX_PACKAGE_BYTES,
    MAX_PACKAGE_DEPTH,
    MAX_TEXT,
    MAX_TITLE,
    QUESTION_KINDS,
    REVEALS,
    SLUG_PATTERN,
    VIDEO_COMPLETIONS,
    InvalidPackageError,
    Problem,
)
from courses.packages.validation import validate_package

__all__ = [
    "DEFAULT_VIDEO_WATCHED_PERCENT",
    "FORMAT",
    "GRADINGS",
    "KEYS_GIVEN_AWAY",
    "LANGUAGES",
    "LEGACY_REVEAL",
    "LESSON_KINDS",
    "LESSON_SERIALIZERS",
    "LEVELS",
    "MAX_ITEMS",
    "MAX_PACKAGE_BYTES",
    "MAX_PACKAGE_DEPTH",
    "MAX_TEXT",
    "MAX_TITLE",
    "QUESTION_KINDS",
    "REVEALS",
    "SLUG_PATTERN",
    "VIDEO_COMPLETIONS",
    "CoursePackageSerializer",
    "InvalidPackageError",
    "PackageCourseSerializer",
    "PackageLessonTextsSerializer",
    "PackageModuleSerializer",
    "PackageOptionSerializer",
    "PackageQuestionSerializer",
    "PackageQuizSerializer",
    "Problem",
    "parse_package_json",
    "validate_package",
]
