"""A Moodle backup's question bank (`questions.xml`) read into the platform's quiz questions (no
database).

Moodle 3.x lists `question_categories/question_category/questions/question`, which a quiz names
by `questionid`; Moodle 4.x puts each question in
`question_bank_entries/question_bank_entry/question_version/question_versions/questions`, which a
quiz names by `question_reference/questionbankentryid` (and a version, or the latest). The
answers of a question sit in `plugin_qtype_<qtype>_question/answers/answer`, each with its
`fraction` of the mark: a positive fraction is a correct answer.
"""

import html
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element

from django.utils.translation import gettext_lazy as _

from interchange import mapping
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, Status
from interchange.xml import attribute, child, children, descendants, text

__all__ = ["NO_CORRECT_ANSWER", "QuestionBank", "read_bank", "read_question"]

NULL = "$@NULL@$"
NO_CORRECT_ANSWER = _("The question has no correct answer.")
NOT_AUTO_GRADED = _(
    "The platform grades only choice, true/false, numeric and short-text questions."
)
RANDOM = _("A random question drawn from a category has no equivalent on the platform.")
_TAGS = re.compile(r"<[^>]*>")


@dataclass
class QuestionBank:
    """The questions of a backup by their id, and a 4.x bank entry's versions (number → id)."""

    questions: dict[str, Element] = field(default_factory=dict)
    entries: dict[str, dict[int, str]] = field(default_factory=dict)
    # Category name → its questions (each the ids of one question's versions), for the lines of
    # those no quiz uses.
    categories: dict[str, list[set[str]]] = field(default_factory=dict)

    def by_reference(self, entry_id: str, version: str) -> Element | None:
        """The question of a bank entry: the version named, else the latest."""
        versions = self.entries.get(entry_id, {})
        if not versions:
            return None
        number = int(version) if version.isdigit() else max(versions)
        question_id = versions.get(number)
        return self.questions.get(question_id) if question_id else None


def read_bank(root: Element) -> QuestionBank:
    """Every question of `questions.xml` (either layout)."""
    bank = QuestionBank()
    for category in descendants(root, "question_category"):
        name = text(child(category, "name")) or attribute(category, "id")
        ids = bank.categories.setdefault(name, [])
        for question in children(child(category, "questions"), "question"):
            bank.questions[attribute(question, "id")] = question
            ids.append({attribute(question, "id")})
        for entry in descendants(category, "question_bank_entry"):
            versions = bank.entries.setdefault(attribute(entry, "id"), {})
            every_version: set[str] = set()
            for version in descendants(entry, "question_versions"):
                number = text(child(version, "version"))
                for question in descendants(version, "question"):
                    bank.questions[attribute(question, "id")] = question
                    every_version.add(attribute(question, "id"))
                    if number.isdigit():
                        versions[int(number)] = attribute(question, "id")
            ids.append(every_version)
    return bank


def _value(element: Element | None, name: str) -> str:
    found = text(child(element, name))
    return "" if found == NULL else found


def plain(markup: str) -> str:
    """HTML as the plain text of an option or accepted answer."""
    return " ".join(html.unescape(_TAGS.sub(" ", markup)).split())


def _fraction(answer: Element) -> Decimal:
    try:
        return Decimal(_value(answer, "fraction") or "0")
    except InvalidOperation:
        return Decimal(0)


def _answers(question: Element, qtype: str) -> list[Element]:
    plugin = child(question, f"plugin_qtype_{qtype}_question")
    return children(child(plugin, "answers"), "answer")


def _detail(question: Element, qtype: str, name: str) -> Element | None:
    plugin = child(question, f"plugin_qtype_{qtype}_question")
    found = descendants(plugin, name)
    return found[0] if found else None


def _positive_number(value: str, fallback: str = "1") -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:
        return fallback
    return str(number.normalize()) if number > 0 else fallback


