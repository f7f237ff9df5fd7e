"""The course package format `icim-course/1`: validation of untrusted JSON into plain data.

Pure functions, no database: `validate_package` returns every problem with its location (e.g.
`course.modules[2].lessons[0].quiz.questions[3].options`) so an author can fix a file in one pass.

Texts are required in the primary (source) language only. A translation may be partial: a blank
or absent text in another language is a missing translation, counted by
`courses.api.translation_completeness` and filled in from the primary language for learners
(`courses.text.pick`), so an author can save a translation half done.
"""

import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

FORMAT = "icim-course/1"
LANGUAGES = ("en", "zh-hans", "de", "ar")
LEVELS = ("beginner", "intermediate", "advanced")
LESSON_KINDS = ("text", "video", "resource", "quiz")
QUESTION_KINDS = ("single_choice", "multiple_choice", "true_false", "numeric", "short_text")
GRADINGS = ("best", "last")
REVEALS = ("after_pass", "after_last_attempt", "never")
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
# A JSON string (skipped whole, so brackets inside texts do not count) or a bracket.
_STRING_OR_BRACKET = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


@dataclass
class Problem:
    location: str
    message: str


class InvalidPackageError(Exception):
    """The package has problems; `problems` lists each with its location."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def parse_package_json(content: bytes, *, location: str = "$") -> Any:
    """The JSON of a package file, or InvalidPackageError (at `location`) when it is larger than
    MAX_PACKAGE_BYTES, nests deeper than MAX_PACKAGE_DEPTH, or is not UTF-8 JSON. Size and depth
    are checked before parsing, so the parser never meets a hostile nesting."""
    if len(content) > MAX_PACKAGE_BYTES:
        raise InvalidPackageError(
            [Problem(location, f"is larger than {MAX_PACKAGE_BYTES // (1024 * 1024)} MB")]
        )
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(content):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_PACKAGE_DEPTH:
                raise InvalidPackageError(
                    [Problem(location, f"nests deeper than {MAX_PACKAGE_DEPTH} levels")]
                )
        elif token in (b"]", b"}"):
            depth -= 1
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidPackageError([Problem(location, f"is not valid JSON: {error}")]) from error


@dataclass
class _Checker:
    problems: list[Problem] = field(default_factory=list)
    seen_keys: set[str] = field(default_factory=set)
    # The course's primary language: the only one whose texts are required.
    primary: str = ""

    def fail(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def mapping(self, value: Any, location: str, *, allowed: set[str], required: set[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(location, "must be an object")
            return {}
        for name in sorted(set(value) - allowed):
            self.fail(f"{location}.{name}", "unknown field")
        for name in sorted(required - set(value)):
            self.fail(f"{location}.{name}", "is required")
        return value

    def choice(self, value: Any, location: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.fail(location, f"must be one of: {', '.join(choices)}")
            return choices[0]
        return str(value)

    def integer(
        self, value: Any, location: str, *, low: int, high: int, nullable: bool = False
    ) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(location, f"must be a whole number from {low} to {high}")
            return low
        return value

    def decimal(self, value: Any, location: str, *, low: Decimal | None = None) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(location, "must be a number")
            return Decimal(0)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(location, "must be a number")
            return Decimal(0)
        # copy_abs, not abs(): abs() rounds to the context and overflows on "1e999999999".
        if not number.is_finite() or number.copy_abs() >= Decimal(10) ** 13:
            self.fail(location, "must be a finite number below 10^13")
            return Decimal(0)
        if low is not None and number < low:
            self.fail(location, f"must be at least {low}")
        return number

    def boolean(self, value: Any, location: str) -> bool:
        if not isinstance(value, bool):
            self.fail(location, "must be true or false")
            return False
        return value

    def items(self, value: Any, location: str, *, minimum: int = 0) -> list:
        if not isinstance(value, list):
            self.fail(location, "must be a list")
            return []
        if len(value) < minimum:
            self.fail(location, f"needs at least {minimum} item(s)")
        if len(value) > MAX_ITEMS:
            self.fail(location, f"may hold at most {MAX_ITEMS} items")
            return value[:MAX_ITEMS]
        return value

    def key(self, value: Any, location: str) -> str:
        """A UUID identifying the item across versions; a fresh one when absent."""
        if value is None:
            return str(uuid.uuid4())
        try:
            key = str(uuid.UUID(str(value)))
        except ValueError:
            self.fail(location, "must be a UUID")
            return str(uuid.uuid4())
        if key in self.seen_keys:
            self.fail(location, "repeats a key used earlier in the package")
        self.seen_keys.add(key)
        return key

    def text(self, value: Any, location: str, *, limit: int, required: bool) -> str:
        if not isinstance(value, str):
            self.fail(location, "must be text")
            return ""
        if required and not value.strip():
            self.fail(location, "may not be blank")
        if len(value) > limit:
            self.fail(location, f"may hold at most {limit} characters")
        return value

    def translations(
        self,
        value: Any,
        location: str,
        *,
        languages: list[str],
        fields: dict[str, tuple[int, bool]],
    ) -> dict[str, dict[str, str]]:
        """Check {lang: {field: text}}: known languages and fields only; the required fields in
        the primary language. Other languages may leave any text blank or out (not translated
        yet); an absent language becomes empty texts."""
        if not isinstance(value, dict):
            self.fail(location, "must be an object keyed by language")
            return {}
        result: dict[str, dict[str, str]] = {}
        for language in sorted(set(value) - set(languages)):
            self.fail(f"{location}.{language}", "is not one of the course's languages")
        for language in languages:
            is_primary = language == self.primary
            if language not in value:
                if is_primary:
                    self.fail(f"{location}.{language}", "translation is missing")
                else:
                    result[language] = {}
                continue
            texts = self.mapping(
                value[language],
                f"{location}.{language}",
                allowed=set(fields),
                required={
                    name for name, (_limit, required) in fields.items() if required and is_primary
                },
            )
            result[language] = {
                name: self.text(
                    texts[name],
                    f"{location}.{language}.{name}",
                    limit=limit,
                    required=required and is_primary,
                )
                for name, (limit, required) in fields.items()
                if name in texts
            }
        return result

    def plain_translations(
        self, value: Any, location: str, *, languages: list[str]
    ) -> dict[str, str]:
        """Check {lang: text} as used by quiz options: required in the primary language only."""
        if not isinstance(value, dict):
            self.fail(location, "must be an object keyed by language")
            return {}
        for language in sorted(set(value) - set(languages)):
            self.fail(f"{location}.{language}", "is not one of the course's languages")
        result = {}
        for language in languages:
            is_primary = language == self.primary
            if language not in value:
                if is_primary:
                    self.fail(f"{location}.{language}", "translation is missing")
                else:
                    result[language] = ""
            else:
                result[language] = self.text(
                    value[language], f"{location}.{language}", limit=2000, required=is_primary
                )
        return result


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


def validate_package(data: Any) -> dict[str, Any]:
    """Return the package normalised (keys filled in), or raise InvalidPackageError listing all.

    References to other records (institutions, prerequisites, competencies, resources) are only
    checked for shape here; the caller resolves them against the database.
    """
    check = _Checker()
    root = check.mapping(data, "$", allowed={"format", "course"}, required={"format", "course"})
    if root.get("format", FORMAT) != FORMAT:
        check.fail("format", f"must be {FORMAT!r}")
    course = check.mapping(
        root.get("course", {}),
        "course",
        allowed=COURSE_FIELDS,
        required=COURSE_FIELDS - {"certificate_validity_months"},
    )
    slug = course.get("slug", "")
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug) or len(slug) > 80:
        check.fail("course.slug", "must be lowercase letters, digits and single hyphens (max 80)")
    check.text(course.get("code", ""), "course.code", limit=40, required=True)
    primary = check.choice(course.get("primary_language"), "course.primary_language", LANGUAGES)
    languages = [
        check.choice(language, f"course.languages[{index}]", LANGUAGES)
        for index, language in enumerate(
            check.items(course.get("languages"), "course.languages", minimum=1)
        )
    ]
    if len(set(languages)) != len(languages):
        check.fail("course.languages", "lists a language twice")
    if languages and languages[0] != primary:
        check.fail("course.languages", "must start with the primary language")
    check.primary = primary
    check.choice(course.get("level"), "course.level", LEVELS)
    check.integer(course.get("estimated_hours"), "course.estimated_hours", low=1, high=2000)
    check.integer(course.get("pass_mark"), "course.pass_mark", low=0, high=100)
    check.integer(
        course.get("certificate_validity_months"),
        "course.certificate_validity_months",
        low=1,
        high=240,
        nullable=True,
    )
    check.boolean(course.get("show_grade_on_certificate"), "course.show_grade_on_certificate")
    for name in ("institutions", "prerequisites", "competencies"):
        for index, item in enumerate(
            check.items(
                course.get(name), f"course.{name}", minimum=1 if name == "institutions" else 0
            )
        ):
            check.text(item, f"course.{name}[{index}]", limit=80, required=True)
    course["translations"] = check.translations(
        course.get("translations"),
        "course.translations",
        languages=languages,
        fields=COURSE_TEXTS,
    )
    course_competencies = set(course.get("competencies") or [])
    for module_index, module in enumerate(
        check.items(course.get("modules"), "course.modules", minimum=1)
    ):
        _validate_module(
            check, module, f"course.modules[{module_index}]", languages, course_competencies
        )
    if check.problems:
        raise InvalidPackageError(check.problems)
    return root


def _validate_module(
    check: _Checker, module: Any, location: str, languages: list[str], course_competencies: set[str]
) -> None:
    module = check.mapping(
        module,
        location,
        allowed={"key", "translations", "lessons"},
        required={"translations", "lessons"},
    )
    module["key"] = check.key(module.get("key"), f"{location}.key")
    module["translations"] = check.translations(
        module.get("translations"),
        f"{location}.translations",
        languages=languages,
        fields={"title": (MAX_TITLE, True)},
    )
    for index, lesson in enumerate(
        check.items(module.get("lessons"), f"{location}.lessons", minimum=1)
    ):
        _validate_lesson(
            check, lesson, f"{location}.lessons[{index}]", languages, course_competencies
        )


def _validate_lesson(
    check: _Checker, lesson: Any, location: str, languages: list[str], course_competencies: set[str]
) -> None:
    lesson = check.mapping(
        lesson, location, allowed=LESSON_FIELDS, required={"kind", "translations"}
    )
    lesson["key"] = check.key(lesson.get("key"), f"{location}.key")
    kind = check.choice(lesson.get("kind"), f"{location}.kind", LESSON_KINDS)
    lesson.setdefault("is_required", True)
    check.boolean(lesson["is_required"], f"{location}.is_required")
    lesson.setdefault("duration_minutes", 0)
    check.integer(lesson["duration_minutes"], f"{location}.duration_minutes", low=0, high=10_000)
    for index, code in enumerate(
        check.items(lesson.setdefault("competencies", []), f"{location}.competencies")
    ):
        if code not in course_competencies:
            check.fail(
                f"{location}.competencies[{index}]", "must be one of the course's competencies"
            )
    lesson["translations"] = check.translations(
        lesson.get("translations"),
        f"{location}.translations",
        languages=languages,
        fields=LESSON_TEXTS,
    )
    if kind == "video":
        url = lesson.get("video_url")
        if not isinstance(url, str) or not re.match(r"^https://\S+$", url) or len(url) > 500:
            check.fail(f"{location}.video_url", "must be an https:// URL")
    elif "video_url" in lesson:
        check.fail(f"{location}.video_url", "only video lessons have a video URL")
    if kind == "resource":
        check.text(lesson.get("resource"), f"{location}.resource", limit=200, required=True)
    elif "resource" in lesson:
        check.fail(f"{location}.resource", "only resource lessons have a file")
    if kind == "quiz":
        _validate_quiz(check, lesson.get("quiz"), f"{location}.quiz", languages)
    elif "quiz" in lesson:
        check.fail(f"{location}.quiz", "only quiz lessons have a quiz")


def _validate_quiz(check: _Checker, quiz: Any, location: str, languages: list[str]) -> None:
    quiz = check.mapping(quiz, location, allowed=QUIZ_FIELDS, required={"pass_mark", "questions"})
    check.integer(quiz.get("pass_mark"), f"{location}.pass_mark", low=0, high=100)
    quiz.setdefault("attempts_allowed", None)
    check.integer(
        quiz["attempts_allowed"], f"{location}.attempts_allowed", low=1, high=1000, nullable=True
    )
    quiz.setdefault("time_limit_minutes", None)
    check.integer(
        quiz["time_limit_minutes"],
        f"{location}.time_limit_minutes",
        low=1,
        high=1440,
        nullable=True,
    )
    quiz.setdefault("shuffle_questions", False)
    check.boolean(quiz["shuffle_questions"], f"{location}.shuffle_questions")
    quiz["grading"] = check.choice(quiz.get("grading", "best"), f"{location}.grading", GRADINGS)
    quiz["weight"] = str(check.decimal(quiz.get("weight", 1), f"{location}.weight", low=Decimal(0)))
    reveal = quiz.get("reveal_answers", "after_pass")
    if reveal == LEGACY_REVEAL:
        if quiz["attempts_allowed"] != 1:
            check.fail(f"{location}.reveal_answers", KEYS_GIVEN_AWAY)
        reveal = "after_last_attempt"
    quiz["reveal_answers"] = check.choice(reveal, f"{location}.reveal_answers", REVEALS)
    for index, question in enumerate(
        check.items(quiz.get("questions"), f"{location}.questions", minimum=1)
    ):
        _validate_question(check, question, f"{location}.questions[{index}]", languages)


def _validate_question(check: _Checker, question: Any, location: str, languages: list[str]) -> None:
    question = check.mapping(
        question, location, allowed=QUESTION_FIELDS, required={"kind", "translations"}
    )
    question["key"] = check.key(question.get("key"), f"{location}.key")
    kind = check.choice(question.get("kind"), f"{location}.kind", QUESTION_KINDS)
    question["points"] = str(
        check.decimal(question.get("points", 1), f"{location}.points", low=Decimal(0))
    )
    question["translations"] = check.translations(
        question.get("translations"),
        f"{location}.translations",
        languages=languages,
        fields=QUESTION_TEXTS,
    )
    expected = {
        "single_choice": {"options"},
        "multiple_choice": {"options"},
        "true_false": {"answer"},
        "numeric": {"answer", "tolerance"},
        "short_text": {"accepted_answers"},
    }[kind]
    for name in sorted(
        {"options", "answer", "tolerance", "accepted_answers"} & set(question) - expected
    ):
        check.fail(f"{location}.{name}", f"does not apply to {kind} questions")
    if kind in {"single_choice", "multiple_choice"}:
        options = check.items(question.get("options"), f"{location}.options", minimum=2)
        correct = 0
        for index, option in enumerate(options):
            where = f"{location}.options[{index}]"
            option = check.mapping(
                option,
                where,
                allowed={"key", "is_correct", "translations"},
                required={"is_correct", "translations"},
            )
            option["key"] = check.key(option.get("key"), f"{where}.key")
            correct += check.boolean(option.get("is_correct"), f"{where}.is_correct")
            option["translations"] = check.plain_translations(
                option.get("translations"), f"{where}.translations", languages=languages
            )
        if kind == "single_choice" and options and correct != 1:
            check.fail(
                f"{location}.options", "a single-choice question needs exactly one correct option"
            )
        if kind == "multiple_choice" and options and correct < 1:
            check.fail(f"{location}.options", "needs at least one correct option")
    elif kind == "true_false":
        check.boolean(question.get("answer"), f"{location}.answer")
    elif kind == "numeric":
        question["answer"] = str(check.decimal(question.get("answer"), f"{location}.answer"))
        question["tolerance"] = str(
            check.decimal(question.get("tolerance", 0), f"{location}.tolerance", low=Decimal(0))
        )
    else:
        accepted = question.get("accepted_answers")
        if not isinstance(accepted, dict):
            check.fail(f"{location}.accepted_answers", "must be an object keyed by language")
            return
        for language in languages:
            is_primary = language == check.primary
            answers = check.items(
                accepted.get(language, [] if not is_primary else None),
                f"{location}.accepted_answers.{language}",
                minimum=1 if is_primary else 0,
            )
            for index, answer in enumerate(answers):
                check.text(
                    answer,
                    f"{location}.accepted_answers.{language}[{index}]",
                    limit=200,
                    required=is_primary,
                )
            if not is_primary:
                # Blank lines of a translation in progress are no answers.
                accepted[language] = [
                    answer for answer in answers if isinstance(answer, str) and answer.strip()
                ]
        for language in sorted(set(accepted) - set(languages)):
            check.fail(
                f"{location}.accepted_answers.{language}", "is not one of the course's languages"
            )
