"""QTI 1.2 assessments (the Common Cartridge profile, and Canvas's metadata) read into the
platform's quiz questions (no database).

A question's type comes from its `cc_profile` (cc.multiple_choice, cc.multiple_response,
cc.true_false, cc.fib, cc.pattern_match, cc.essay) or Canvas's `question_type`
(numerical_question, fill_in_multiple_blanks_question, ...), else from its response shape. The
correct responses are those of a `respcondition` that sets a positive score; a `varequal` under
`<not>` is a wrong one. Numeric answers come from `vargte`/`varlte` bounds (the middle, and half
the width as tolerance) or a single `varequal`.
"""

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element

from django.utils.translation import gettext_lazy as _

from interchange import mapping
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status
from interchange.xml import attribute, child, children, descendants, local, text

__all__ = ["read_assessment"]

_PROFILES = {
    "cc.multiple_choice.v0p1": "multiple_choice",
    "cc.multiple_response.v0p1": "multiple_response",
    "cc.true_false.v0p1": "true_false",
    "cc.fib.v0p1": "fill_in_blank",
    "cc.pattern_match.v0p1": "pattern_match",
    "cc.essay.v0p1": "essay",
}
_CANVAS_TYPES = {
    "multiple_choice_question": "multiple_choice",
    "multiple_answers_question": "multiple_response",
    "true_false_question": "true_false",
    "short_answer_question": "fill_in_blank",
    "fill_in_multiple_blanks_question": "fill_in_multiple_blanks",
    "numerical_question": "numerical",
    "essay_question": "essay",
    "matching_question": "matching",
    "multiple_dropdowns_question": "multiple_dropdowns",
    "calculated_question": "calculated",
    "file_upload_question": "file_upload",
    "text_only_question": "text_only",
}
_TRUE_WORDS = {"true", "wahr", "richtig", "yes", "对", "正确", "是", "صح", "صحيح"}
_FALSE_WORDS = {"false", "falsch", "no", "错", "错误", "否", "خطأ"}
NO_CORRECT_ANSWER = _("The question has no correct answer.")
# The number is mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
QUIZ_FULL = _("A quiz holds at most 200 questions; the assessment has more.")
NOT_AUTO_GRADED = _(
    "The platform grades only choice, true/false, numeric and short-text questions."
)


def _metadata(element: Element | None) -> dict[str, str]:
    """The `qtimetadatafield` label → entry pairs below `element`."""
    fields = {}
    for field in descendants(element, "qtimetadatafield"):
        label = text(child(field, "fieldlabel"))
        if label:
            fields[label] = text(child(field, "fieldentry"))
    return fields


def _material(element: Element | None) -> str:
    """The text of the first `material` below `element`, HTML sanitised."""
    material = child(element, "material") if element is not None else None
    if material is None:
        found = descendants(element, "material")
        material = found[0] if found else None
    parts = []
    for piece in descendants(material, "mattext"):
        value = piece.text or ""
        if "html" in attribute(piece, "texttype"):
            value = mapping.safe_html(value)
        parts.append(value.strip())
    return "\n\n".join(part for part in parts if part)


def _feedback(item: Element) -> str:
    """The item's general feedback (`itemfeedback`, the general one first), as an explanation."""
    feedbacks = children(item, "itemfeedback")
    feedbacks.sort(key=lambda feedback: attribute(feedback, "ident") != "general_fb")
    for feedback in feedbacks:
        explanation = _material(feedback)
        if explanation:
            return explanation
    return ""


def _positive(condition: Element) -> bool:
    for setvar in children(condition, "setvar"):
        try:
            if Decimal(text(setvar) or "0") > 0 and attribute(setvar, "action") != "Subtract":
                return True
        except InvalidOperation:
            continue
    return False


def _correct_values(item: Element) -> tuple[set[str], list[Element]]:
    """The response values a scoring condition accepts, and those conditions."""
    correct: set[str] = set()
    scoring = []
    for condition in descendants(child(item, "resprocessing"), "respcondition"):
        if not _positive(condition):
            continue
        scoring.append(condition)
        variables = child(condition, "conditionvar")
        negated = {
            id(node) for negation in descendants(variables, "not") for node in negation.iter()
        }
        for equal in descendants(variables, "varequal"):
            if id(equal) not in negated and text(equal):
                correct.add(text(equal))
    return correct, scoring


def _question_type(item: Element) -> str:
    fields = _metadata(child(item, "itemmetadata"))
    canvas = _CANVAS_TYPES.get(fields.get("question_type", ""))
    if canvas:
        return canvas
    profile = _PROFILES.get(fields.get("cc_profile", ""))
    if profile:
        return profile
    presentation = child(item, "presentation")
    if descendants(presentation, "render_fib"):
        return "fill_in_blank"
    lid = descendants(presentation, "response_lid")
    if lid:
        return (
            "multiple_response"
            if attribute(lid[0], "rcardinality") == "Multiple"
            else "multiple_choice"
        )
    return "unknown"


def _points(item: Element) -> str:
    fields = _metadata(child(item, "itemmetadata"))
    for label in ("points_possible", "qmd_weighting"):
        try:
            value = Decimal(fields.get(label, ""))
        except InvalidOperation:
            continue
        if value > 0:
            return str(value.normalize())
    return "1"


