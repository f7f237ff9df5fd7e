"""Auto-grading of quiz answers: pure functions over a quiz outline, no database."""

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from courses import api as courses_api

OutlineQuestion = courses_api.OutlineQuestion
OutlineQuiz = courses_api.OutlineQuiz

MALFORMED_ANSWER = gettext_lazy("This answer does not fit the question's kind.")
UNKNOWN_QUESTION = gettext_lazy("This question is not part of the quiz.")
NUMERIC_ANSWER_OUT_OF_RANGE = gettext_lazy(
    "A numeric answer must be a number below 10^13 in size, written in at most 40 characters."
)
# The bounds authors' numeric answers have (courses.packages), so arithmetic on an answer can
# never overflow Decimal's context: "1e999999999" is a finite Decimal that cannot be subtracted.
NUMERIC_ANSWER_MAX_MAGNITUDE = Decimal(10) ** 13
NUMERIC_ANSWER_MAX_CHARACTERS = 40
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class GradedAttempt:
    score: Decimal  # percentage, two decimals
    points: Decimal
    max_points: Decimal
    passed: bool
    feedback: list[dict[str, Any]]


def normalize_text(value: str) -> str:
    """Case-, width- and spacing-insensitive form used to compare short text answers."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return " ".join(folded.split()).strip(" .,;:!?。，；：！？")


def _shape_error(question: OutlineQuestion, answer: Any) -> str | None:
    """Why the answer cannot be graded for this question, or None when it can."""
    if answer is None:
        return None  # unanswered: wrong, not malformed
    if question.kind == "numeric":
        return _numeric_shape_error(answer)
    option_keys = {key for key, _correct, _texts in question.options}
    if question.kind == "single_choice":
        fits = isinstance(answer, str) and answer in option_keys
    elif question.kind == "multiple_choice":
        fits = (
            isinstance(answer, list)
            and all(isinstance(item, str) and item in option_keys for item in answer)
            and len(set(answer)) == len(answer)
        )
    elif question.kind == "true_false":
        fits = isinstance(answer, bool)
    else:
        fits = isinstance(answer, str) and len(answer) <= 500
    return None if fits else str(MALFORMED_ANSWER)


def _numeric_shape_error(answer: Any) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, int | float | str):
        return str(MALFORMED_ANSWER)
    text = str(answer)
    if len(text) > NUMERIC_ANSWER_MAX_CHARACTERS:
        return str(NUMERIC_ANSWER_OUT_OF_RANGE)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return str(MALFORMED_ANSWER)
    if not number.is_finite():
        return str(MALFORMED_ANSWER)
    # copy_abs, not abs(): abs() rounds to the context and overflows on a huge exponent.
    if number.copy_abs() >= NUMERIC_ANSWER_MAX_MAGNITUDE:
        return str(NUMERIC_ANSWER_OUT_OF_RANGE)
    return None


def _is_correct(question: OutlineQuestion, answer: Any) -> bool:
    if answer is None:
        return False
    if question.kind == "single_choice":
        return any(key == answer and correct for key, correct, _texts in question.options)
    if question.kind == "multiple_choice":
        return set(answer) == {key for key, correct, _texts in question.options if correct}
    if question.kind == "true_false":
        return bool(answer is question.true_false_answer)
    if question.kind == "numeric":
        if question.numeric_answer is None:
            return False
        return abs(Decimal(str(answer)) - question.numeric_answer) <= question.numeric_tolerance
    accepted = {
        normalize_text(text) for texts in question.accepted_answers.values() for text in texts
    }
    return normalize_text(answer) in accepted


def _correct_answer(question: OutlineQuestion) -> Any:
    if question.kind == "single_choice":
        return next(key for key, correct, _texts in question.options if correct)
    if question.kind == "multiple_choice":
        return [key for key, correct, _texts in question.options if correct]
    if question.kind == "true_false":
        return question.true_false_answer
    if question.kind == "numeric":
        return str(question.numeric_answer)
    return None  # short text: accepted answers are language-specific; the explanation says it


def grade_quiz(
    quiz: OutlineQuiz, answers: Any, *, language: str, primary_language: str, reveal: bool
) -> GradedAttempt:
    """Grade `answers` ({question key: answer}) against the quiz.

    Every question is all-or-nothing; unanswered questions score zero. Raises ValidationError
    with a message per offending question key for unknown questions or answers of the wrong
    shape. `reveal` adds the correct answer and explanation to each question's feedback.
    """
    if not isinstance(answers, dict):
        raise ValidationError({"answers": [MALFORMED_ANSWER]})
    questions = {question.key: question for question in quiz.questions}
    errors: dict[str, list[Any]] = {
        key: [UNKNOWN_QUESTION] for key in answers if key not in questions
    }
    for key, question in questions.items():
        problem = _shape_error(question, answers.get(key))
        if problem is not None:
            errors[key] = [problem]
    if errors:
        raise ValidationError({f"answers.{key}": value for key, value in errors.items()})
    points = Decimal(0)
    max_points = Decimal(0)
    feedback = []
    for question in quiz.questions:
        correct = _is_correct(question, answers.get(question.key))
        awarded = question.points if correct else Decimal(0)
        points += awarded
        max_points += question.points
        item: dict[str, Any] = {
            "question": question.key,
            "correct": correct,
            "points": str(awarded),
            "max_points": str(question.points),
        }
        if reveal:
            texts = courses_api.pick(question.translations, language, primary_language)
            item["correct_answer"] = _correct_answer(question)
            item["explanation"] = texts.get("explanation", "")
        feedback.append(item)
    score = (points * HUNDRED / max_points).quantize(Decimal("0.01")) if max_points else HUNDRED
    return GradedAttempt(
        score=score,
        points=points,
        max_points=max_points,
        passed=score >= quiz.pass_mark,
        feedback=feedback,
    )
