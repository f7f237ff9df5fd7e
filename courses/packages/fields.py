"""The single values of a course package as DRF fields: each checks its value with the format's
own message (`must be a whole number from 1 to 2000`) and describes it in the OpenAPI schema.

Absent optional values take their default, or stay out; `null` reaches the check (most refuse
it). Lists report their own problem and their items' (`course.languages` and
`course.languages[1]`) under `OWN` and the item's index.
"""

import uuid
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.fields import SkipField, empty
from rest_framework.settings import api_settings

from courses.packages.schema import MAX_ITEMS

# The key under which a list or an object reports a problem of its own, beside its items'.
OWN = api_settings.NON_FIELD_ERRORS_KEY

IS_REQUIRED = "is required"
UNKNOWN_FIELD = "unknown field"
NOT_AN_OBJECT = "must be an object"
NOT_BY_LANGUAGE = "must be an object keyed by language"
NOT_A_COURSE_LANGUAGE = "is not one of the course's languages"
TRANSLATION_MISSING = "translation is missing"
NOT_A_LIST = "must be a list"
NOT_A_BOOLEAN = "must be true or false"
NOT_TEXT = "must be text"
BLANK = "may not be blank"
NOT_A_UUID = "must be a UUID"
KEY_REPEATED = "repeats a key used earlier in the package"
NOT_A_NUMBER = "must be a number"
NOT_FINITE = "must be a finite number below 10^13"


def shared_state(field: serializers.Field) -> dict[str, Any]:
    """The state one validation of a package shares between its fields: the keys seen so far,
    the course's languages and competencies (the root serializer's context).

    Kept on each bound field once found: DRF finds the root by walking up the parents at every
    call, and a package at its limits asks some 200,000 times. A validation binds a tree of its
    own (a serializer deep-copies its declared fields), so the state cannot outlive it."""
    state = field.__dict__.get("_package_state")
    if state is None:
        state = cast(dict[str, Any], field.context)
        if field.parent is not None:
            field.__dict__["_package_state"] = state
    return state


class PackageField(serializers.Field):
    """A value of the package. The object holding it reports a missing required value first,
    with every other missing or unknown field, so a field only sees values that are there."""

    def run_validation(self, data: Any = empty) -> Any:
        # Not CharField's and the others', nor their validators (bounds and lengths, kept for the
        # schema): each field checks its value itself, in the format's words. Only an absent or
        # null value can be empty (a call saved on each of a large package's 300,000 values).
        if data is empty or data is None:
            is_empty, data = self.validate_empty_values(data)
            if is_empty:
                return data
        return self.to_internal_value(data)

    def get_default(self) -> Any:
        # Not DRF's, which walks up to the root at each call for a partial update (a package is
        # always whole).
        return self.default() if callable(self.default) else self.default

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is empty:
            if self.required:
                raise ValidationError(IS_REQUIRED)
            if self.default is empty:
                raise SkipField()
            return (True, self.get_default())
        if data is None and self.allow_null:
            return (True, None)
        return (False, data)