def _choices(item: Element) -> list[tuple[str, str]]:
    return [
        (attribute(label, "ident"), _material(label))
        for label in descendants(child(item, "presentation"), "response_label")
    ]


def _numeric(scoring: list[Element]) -> tuple[Decimal, Decimal] | None:
    for condition in scoring:
        variables = child(condition, "conditionvar")
        try:
            low = [
                Decimal(text(node))
                for node in descendants(variables, "vargte") + descendants(variables, "vargt")
            ]
            high = [
                Decimal(text(node))
                for node in descendants(variables, "varlte") + descendants(variables, "varlt")
            ]
            exact = [Decimal(text(node)) for node in descendants(variables, "varequal")]
        except InvalidOperation:
            continue
        if low and high:
            return (low[0] + high[0]) / 2, abs(high[0] - low[0]) / 2
        if exact:
            return exact[0], Decimal(0)
    return None


def _question(
    item: Element, kind: str, language: str
) -> tuple[dict[str, Any] | None, Status, Reason]:
    """The package question for a QTI item, its status, and the reason when not plain."""
    prompt = _material(child(item, "presentation")) or attribute(item, "title") or "Question"
    base: dict[str, Any] = {
        "key": str(uuid.uuid4()),
        "points": _points(item),
        "translations": {
            language: {"prompt": prompt[:5000], "explanation": _feedback(item)[:5000]}
        },
    }
    correct, scoring = _correct_values(item)
    if kind in {"multiple_choice", "multiple_response", "true_false"}:
        choices = _choices(item)
        right = [ident for ident, _label in choices if ident in correct]
        if not right:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        if kind == "true_false" and len(choices) == 2:
            words = {label.strip().lower(): ident for ident, label in choices}
            true_ident = next((words[word] for word in words if word in _TRUE_WORDS), None)
            if true_ident is not None and any(word in _FALSE_WORDS for word in words):
                return {**base, "kind": "true_false", "answer": true_ident in correct}, IMPORTED, ""
        if len(choices) < 2:
            return None, NOT_IMPORTED, _("A choice question needs at least two options.")
        single = kind != "multiple_response" and len(right) == 1
        options = [
            {
                "key": str(uuid.uuid4()),
                "is_correct": ident in correct,
                "translations": {language: label[:2000]},
            }
            for ident, label in choices
        ]
        status: Status = IMPORTED
        reason: Reason = ""
        if kind == "multiple_choice" and not single:
            status, reason = (
                APPROXIMATED,
                _("Several options are correct: a multiple-choice question."),
            )
        if kind == "true_false":
            status, reason = (
                APPROXIMATED,
                _("Its options are not True and False: a single-choice question."),
            )
        return (
            {**base, "kind": "single_choice" if single else "multiple_choice", "options": options},
            status,
            reason,
        )
    if kind == "numerical":
        answer = _numeric(scoring)
        if answer is None:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        value, tolerance = answer
        return (
            {**base, "kind": "numeric", "answer": str(value), "tolerance": str(tolerance)},
            IMPORTED,
            "",
        )
    if kind in {"fill_in_blank", "pattern_match", "fill_in_multiple_blanks"}:
        if not correct:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        answers = sorted(value[:200] for value in correct)
        question = {**base, "kind": "short_text", "accepted_answers": {language: answers}}
        if kind == "pattern_match":
            return question, APPROXIMATED, _("Patterns are matched as whole answers.")
        if kind == "fill_in_multiple_blanks":
            return (
                question,
                APPROXIMATED,
                _("Several blanks became one short answer accepting any of their answers."),
            )
        return question, IMPORTED, ""
    return None, NOT_IMPORTED, NOT_AUTO_GRADED


def read_assessment(
    root: Element, *, language: str, source: str, report: ReportBuilder
) -> tuple[str, dict[str, Any] | None]:
    """The assessment's title and its package quiz (None when no question could be imported),
    each question recorded in `report` as `question:<its source type>`."""
    assessment = root if local(root.tag) == "assessment" else child(root, "assessment")
    if assessment is None:
        assessment = root
    title = attribute(assessment, "title")
    fields = _metadata(child(assessment, "qtimetadata"))
    questions: list[dict[str, Any]] = []
    for item in descendants(assessment, "item"):
        kind = _question_type(item)
        location = f"{source}#{attribute(item, 'ident')}"
        question, status, reason = _question(item, kind, language)
        if question is not None and len(questions) >= mapping.MAX_ITEMS:
            question, status, reason = None, NOT_IMPORTED, QUIZ_FULL
        report.add(
            kind=f"question:{kind}",
            title=attribute(item, "title")
            or (question or {}).get("translations", {}).get(language, {}).get("prompt", "")[:80],
            source=location,
            status=status,
            reason=reason,
        )
        if question is not None:
            questions.append(question)
    if not questions:
        return title, None
    attempts = fields.get("cc_maxattempts", "")
    time_limit = fields.get("qmd_timelimit", "")
    return title, {
        "pass_mark": 70,
        "attempts_allowed": int(attempts)
        if attempts.isdigit() and 0 < int(attempts) <= 1000
        else None,
        "time_limit_minutes": int(time_limit)
        if time_limit.isdigit() and 0 < int(time_limit) <= 1440
        else None,
        "shuffle_questions": False,
        "grading": "best",
        "weight": "1",
        "reveal_answers": "after_pass",
        "questions": questions,
    }
