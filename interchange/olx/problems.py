"""Open edX capa problems read into the platform's quiz questions (no database).

A `<problem>` holds one or more response elements, each a question: its prompt is its `label`
(or its input's `label` attribute) and `description`, after the text between it and the
previous response; its explanation the `<solution>`. The five kinds the platform grades:

- `multiplechoiceresponse` (`choicegroup`): single choice; true/false when its two choices are
  True and False;
- `choiceresponse` (`checkboxgroup`): multiple choice;
- `optionresponse` (`optioninput`, a drop-down): single choice, one per drop-down;
- `stringresponse` (and its `additional_answer`s): short text;
- `numericalresponse` (`responseparam type="tolerance"`, absolute or `%`): numeric.

Any other response (`customresponse`, `formularesponse`, `imageresponse`, ...) is not imported,
with its reason.
"""

import re
import uuid
from decimal import ROUND_HALF_EVEN, ROUND_UP, Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import Element, tostring

from django.utils.translation import gettext_lazy as _

from interchange import mapping
from interchange.report import APPROXIMATED, IMPORTED, NOT_IMPORTED, Reason, ReportBuilder, Status

__all__ = ["RESPONSES", "read_problem"]

RESPONSES = frozenset(
    {
        "multiplechoiceresponse",
        "choiceresponse",
        "optionresponse",
        "stringresponse",
        "numericalresponse",
        "customresponse",
        "formularesponse",
        "imageresponse",
        "schematicresponse",
        "symbolicresponse",
        "coderesponse",
        "externalresponse",
        "jsinputresponse",
        "annotationresponse",
        "choicetextresponse",
        "truefalseresponse",
        "chemicalequationresponse",
    }
)
# Inputs whose `label` attribute is the question (hints have labels too: "Close but wrong").
_INPUTS = frozenset(
    {"textline", "formulaequationinput", "choicegroup", "checkboxgroup", "optioninput", "textbox"}
)
_NOT_PROMPT = RESPONSES | {"solution", "script", "demandhint", "hint"}
_TRUE_WORDS = {"true", "wahr", "richtig", "对", "正确", "是", "صح", "صحيح"}
_FALSE_WORDS = {"false", "falsch", "错", "错误", "否", "خطأ"}
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_RANGE = re.compile(r"^\s*([\[(])\s*([^,]+?)\s*,\s*([^,]+?)\s*([\])])\s*$")
_REGEX_SIGNS = re.compile(r"[\\^$.|?*+()\[\]{}]")
# capa's own tolerance when a numerical response names none: 0.001 % of the answer.
_DEFAULT_RELATIVE_TOLERANCE = Decimal("0.00001")
_SIX_PLACES = Decimal("0.000001")
# The platform stores answers with 13 whole digits and 6 places (courses.models).
_LARGEST = Decimal(10) ** 13
NO_CORRECT_ANSWER = _("The question has no correct answer.")
NOT_GRADED_HERE = (
    "The platform grades only choice, true/false, numeric and short-text questions; "
    "a {tag} problem is not imported."
)
NOT_A_NUMBER = _("The answer is a formula or computed by a script, not a number.")
# The number is mapping.MAX_ITEMS (tests/interchange/test_reasons.py checks).
QUIZ_FULL = _("A quiz holds at most 200 questions; this unit has more.")


