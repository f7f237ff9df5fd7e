"""A quiz lesson's quiz in a course package: its settings, its questions of five kinds and their
answer keys."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from courses.packages.fields import (
    NOT_A_COURSE_LANGUAGE,
    NOT_BY_LANGUAGE,
    OWN,
    Boolean,
    Choice,
    DecimalNumber,
    Items,
    Key,
    PackageField,
    Text,
    WholeNumber,
    check_items,
    shared_state,
)
from courses.packages.objects import (
    PackageObject,
    Texts,
    TranslatedText,
    Translations,
    text_in_language,
)
from courses.packages.schema import (
    GRADING_CHOICES,
    KEYS_GIVEN_AWAY,
    LEGACY_REVEAL,
    MAX_ITEMS,
    QUESTION_KIND_CHOICES,
    QUESTION_KINDS,
    REVEAL_CHOICES,
)

# What each kind of question keys its answer with; the others' fields are refused.
ANSWER_FIELDS = {
    "single_choice": {"options"},
    "multiple_choice": {"options"},
    "true_false": {"answer"},
    "numeric": {"answer", "tolerance"},
    "short_text": {"accepted_answers"},
}
ONE_CORRECT = "a single-choice question needs exactly one correct option"
SOME_CORRECT = "needs at least one correct option"


class PackageQuestionTextsSerializer(Texts):
    """A question's prompt and the explanation of its answer, in one language."""

    prompt = text_in_language(5000)
    explanation = text_in_language(5000, is_required_text=False)


class PackageOptionSerializer(PackageObject):
    """An option of a choice question."""

    key = Key()
    is_correct = Boolean()
    translations = Translations(TranslatedText(limit=2000, allow_blank=True), "The option's text")


@extend_schema_field(
    {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string", "maxLength": 200}},
        "description": "Short-text answers accepted, by language code.",
    }
)
class AcceptedAnswers(PackageField):
    """`{language: [answer, ...]}`: at least one answer in the primary language; blank lines of
    a translation in progress are dropped."""

    answer = Text(limit=200)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise ValidationError(NOT_BY_LANGUAGE)
        state = shared_state(self)
        languages, primary = state["languages"], state["primary_language"]
        errors: dict[str, Any] = {}
        result = dict(data)
        for language in languages:
            is_primary = language == primary
            given = data.get(language, None if is_primary else [])
            try:
                answers, problems = check_items(given, minimum=1 if is_primary else 0)
            except ValidationError as error:
                errors[language], answers = error.detail, []
            else:
                found: dict[Any, Any] = {OWN: problems} if problems else {}
                for index, answer in enumerate(answers):
                    try:
                        self.answer.check(answer, is_required=is_primary)
                    except ValidationError as error:
                        found[index] = error.detail
                if found:
                    errors[language] = found
            if not is_primary:
                result[language] = [
                    answer for answer in answers if isinstance(answer, str) and answer.strip()
                ]
        for language in sorted(set(data) - set(languages)):
            errors[language] = [NOT_A_COURSE_LANGUAGE]
        if errors:
            raise ValidationError(errors)
        return result


@extend_schema_field(
    {
        "oneOf": [{"type": "boolean"}, {"type": "number"}, {"type": "string", "format": "decimal"}],
        "description": "true/false questions: a boolean; numeric ones: a number.",
    }
)
class Answer(PackageField):
    """The answer key of a true/false (a boolean) or numeric question (a number)."""

    boolean = Boolean()
    number = DecimalNumber()

    def to_internal_value(self, data: Any) -> Any:
        return data  # checked by the question, which knows its kind


class PackageQuestionSerializer(PackageObject):
    """A quiz question: `options` for choice questions, `answer` for true/false and numeric ones
    (with `tolerance`), `accepted_answers` by language for short text."""

    key = Key()
    kind = Choice(QUESTION_KIND_CHOICES)
    points = DecimalNumber(low=Decimal(0), default="1")
    translations = Translations(PackageQuestionTextsSerializer(), "Prompt and explanation")
    options = Items(child=PackageOptionSerializer(), minimum=2, required=False)
    answer = Answer(required=False)
    tolerance = DecimalNumber(low=Decimal(0), required=False)
    accepted_answers = AcceptedAnswers(required=False)

    field_order = ("key", "kind", "points", "translations")

    def check_across_fields(self, data: Any, value: dict[str, Any], errors: dict[str, Any]) -> None:
        kind = value.get("kind", QUESTION_KINDS[0])
        expected = ANSWER_FIELDS[kind]
        for name in sorted(set().union(*ANSWER_FIELDS.values()) & set(data) - expected):
            errors[name] = [f"does not apply to {kind} questions"]
        checks: dict[str, tuple[serializers.Field, Any]] = {
            "options": (self.fields["options"], data.get("options")),
            "answer": (
                Answer.boolean if kind == "true_false" else Answer.number,
                data.get("answer"),
            ),
            "tolerance": (self.fields["tolerance"], data.get("tolerance", 0)),
            "accepted_answers": (self.fields["accepted_answers"], data.get("accepted_answers")),
        }
        for name in ("options", "answer", "tolerance", "accepted_answers"):
            if name not in expected:
                continue
            field, given = checks[name]
            try:
                value[name] = field.to_internal_value(given)
            except ValidationError as error:
                errors[name] = error.detail
        if kind in {"single_choice", "multiple_choice"}:
            self._count_correct(kind, data.get("options"), errors)

    def _count_correct(self, kind: str, options: Any, errors: dict[str, Any]) -> None:
        if not isinstance(options, list) or not options:
            return
        correct = sum(
            1
            for option in options[:MAX_ITEMS]
            if isinstance(option, dict) and option.get("is_correct") is True
        )
        if kind == "single_choice" and correct != 1:
            message = ONE_CORRECT
        elif kind == "multiple_choice" and correct < 1:
            message = SOME_CORRECT
        else:
            return
        problems = errors.setdefault("options", {})
        if isinstance(problems, dict):
            problems.setdefault(OWN, []).append(message)


class PackageQuizSerializer(PackageObject):
    """The settings and questions of a quiz lesson."""

    pass_mark = WholeNumber(low=0, high=100)
    attempts_allowed = WholeNumber(low=1, high=1000, allow_null=True, default=None)
    time_limit_minutes = WholeNumber(low=1, high=1440, allow_null=True, default=None)
    shuffle_questions = Boolean(default=False)
    grading = Choice(GRADING_CHOICES, default="best")
    weight = DecimalNumber(low=Decimal(0), default="1", help_text="Weight in the course grade.")
    reveal_answers = Choice(
        REVEAL_CHOICES,
        default="after_pass",
        help_text=f"`{LEGACY_REVEAL}` (format 1) is read as `after_last_attempt`, and accepted "
        "with `attempts_allowed` 1 only.",
    )
    questions = Items(child=PackageQuestionSerializer(), minimum=1)

    def check_reveal_answers(self, data: dict[str, Any]) -> str:
        """Format 1's `after_submit` gave the keys away while attempts remained: read as
        `after_last_attempt` where it cannot (a single attempt), refused elsewhere."""
        reveal = data.get("reveal_answers", "after_pass")
        if reveal == LEGACY_REVEAL:
            if data.get("attempts_allowed") != 1:
                raise ValidationError(KEYS_GIVEN_AWAY)
            reveal = "after_last_attempt"
        return self.fields["reveal_answers"].to_internal_value(reveal)