class WholeNumber(PackageField, serializers.IntegerField):
    """An integer from `low` to `high` (JSON `true` and `1.0` are not)."""

    def __init__(self, *, low: int, high: int, **kwargs: Any) -> None:
        super().__init__(min_value=low, max_value=high, **kwargs)
        self.low, self.high = low, high

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int) or not self.low <= data <= self.high:
            raise ValidationError(f"must be a whole number from {self.low} to {self.high}")
        return data


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "format": "decimal"}]})
class DecimalNumber(PackageField):
    """A decimal given as a JSON number or a string ("0.05"); kept as the Decimal's string, as
    exports write it."""

    def __init__(self, *, low: Decimal | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.low = low

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            raise ValidationError(NOT_A_NUMBER)
        try:
            number = Decimal(str(data))
        except InvalidOperation as error:
            raise ValidationError(NOT_A_NUMBER) from error
        # copy_abs, not abs(): abs() rounds to the context and overflows on "1e999999999".
        if not number.is_finite() or number.copy_abs() >= Decimal(10) ** 13:
            raise ValidationError(NOT_FINITE)
        if self.low is not None and number < self.low:
            raise ValidationError(f"must be at least {self.low}")
        return str(number)

    def to_representation(self, value: Any) -> Any:
        return value


class Boolean(PackageField, serializers.BooleanField):
    """JSON `true` or `false`, nothing that merely looks like one."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            raise ValidationError(NOT_A_BOOLEAN)
        return data


class Choice(PackageField, serializers.ChoiceField):
    """One of a fixed list of strings."""

    def __init__(self, choices: Sequence[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(choices=choices, **kwargs)
        self.allowed = tuple(value for value, _label in choices)

    def to_internal_value(self, data: Any) -> str:
        if data not in self.allowed:
            raise ValidationError(f"must be one of: {', '.join(self.allowed)}")
        return str(data)


class Text(PackageField, serializers.CharField):
    """A text of at most `limit` characters. `is_required_text`: it may not be blank (for a
    translatable text: in the course's primary language; other languages may leave it out)."""

    def __init__(self, *, limit: int, is_required_text: bool = True, **kwargs: Any) -> None:
        super().__init__(max_length=limit, **kwargs)
        self.limit = limit
        self.is_required_text = is_required_text

    def to_internal_value(self, data: Any) -> str:
        return self.check(data, is_required=self.is_required_text)

    def check(self, data: Any, *, is_required: bool) -> str:
        if not isinstance(data, str):
            raise ValidationError(NOT_TEXT)
        messages = []
        if is_required and not data.strip():
            messages.append(BLANK)
        if len(data) > self.limit:
            messages.append(f"may hold at most {self.limit} characters")
        if messages:
            raise ValidationError(messages)
        return data


class Key(PackageField, serializers.UUIDField):
    """A UUID naming a module, lesson, question or option across versions, once per package;
    a fresh one when left out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            help_text="Stable across versions; generated if left out.",
            **kwargs,
        )

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        if data is empty or data is None:
            return (True, str(uuid.uuid4()))
        return (False, data)

    def to_internal_value(self, data: Any) -> str:
        try:
            key = str(uuid.UUID(str(data)))
        except ValueError as error:
            raise ValidationError(NOT_A_UUID) from error
        seen = shared_state(self).setdefault("seen_keys", set())
        if key in seen:
            raise ValidationError(KEY_REPEATED)
        seen.add(key)
        return key


def check_items(value: Any, *, minimum: int = 0) -> tuple[list[Any], list[str]]:
    """A list's items (the first MAX_ITEMS) and the problems of the list itself."""
    if not isinstance(value, list):
        raise ValidationError(NOT_A_LIST)
    problems = []
    if len(value) < minimum:
        problems.append(f"needs at least {minimum} item(s)")
    if len(value) > MAX_ITEMS:
        problems.append(f"may hold at most {MAX_ITEMS} items")
    return value[:MAX_ITEMS], problems


class Items(PackageField, serializers.ListField):
    """A list of at least `minimum` and at most MAX_ITEMS items, each checked by `child`; every
    item's problem is reported, under its index."""

    def __init__(self, *, minimum: int = 0, **kwargs: Any) -> None:
        if minimum:
            kwargs.setdefault("min_length", minimum)
        super().__init__(max_length=MAX_ITEMS, **kwargs)
        self.minimum = minimum

    def to_internal_value(self, data: Any) -> list[Any]:
        items, problems = check_items(data, minimum=self.minimum)
        errors: dict[Any, Any] = {OWN: problems} if problems else {}
        result = []
        for index, item in enumerate(items):
            try:
                result.append(self.child.run_validation(item))
            except ValidationError as error:
                errors[index] = error.detail
                result.append(item)
        if errors:
            raise ValidationError(errors)
        return result


def code_list(help_text: str, *, minimum: int = 0) -> Items:
    """Slugs or codes naming other records; the caller resolves them against the database."""
    return Items(child=Text(limit=80), minimum=minimum, help_text=help_text)