def _inner_html(element: Element, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """The element's content as markup (its text, and its children but `skip`)."""
    parts = [element.text or ""]
    for item in element:
        if item.tag not in skip:
            parts.append(tostring(item, encoding="unicode", short_empty_elements=False))
        else:
            parts.append(item.tail or "")
    return "".join(parts)


def _plain(markup: str) -> str:
    """Markup as one line of sanitised text (for option labels and accepted answers)."""
    text = re.sub(r"<[^>]+>", " ", mapping.safe_html(markup))
    return " ".join(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").split())


class _Problem:
    """One `<problem>` being read: its questions and their report lines."""

    def __init__(self, root: Element, *, language: str, source: str, report: ReportBuilder):
        self.root = root
        self.language = language
        self.source = source
        self.report = report
        self.title = root.get("display_name", "").strip()
        responses = [item for item in root.iter() if item.tag in RESPONSES]
        self.responses = responses
        self.points = self._points(root.get("weight", ""), len(responses))

    @staticmethod
    def _points(weight: str, count: int) -> str:
        try:
            value = Decimal(weight)
        except InvalidOperation:
            return "1"
        if not value.is_finite() or value <= 0 or value > 1000 or count == 0:
            return "1"
        share = (value / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        return str(share) if share > 0 else "0.01"

    def _preamble(self, response: Element) -> str:
        """The text of the problem between the previous response and this one."""
        parent = self._parent_of(response)
        if parent is None:
            return ""
        pieces: list[str] = []
        for item in parent:
            if item is response:
                break
            if item.tag in RESPONSES:
                pieces = []
            elif item.tag not in _NOT_PROMPT:
                pieces.append(tostring(item, encoding="unicode", short_empty_elements=False))
        return "".join(pieces)

    def _parent_of(self, target: Element) -> Element | None:
        for element in self.root.iter():
            if any(item is target for item in element):
                return element
        return None

    def _prompt(self, response: Element, extra_label: str = "") -> str:
        labels = [
            _inner_html(item)
            for item in response.iter()
            if item.tag in {"label", "description"} and item is not response
        ]
        if extra_label:
            labels.append(extra_label)
        else:
            labels.extend(
                item.get("label", "")
                for item in response.iter()
                if item.tag in _INPUTS and item.get("label")
            )
        markup = self._preamble(response) + "".join(f"<p>{label}</p>" for label in labels)
        prompt = mapping.safe_html(markup)
        if not _plain(prompt):
            prompt = self.title or "Question"
        return prompt[:5000]

    def _explanation(self, response: Element) -> str:
        solutions = [item for item in response.iter() if item.tag == "solution"]
        if not solutions:
            solutions = [item for item in self.root if item.tag == "solution"]
        if not solutions:
            return ""
        return mapping.safe_html(_inner_html(solutions[0]))[:5000]

    def _base(self, response: Element, extra_label: str = "") -> dict[str, Any]:
        return {
            "key": str(uuid.uuid4()),
            "points": self.points,
            "translations": {
                self.language: {
                    "prompt": self._prompt(response, extra_label),
                    "explanation": self._explanation(response),
                }
            },
        }

    def _choices(
        self, response: Element, group: str, base: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, Status, Reason]:
        choices = [item for item in response.iter() if item.tag == "choice"]
        labels = [_plain(_inner_html(choice, {"choicehint"})) for choice in choices]
        correct = [choice.get("correct", "").strip().lower() == "true" for choice in choices]
        if not any(correct):
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        if len(choices) < 2:
            return None, NOT_IMPORTED, _("A choice question needs at least two options.")
        if len(choices) > mapping.MAX_ITEMS:
            return None, NOT_IMPORTED, f"More than {mapping.MAX_ITEMS} options."
        status: Status = IMPORTED
        reason: Reason = ""
        if not all(labels):
            status, reason = APPROXIMATED, _("Options without text (an image?) are numbered.")
        if group == "single" and len(choices) == 2 and sum(correct) == 1:
            words = [label.lower() for label in labels]
            if words[0] in _TRUE_WORDS | _FALSE_WORDS and words[1] in _TRUE_WORDS | _FALSE_WORDS:
                true_index = 0 if words[0] in _TRUE_WORDS else 1
                if words[1 - true_index] in _FALSE_WORDS:
                    return {**base, "kind": "true_false", "answer": correct[true_index]}, status, ""
        kind = "single_choice" if group == "single" and sum(correct) == 1 else "multiple_choice"
        if group == "single" and kind == "multiple_choice":
            status, reason = (
                APPROXIMATED,
                _("Several options are correct: a multiple-choice question."),
            )
        options = [
            {
                "key": str(uuid.uuid4()),
                "is_correct": is_correct,
                "translations": {self.language: (label or f"Option {number}")[:2000]},
            }
            for number, (label, is_correct) in enumerate(zip(labels, correct, strict=True), 1)
        ]
        return {**base, "kind": kind, "options": options}, status, reason

    def _dropdown(
        self, select: Element, base: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, Status, Reason]:
        options = [item for item in select if item.tag == "option"]
        if options:
            labels = [_plain(_inner_html(item, {"optionhint"})) for item in options]
            correct = [item.get("correct", "").strip().lower() == "true" for item in options]
        else:
            labels = [
                _plain(single or double).replace("\\'", "'")
                for single, double in _QUOTED.findall(select.get("options", ""))
            ]
            answer = _plain(select.get("correct", ""))
            correct = [label == answer for label in labels]
        if sum(correct) != 1:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        if len(labels) < 2 or len(labels) > mapping.MAX_ITEMS:
            return None, NOT_IMPORTED, _("A drop-down needs from two to 200 options.")
        choices = [
            {
                "key": str(uuid.uuid4()),
                "is_correct": is_correct,
                "translations": {self.language: (label or f"Option {number}")[:2000]},
            }
            for number, (label, is_correct) in enumerate(zip(labels, correct, strict=True), 1)
        ]
        return {**base, "kind": "single_choice", "options": choices}, IMPORTED, ""

    def _text(
        self, response: Element, base: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, Status, Reason]:
        answers = [response.get("answer", "")]
        for extra in response.iter("additional_answer"):
            answers.append(extra.get("answer", "") or (extra.text or ""))
        answers = [" ".join(answer.split())[:200] for answer in answers if answer.strip()]
        if not answers:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        flags = response.get("type", "").lower().split()
        status: Status = IMPORTED
        reason: Reason = ""
        if "regexp" in flags:
            if any(_REGEX_SIGNS.search(answer) for answer in answers):
                return (
                    None,
                    NOT_IMPORTED,
                    _("The answer is a regular expression; the platform compares whole answers."),
                )
            status, reason = (
                APPROXIMATED,
                _("A regular expression without special signs: a whole answer."),
            )
        elif "ci" not in flags:
            status, reason = (
                APPROXIMATED,
                _("A case-sensitive answer: the platform compares answers without regard to case."),
            )
        unique = list(dict.fromkeys(answers))
        question = {**base, "kind": "short_text", "accepted_answers": {self.language: unique}}
        return question, status, reason

    def _numeric(
        self, response: Element, base: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, Status, Reason]:
        raw = response.get("answer", "").strip()
        if not raw:
            return None, NOT_IMPORTED, NO_CORRECT_ANSWER
        status: Status = IMPORTED
        reason: Reason = ""
        interval = _RANGE.match(raw)
        try:
            if interval:
                low, high = Decimal(interval.group(2)), Decimal(interval.group(3))
                answer, tolerance = (low + high) / 2, abs(high - low) / 2
                if interval.group(1) == "(" or interval.group(4) == ")":
                    status, reason = APPROXIMATED, _("An open range: its ends are accepted too.")
            else:
                answer = Decimal(raw)
                tolerance = _tolerance(response, answer)
        except (ArithmeticError, ValueError):  # InvalidOperation, Overflow
            return None, NOT_IMPORTED, NOT_A_NUMBER
        if not answer.is_finite() or not tolerance.is_finite():
            return None, NOT_IMPORTED, NOT_A_NUMBER
        if answer.copy_abs() >= _LARGEST or tolerance >= _LARGEST:
            return None, NOT_IMPORTED, _("The answer is beyond the numbers the platform stores.")
        stored = answer.quantize(_SIX_PLACES, rounding=ROUND_HALF_EVEN)
        if stored != answer:
            status, reason = APPROXIMATED, _("The answer was rounded to six decimal places.")
        tolerance = tolerance.quantize(_SIX_PLACES, rounding=ROUND_UP)
        return (
            {
                **base,
                "kind": "numeric",
                "answer": f"{stored.normalize():f}",
                "tolerance": f"{tolerance.normalize():f}",
            },
            status,
            reason,
        )

    def questions(self, room: int) -> list[dict[str, Any]]:
        """The problem's questions, each response recorded in the report."""
        if not self.responses:
            self.report.add(
                kind="problem",
                title=self.title,
                source=self.source,
                status=NOT_IMPORTED,
                reason=_("The problem asks nothing the platform could grade (no response)."),
            )
            return []
        found: list[dict[str, Any]] = []
        number = 0
        for response in self.responses:
            parts: list[tuple[Element, str]] = [(response, "")]
            if response.tag == "optionresponse":
                parts = [
                    (select, select.get("label", "")) for select in response.iter("optioninput")
                ] or [(response, "")]
            for part, label in parts:
                number += 1
                source = (
                    self.source
                    if len(self.responses) == len(parts) == 1
                    else (f"{self.source}#{number}")
                )
                question, status, reason = self._question(response, part, label)
                if question is not None and len(found) >= room:
                    question, status, reason = None, NOT_IMPORTED, QUIZ_FULL
                self.report.add(
                    kind=f"question:{response.tag}",
                    title=self.title or _plain(self._prompt(response, label))[:80],
                    source=source,
                    status=status,
                    reason=reason,
                )
                if question is not None:
                    found.append(question)
        return found

    def _question(
        self, response: Element, part: Element, label: str
    ) -> tuple[dict[str, Any] | None, Status, Reason]:
        tag = response.tag
        base = self._base(response, label)
        if tag == "multiplechoiceresponse":
            return self._choices(response, "single", base)
        if tag == "choiceresponse":
            return self._choices(response, "multiple", base)
        if tag == "optionresponse":
            if part is response:
                return None, NOT_IMPORTED, NO_CORRECT_ANSWER
            return self._dropdown(part, base)
        if tag == "stringresponse":
            return self._text(response, base)
        if tag == "numericalresponse":
            return self._numeric(response, base)
        return None, NOT_IMPORTED, NOT_GRADED_HERE.format(tag=tag)


def _tolerance(response: Element, answer: Decimal) -> Decimal:
    """The response's tolerance as an absolute amount: `responseparam type="tolerance"` is a
    number or a percentage of the answer; capa's default is 0.001 %."""
    for param in response.iter("responseparam"):
        if param.get("type", "") != "tolerance":
            continue
        value = param.get("default", "").strip()
        if value.endswith("%"):
            return answer.copy_abs() * Decimal(value[:-1].strip()) / 100
        if value:
            return Decimal(value).copy_abs()
    return answer.copy_abs() * _DEFAULT_RELATIVE_TOLERANCE


def read_problem(
    root: Element, *, language: str, source: str, report: ReportBuilder, room: int
) -> list[dict[str, Any]]:
    """The package questions of the `<problem>` `root` (from the file `source`), at most `room`
    (what the unit's quiz has left), each of its responses recorded in `report` as
    `question:<response tag>`; one beyond the room is not imported, with QUIZ_FULL."""
    return _Problem(root, language=language, source=source, report=report).questions(room)
