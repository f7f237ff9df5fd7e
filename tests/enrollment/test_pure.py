"""Pure parts of enrollment: grading, segment merging, xAPI statements."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses.outline import OutlineQuestion, OutlineQuiz
from enrollment.grading import grade_quiz, normalize_text
from enrollment.progress import merge_segments, watched_seconds
from enrollment.xapi import build_statement

QUESTIONS = (
    OutlineQuestion(
        key="q1",
        kind="single_choice",
        points=Decimal(1),
        translations={"en": {"prompt": "?", "explanation": "LD is graphical."}},
        options=(("a", True, {"en": "LD"}), ("b", False, {"en": "ST"})),
    ),
    OutlineQuestion(
        key="q2",
        kind="multiple_choice",
        points=Decimal(2),
        translations={},
        options=(("x", True, {}), ("y", True, {}), ("z", False, {})),
    ),
    OutlineQuestion(
        key="q3", kind="true_false", points=Decimal(1), translations={}, true_false_answer=False
    ),
    OutlineQuestion(
        key="q4",
        kind="numeric",
        points=Decimal(1),
        translations={},
        numeric_answer=Decimal("3.3"),
        numeric_tolerance=Decimal("0.05"),
    ),
    OutlineQuestion(
        key="q5",
        kind="short_text",
        points=Decimal(1),
        translations={},
        accepted_answers={"en": ["ladder diagram"], "de": ["Kontaktplan"]},
    ),
)
QUIZ = OutlineQuiz(
    pass_mark=70,
    attempts_allowed=3,
    time_limit_minutes=None,
    shuffle_questions=False,
    grading="best",
    weight=Decimal(1),
    reveal_answers="after_submit",
    questions=QUESTIONS,
)


def _grade(answers: object, reveal: bool = False) -> object:
    return grade_quiz(QUIZ, answers, language="en", primary_language="en", reveal=reveal)


def test_all_correct_answers_score_100_and_reveal_explanations() -> None:
    graded = _grade(
        {"q1": "a", "q2": ["y", "x"], "q3": False, "q4": "3.34", "q5": "  KONTAKTPLAN. "},
        reveal=True,
    )

    assert (graded.score, graded.points, graded.max_points, graded.passed) == (
        Decimal("100.00"),
        Decimal(6),
        Decimal(6),
        True,
    )
    assert graded.feedback[0] == {
        "question": "q1",
        "correct": True,
        "points": "1",
        "max_points": "1",
        "correct_answer": "a",
        "explanation": "LD is graphical.",
    }


def test_partial_multiple_choice_tolerance_and_unanswered_score_zero() -> None:
    graded = _grade({"q1": "b", "q2": ["x"], "q4": 3.36})

    assert [item["correct"] for item in graded.feedback] == [False, False, False, False, False]
    assert (graded.score, graded.passed) == (Decimal("0.00"), False)
    assert "correct_answer" not in graded.feedback[0]


def test_a_mixed_attempt_is_scored_by_points() -> None:
    graded = _grade({"q1": "a", "q2": ["x", "y"], "q3": True, "q4": 3.25, "q5": "ladder"})

    # q1 (1) + q2 (2) + q4 (1, within 0.05) = 4 of 6 points
    assert (graded.score, graded.passed) == (Decimal("66.67"), False)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"q1": "nope"}, "answers.q1"),
        ({"q2": "x"}, "answers.q2"),
        ({"q3": "yes"}, "answers.q3"),
        ({"q4": "NaN"}, "answers.q4"),
        ({"q4": True}, "answers.q4"),
        ({"q5": 7}, "answers.q5"),
        ({"q9": "a"}, "answers.q9"),
        ({"q2": ["x", "x"]}, "answers.q2"),
        ("all of them", "answers"),
    ],
)
def test_malformed_answers_name_the_question(answers: object, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        _grade(answers)

    assert list(error.value.message_dict) == [field]


def test_short_text_is_compared_without_case_width_or_spacing() -> None:
    assert normalize_text("  Ｌａｄｄｅｒ   DIAGRAM。") == "ladder diagram"


def test_watched_segments_merge_and_clip() -> None:
    merged = merge_segments([[10, 20], [0, 5], [4, 12], [50, 80], [90, 70]], limit=60)

    assert merged == [[0.0, 20.0], [50.0, 60.0]]
    assert watched_seconds(merged) == 30.0


def test_statement_identifies_the_learner_by_account_and_carries_the_score() -> None:
    statement = build_statement(
        statement_id="6f1c2f8e-7c4e-4a0c-9a1d-0d1f3e2a1b00",
        verb="passed",
        home_page="https://academy.example",
        account_name="42",
        course_url="https://academy.example/courses/plc",
        course_name="PLC",
        registration="0a7c2a6e-9b1e-4c57-8d4b-5a0e8c2f9d11",
        language="en",
        timestamp=datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
        lesson_url="https://academy.example/courses/plc/lessons/k",
        lesson_kind="quiz",
        lesson_name="Final quiz",
        score=Decimal("87.5"),
        success=True,
    )

    assert statement["actor"] == {
        "objectType": "Agent",
        "account": {"homePage": "https://academy.example", "name": "42"},
    }
    assert "mbox" not in str(statement)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert statement["object"]["definition"]["type"] == (
        "http://adlnet.gov/expapi/activities/assessment"
    )
    assert statement["result"] == {
        "score": {"scaled": 0.875, "raw": 87.5, "min": 0, "max": 100},
        "success": True,
    }
    assert statement["context"]["contextActivities"]["parent"][0]["id"] == (
        "https://academy.example/courses/plc"
    )
    assert statement["timestamp"] == "2026-11-24T12:00:00+00:00"
