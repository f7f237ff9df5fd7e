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


def _check_shape(question: OutlineQuestion, answer: Any) -> bool:
    if answer is None:
        return True  # unanswered: wrong, not malformed
    option_keys = {key for key, _correct, _texts in question.options}
    if question.kind == "single_choice":
        return isinstance(answer, str) and answer in option_keys
    if question.kind == "multiple_choice":
        return (
            isinstance(answer, list)
            and all(isinstance(item, str) and item in option_keys for item in answer)
            and len(set(answer)) == len(answer)
        )
    if question.kind == "true_false":
        return isinstance(answer, bool)
    if question.kind == "numeric":
        if isinstance(answer, bool) or not isinstance(answer, int | float | str):
            return False
        try:
            return Decimal(str(answer)).is_finite()
        except InvalidOperation:
            return False
    return isinstance(answer, str) and len(answer) <= 500


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
    errors = {key: [UNKNOWN_QUESTION] for key in answers if key not in questions}
    errors.update(
        {
            key: [MALFORMED_ANSWER]
            for key, question in questions.items()
            if not _check_shape(question, answers.get(key))
        }
    )
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