def read_question(
    question: Element, *, language: str, points: str
) -> tuple[str, dict[str, Any] | None, Status, Reason]:
    """The question's qtype, its package question (None when not imported), status and reason."""
    qtype = _value(question, "qtype") or "unknown"
    prompt = mapping.safe_html(_value(question, "questiontext")) or _value(question, "name")
    base: dict[str, Any] = {
        "key": str(uuid.uuid4()),
        "points": _positive_number(points, _positive_number(_value(question, "defaultmark"))),
        "translations": {
            language: {
                "prompt": (prompt or "Question")[:5000],
                "explanation": mapping.safe_html(_value(question, "generalfeedback"))[:5000],
            }
        },
    }
    answers = _answers(question, qtype)
    if qtype == "multichoice":
        return qtype, *_multichoice(question, answers, base, language)
    if qtype == "truefalse":
        detail = _detail(question, qtype, "truefalse")
        true_id = _value(detail, "trueanswer")
        correct = [answer for answer in answers if _fraction(answer) > 0]
        if len(correct) != 1:
            return qtype, None, NOT_IMPORTED, NO_CORRECT_ANSWER
        return (
            qtype,
            {**base, "kind": "true_false", "answer": attribute(correct[0], "id") == true_id},
            IMPORTED,
            "",
        )
    if qtype == "shortanswer":
        accepted = [answer for answer in answers if _fraction(answer) > 0]
        values = sorted({plain(_value(answer, "answertext"))[:200] for answer in accepted} - {""})
        if not values:
            return qtype, None, NOT_IMPORTED, NO_CORRECT_ANSWER
        question_data = {**base, "kind": "short_text", "accepted_answers": {language: values}}
        if any("*" in value for value in values):
            return qtype, question_data, APPROXIMATED, _("Wildcards (*) are matched as written.")
        if any(_fraction(answer) < 1 for answer in accepted):
            return (
                qtype,
                question_data,
                APPROXIMATED,
                _("Answers worth part of the mark are accepted as fully correct."),
            )
        return qtype, question_data, IMPORTED, ""
    if qtype == "numerical":
        return qtype, *_numerical(question, answers, base)
    if qtype == "random":
        return qtype, None, NOT_IMPORTED, RANDOM
    return qtype, None, NOT_IMPORTED, NOT_AUTO_GRADED


def _multichoice(
    question: Element, answers: list[Element], base: dict[str, Any], language: str
) -> tuple[dict[str, Any] | None, Status, Reason]:
    is_single = _value(_detail(question, "multichoice", "multichoice"), "single") != "0"
    best = max((_fraction(answer) for answer in answers), default=Decimal(0))
    if best <= 0:
        return None, NOT_IMPORTED, NO_CORRECT_ANSWER
    if len(answers) < 2:
        return None, NOT_IMPORTED, _("A choice question needs at least two options.")
    correct = {
        attribute(answer, "id")
        for answer in answers
        if (_fraction(answer) == best if is_single else _fraction(answer) > 0)
    }
    options = [
        {
            "key": str(uuid.uuid4()),
            "is_correct": attribute(answer, "id") in correct,
            "translations": {language: (plain(_value(answer, "answertext")) or "—")[:2000]},
        }
        for answer in answers
    ]
    status: Status = IMPORTED
    reason: Reason = ""
    partial = any(0 < _fraction(answer) < best for answer in answers)
    if is_single and (partial or len(correct) > 1):
        status, reason = APPROXIMATED, _("Only the answers worth the full mark count as correct.")
    kind = "single_choice" if len(correct) == 1 else "multiple_choice"
    if not is_single and len(correct) == 1:
        status, reason = APPROXIMATED, _("One answer is correct: a single-choice question.")
    if is_single and len(correct) > 1:
        reason = "Several answers are worth the full mark: a multiple-choice question."
    return {**base, "kind": kind, "options": options}, status, reason


def _numerical(
    question: Element, answers: list[Element], base: dict[str, Any]
) -> tuple[dict[str, Any] | None, Status, Reason]:
    tolerances = {
        _value(record, "answer"): _value(record, "tolerance")
        for record in descendants(
            child(question, "plugin_qtype_numerical_question"), "numerical_record"
        )
    }
    ranked = sorted(answers, key=_fraction, reverse=True)
    for answer in ranked:
        if _fraction(answer) <= 0:
            break
        try:
            value = Decimal(_value(answer, "answertext"))
            tolerance = abs(Decimal(tolerances.get(attribute(answer, "id")) or "0"))
        except InvalidOperation:
            continue  # "*" (any answer) is no key
        return (
            {**base, "kind": "numeric", "answer": str(value), "tolerance": str(tolerance)},
            IMPORTED,
            "",
        )
    return None, NOT_IMPORTED, NO_CORRECT_ANSWER
