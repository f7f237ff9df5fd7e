"""The vocabulary and limits of the course package format `icim-course/1`: its choices, the
bounds on texts, lists and files, and the problems a package can have (its fields are described
by the serializers of `fields`, `objects`, `quizzes`, `lessons` and `course`)."""

import re
from dataclasses import dataclass

from django.conf import settings

# The default share of a video to watch is the model's (re-exported: the format's default too).
from courses.models import DEFAULT_VIDEO_WATCHED_PERCENT as DEFAULT_VIDEO_WATCHED_PERCENT
from courses.models import (
    CourseVersion,
    Lesson,
    Level,
    Question,
    Quiz,
)

FORMAT = "icim-course/1"
LANGUAGES = ("en", "zh-hans", "de", "ar")
# The choices as the rest of the API labels them (from the models and settings), so that the
# OpenAPI schema names each set once (`LessonKindEnum`, `LanguageEnum`).
LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES if code in LANGUAGES]
LEVEL_CHOICES = Level.choices
LESSON_KIND_CHOICES = Lesson.Kind.choices
QUESTION_KIND_CHOICES = Question.Kind.choices
GRADING_CHOICES = CourseVersion.Grading.choices
REVEAL_CHOICES = Quiz.Reveal.choices
LEVELS = tuple(Level.values)
LESSON_KINDS = tuple(Lesson.Kind.values)
QUESTION_KINDS = tuple(Question.Kind.values)
GRADINGS = tuple(CourseVersion.Grading.values)
REVEALS = tuple(Quiz.Reveal.values)
VIDEO_COMPLETION_CHOICES = Lesson.VideoCompletion.choices
# What completes a video lesson: watching its share, or (the accessible default) that or reading
# its transcript.
VIDEO_COMPLETIONS = tuple(Lesson.VideoCompletion.values)
# What anyone may open from the course page: a quiz's questions and a resource's file stay for
# learners.
PREVIEW_KINDS = ("text", "video")
# Format 1's first policy: shown after every attempt. Accepted only where it cannot give the keys
# away while attempts remain (a single attempt), and read as "after_last_attempt".
LEGACY_REVEAL = "after_submit"
KEYS_GIVEN_AWAY = (
    "after_submit shows the answer keys while attempts remain: choose after_pass, "
    "after_last_attempt or never (after_submit is accepted only with attempts_allowed 1)"
)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE = 300
MAX_TEXT = 200_000
MAX_ITEMS = 200
# Limits on a package file (README, Security), checked on the bytes before parsing: course.json
# on its own or in an archive. A valid package nests 12 deep (course, modules, lessons, quiz,
# questions, options, translations); json.loads recurses once per level, so 200,000 `[` raised
# RecursionError, and a 300 MB file would have become gigabytes of Python objects.
MAX_PACKAGE_BYTES = 20 * 1024 * 1024
MAX_PACKAGE_DEPTH = 20


@dataclass
class Problem:
    location: str
    message: str


class InvalidPackageError(Exception):
    """The package has problems; `problems` lists each with its location."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
