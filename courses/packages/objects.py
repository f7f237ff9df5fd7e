"""The objects of a course package as DRF serializers that report every problem in one pass, and
its translatable texts: objects keyed by the course's languages, required in its primary one.

`PackageObject` reports unknown and missing fields first, then each field's problems in the
order of `field_order` (a method `check_<field>(data)` checks a field that depends on others).
DRF's own `Serializer` stops at the first missing object and runs `validate()` only on clean
data; an author fixing a file wants every problem at once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import SkipField, empty

from courses.packages.fields import (
    IS_REQUIRED,
    NOT_A_COURSE_LANGUAGE,
    NOT_AN_OBJECT,
    NOT_BY_LANGUAGE,
    TRANSLATION_MISSING,
    UNKNOWN_FIELD,
    PackageField,
    Text,
    shared_state,
)


@dataclass(frozen=True)
class _Step:
    """How an object checks one of its fields: by the field, or by a `check_<name>` hook given
    the whole object; a foreign field (`field` None) is refused with its message when present."""

    name: str
    field: serializers.Field | None
    hook: Callable[[Any], Any] | None
    default: Any
    foreign_message: str = ""


@dataclass(frozen=True)
class _Plan:
    """An object's fields worked out once per bound serializer, not once per object checked
    (a package at its limits has 40,000 lessons)."""

    known: frozenset[str]
    required: frozenset[str]
    steps: tuple[_Step, ...]


class PackageObject(serializers.Serializer):
    """An object of the package, checked field by field without stopping at a problem."""

    # The order in which fields are checked and reported (default: as declared), with the
    # names of other kinds' fields that this kind refuses with a message of its own.
    field_order: ClassVar[tuple[str, ...]] = ()
    foreign_fields: ClassVar[dict[str, str]] = {}
    # Required fields whose check says itself what is wrong with an absent value (given None).
    checked_when_missing: ClassVar[frozenset[str]] = frozenset()

    def mapping_key(self, name: str) -> str:
        """Where an unknown or missing field is reported (the root says `$.course`)."""
        return name

    def run_validation(self, data: Any = empty) -> Any:
        if data is empty:
            raise SkipField()  # the object holding this one reports it missing, if required
        return self.to_internal_value(data)

    @cached_property
    def _plan(self) -> _Plan:
        fields = dict(self.fields)
        steps = []
        for name in self.field_order or tuple(fields):
            if name not in fields:
                if name in self.foreign_fields:
                    steps.append(_Step(name, None, None, empty, self.foreign_fields[name]))
                continue
            default = None if name in self.checked_when_missing else empty
            steps.append(_Step(name, fields[name], getattr(self, f"check_{name}", None), default))
        return _Plan(
            known=frozenset(fields) | frozenset(self.foreign_fields),
            required=frozenset(
                name
                for name, field in fields.items()
                if field.required and name not in self.checked_when_missing
            ),
            steps=tuple(steps),
        )

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise ValidationError(NOT_AN_OBJECT)
        plan = self._plan
        errors: dict[str, Any] = {}
        if not plan.known.issuperset(data):
            for name in sorted(set(data) - plan.known):
                errors[self.mapping_key(name)] = [UNKNOWN_FIELD]
        missing = plan.required.difference(data)
        for name in sorted(missing):
            errors[self.mapping_key(name)] = [IS_REQUIRED]
        value: dict[str, Any] = {}
        for step in plan.steps:
            name = step.name
            if step.field is None:
                if name in data:
                    errors[name] = [step.foreign_message]
                continue
            if name in missing:
                continue
            try:
                if step.hook is not None:
                    value[name] = step.hook(data)
                else:
                    value[name] = step.field.run_validation(data.get(name, step.default))
            except ValidationError as error:
                errors[name] = error.detail
            except SkipField:
                pass
        self.check_across_fields(data, value, errors)
        if errors:
            raise ValidationError(errors)
        return value

    def check_across_fields(self, data: Any, value: dict[str, Any], errors: dict[str, Any]) -> None:
        """Rules over several fields: add to `value` and `errors` (`data` is the raw object)."""


# A text field's name, its check, whether the primary language needs it, and its further check.
_TextCheck = tuple[str, Callable[..., str], bool, Callable[[str], str] | None]


class Texts(PackageObject):
    """The texts of an item in one language. Fields are `Text`s; those with `is_required_text`
    must be there, and not blank, in the primary language only. A method `validate_<field>`
    checks a text further once its length and blankness are fine."""

    @cached_property
    def _texts(self) -> tuple[frozenset[str], frozenset[str], tuple[_TextCheck, ...]]:
        """The fields' names, those required in the primary language, and each field's checks
        in order."""
        fields: dict[str, Text] = dict(self.fields)  # type: ignore[arg-type]
        required = frozenset(name for name, field in fields.items() if field.is_required_text)
        checks = tuple(
            (name, field.check, field.is_required_text, getattr(self, f"validate_{name}", None))
            for name, field in fields.items()
        )
        return frozenset(fields), required, checks

    def check_language(self, data: Any, *, is_primary: bool) -> dict[str, str]:
        if not isinstance(data, dict):
            raise ValidationError(NOT_AN_OBJECT)
        names, required, checks = self._texts
        errors: dict[str, Any] = {}
        if not names.issuperset(data):
            for name in sorted(set(data) - names):
                errors[name] = [UNKNOWN_FIELD]
        if is_primary:
            for name in sorted(required.difference(data)):
                errors[name] = [IS_REQUIRED]
        texts = {}
        for name, check, is_required_text, hook in checks:
            if name not in data:
                continue
            try:
                text = check(data[name], is_required=is_required_text and is_primary)
                texts[name] = hook(text) if hook else text
            except ValidationError as error:
                errors[name] = error.detail
        if errors:
            raise ValidationError(errors)
        return texts

    def absent(self) -> dict[str, str]:
        """A language not written yet: no texts."""
        return {}


def text_in_language(limit: int, *, is_required_text: bool = True, **kwargs: Any) -> Text:
    """A field of `Texts`: it may be left out or blank in a language other than the primary."""
    return Text(
        limit=limit, is_required_text=is_required_text, required=False, allow_blank=True, **kwargs
    )


class TranslatedText(Text):
    """A text by itself per language (a quiz option's): required in the primary language."""

    def check_language(self, data: Any, *, is_primary: bool) -> str:
        return self.check(data, is_required=is_primary)

    def absent(self) -> str:
        return ""


class Translations(PackageField, serializers.DictField):
    """`{language: texts}` for the course's languages (`context["languages"]`): the primary
    language's required, the others' may be partial or left out (an absent language becomes
    empty texts, counted as missing translations)."""

    child: Texts | TranslatedText

    def __init__(self, child: Texts | TranslatedText, what: str) -> None:
        super().__init__(child=child, help_text=f"{what} by language code.")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise ValidationError(NOT_BY_LANGUAGE)
        state = shared_state(self)
        languages, primary = state["languages"], state["primary_language"]
        errors: dict[str, Any] = {}
        for language in sorted(set(data) - set(languages)):
            errors[language] = [NOT_A_COURSE_LANGUAGE]
        result: dict[str, Any] = {}
        for language in languages:
            is_primary = language == primary
            if language not in data:
                if is_primary:
                    errors[language] = [TRANSLATION_MISSING]
                else:
                    result[language] = self.child.absent()
                continue
            try:
                result[language] = self.child.check_language(data[language], is_primary=is_primary)
            except ValidationError as error:
                errors[language] = error.detail
        if errors:
            raise ValidationError(errors)
        return result
