"""The vocabulary and limits of the course package format `icim-course/1`: its choices, its
field tables, the bounds on texts, lists and files, and the problems a package can have."""

import re
from dataclasses import dataclass

FORMAT = "icim-course/1"
LANGUAGES = ("en", "zh-hans", "de", "ar")
LEVELS = ("beginner", "intermediate", "advanced")
LESSON_KINDS = ("text", "video", "resource", "quiz")
# What anyone may open from the course page: a quiz's questions and a resource's file stay for
# learners.
PREVIEW_KINDS = ("text", "video")
QUESTION_KINDS = ("single_choice", "multiple_choice", "true_false", "numeric", "short_text")
GRADINGS = ("best", "last")
REVEALS = ("after_pass", "after_last_attempt", "never")
# What completes a video lesson: watching its share, or (the accessible default) that or reading
# its transcript.
VIDEO_COMPLETIONS = ("watched_or_transcript", "watched")
DEFAULT_VIDEO_WATCHED_PERCENT = 90
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

COURSE_FIELDS = {
    "slug",
    "code",
    "primary_language",
    "languages",
    "level",
    "estimated_hours",
    "institutions",
    "prerequisites",
    "competencies",
    "certificate_validity_months",
    "pass_mark",
    "show_grade_on_certificate",
    "translations",
    "modules",
}
COURSE_TEXTS = {
    "title": (MAX_TITLE, True),
    "summary": (2000, True),
    "description": (MAX_TEXT, True),
}
LESSON_FIELDS = {
    "key",
    "kind",
    "is_required",
    "duration_minutes",
    "competencies",
    "translations",
    "video_url",
    "video_completion",
    "video_watched_percent",
    "is_preview",
    "resource",
    "quiz",
}
LESSON_TEXTS = {
    "title": (MAX_TITLE, True),
    "body": (MAX_TEXT, False),
    "transcript": (MAX_TEXT, False),
    "captions": (MAX_TEXT, False),
}
QUIZ_FIELDS = {
    "pass_mark",
    "attempts_allowed",
    "time_limit_minutes",
    "shuffle_questions",
    "grading",
    "weight",
    "reveal_answers",
    "questions",
}
QUESTION_FIELDS = {
    "key",
    "kind",
    "points",
    "translations",
    "options",
    "answer",
    "tolerance",
    "accepted_answers",
}
QUESTION_TEXTS = {"prompt": (5000, True), "explanation": (5000, False)}


@dataclass
class Problem:
    location: str
    message: str


class InvalidPackageError(Exception):
    """The package has problems; `problems` lists each with its location."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
