"""Validation of a whole package: its structure, course, modules, lessons, quizzes and
questions, normalised (keys filled in) into plain data."""

import re
from decimal import Decimal
from typing import Any

from courses.captions import check_lesson_captions
from courses.packages.checker import Checker
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
    MAX_TITLE,
    PREVIEW_KINDS,
    QUESTION_FIELDS,
    QUESTION_KINDS,
    QUESTION_TEXTS,
    QUIZ_FIELDS,
    REVEALS,
    SLUG_PATTERN,
    VIDEO_COMPLETIONS,
    InvalidPackageError,
)


def validate_package(data: Any) -> dict[str, Any]:
    """Return the package normalised (keys filled in), or raise InvalidPackageError listing all.

    References to other records (institutions, prerequisites, competencies, resources) are only
    checked for shape here; the caller resolves them against the database.
    """
    check = Checker()
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
    check: Checker, module: Any, location: str, languages: list[str], course_competencies: set[str]
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
    check: Checker, lesson: Any, location: str, languages: list[str], course_competencies: set[str]
) -> None:
    lesson = check.mapping(
        lesson, location, allowed=LESSON_FIELDS, required={"kind", "translations"}
    )
    lesson["key"] = check.key(lesson.get("key"), f"{location}.key")
    kind = check.choice(lesson.get("kind"), f"{location}.kind", LESSON_KINDS)
    lesson.setdefault("is_required", True)
    check.boolean(lesson["is_required"], f"{location}.is_required")
    lesson.setdefault("is_preview", False)
    if check.boolean(lesson["is_preview"], f"{location}.is_preview") and kind not in PREVIEW_KINDS:
        check.fail(f"{location}.is_preview", "only text and video lessons can be previews")
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
    check_lesson_captions(check.fail, lesson["translations"], f"{location}.translations")
    if kind == "video":
        url = lesson.get("video_url")
        if not isinstance(url, str) or not re.match(r"^https://\S+$", url) or len(url) > 500:
            check.fail(f"{location}.video_url", "must be an https:// URL")
        lesson["video_completion"] = check.choice(
            lesson.get("video_completion", VIDEO_COMPLETIONS[0]),
            f"{location}.video_completion",
            VIDEO_COMPLETIONS,
        )
        lesson.setdefault("video_watched_percent", DEFAULT_VIDEO_WATCHED_PERCENT)
        check.integer(
            lesson["video_watched_percent"], f"{location}.video_watched_percent", low=1, high=100
        )
    else:
        if "video_url" in lesson:
            check.fail(f"{location}.video_url", "only video lessons have a video URL")
        for name in ("video_completion", "video_watched_percent"):
            if name in lesson:
                check.fail(f"{location}.{name}", "only video lessons have a completion rule")
    if kind == "resource":
        check.text(lesson.get("resource"), f"{location}.resource", limit=200, required=True)
    elif "resource" in lesson:
        check.fail(f"{location}.resource", "only resource lessons have a file")
    if kind == "quiz":
        _validate_quiz(check, lesson.get("quiz"), f"{location}.quiz", languages)
    elif "quiz" in lesson:
        check.fail(f"{location}.quiz", "only quiz lessons have a quiz")


def _validate_quiz(check: Checker, quiz: Any, location: str, languages: list[str]) -> None:
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


def _validate_question(check: Checker, question: Any, location: str, languages: list[str]) -> None:
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
