"""The checks of single values in a package (objects, choices, numbers, lists, keys, texts,
translations), each noting its problems and answering a usable value."""

import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from courses.packages.schema import MAX_ITEMS, Problem


@dataclass
class Checker:
    """Checks one value at a time, noting each problem with its location and answering a
    stand-in, so that validation goes on and finds every problem in one pass."""

    problems: list[Problem] = field(default_factory=list)
    seen_keys: set[str] = field(default_factory=set)
    # The course's primary language: the only one whose texts are required.
    primary: str = ""

    def fail(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def mapping(self, value: Any, location: str, *, allowed: set[str], required: set[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(location, "must be an object")
            return {}
        for name in sorted(set(value) - allowed):
            self.fail(f"{location}.{name}", "unknown field")
        for name in sorted(required - set(value)):
            self.fail(f"{location}.{name}", "is required")
        return value

    def choice(self, value: Any, location: str, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.fail(location, f"must be one of: {', '.join(choices)}")
            return choices[0]
        return str(value)

    def integer(
        self, value: Any, location: str, *, low: int, high: int, nullable: bool = False
    ) -> int | None:
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(location, f"must be a whole number from {low} to {high}")
            return low
        return value

    def decimal(self, value: Any, location: str, *, low: Decimal | None = None) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(location, "must be a number")
            return Decimal(0)
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.fail(location, "must be a number")
            return Decimal(0)
        # copy_abs, not abs(): abs() rounds to the context and overflows on "1e999999999".
        if not number.is_finite() or number.copy_abs() >= Decimal(10) ** 13:
            self.fail(location, "must be a finite number below 10^13")
            return Decimal(0)
        if low is not None and number < low:
            self.fail(location, f"must be at least {low}")
        return number

    def boolean(self, value: Any, location: str) -> bool:
        if not isinstance(value, bool):
            self.fail(location, "must be true or false")
            return False
        return value

    def items(self, value: Any, location: str, *, minimum: int = 0) -> list:
        if not isinstance(value, list):
            self.fail(location, "must be a list")
            return []
        if len(value) < minimum:
            self.fail(location, f"needs at least {minimum} item(s)")
        if len(value) > MAX_ITEMS:
            self.fail(location, f"may hold at most {MAX_ITEMS} items")
            return value[:MAX_ITEMS]
        return value

    def key(self, value: Any, location: str) -> str:
        """A UUID identifying the item across versions; a fresh one when absent."""
        if value is None:
            return str(uuid.uuid4())
        try:
            key = str(uuid.UUID(str(value)))
        except ValueError:
            self.fail(location, "must be a UUID")
            return str(uuid.uuid4())
        if key in self.seen_keys:
            self.fail(location, "repeats a key used earlier in the package")
        self.seen_keys.add(key)
        return key

    def text(self, value: Any, location: str, *, limit: int, required: bool) -> str:
        if not isinstance(value, str):
            self.fail(location, "must be text")
            return ""
        if required and not value.strip():
            self.fail(location, "may not be blank")
        if len(value) > limit:
            self.fail(location, f"may hold at most {limit} characters")
        return value

    def translations(
        self,
        value: Any,
        location: str,
        *,
        languages: list[str],
        fields: dict[str, tuple[int, bool]],
    ) -> dict[str, dict[str, str]]:
        """Check {lang: {field: text}}: known languages and fields only; the required fields in
        the primary language. Other languages may leave any text blank or out (not translated
        yet); an absent language becomes empty texts."""
        if not isinstance(value, dict):
            self.fail(location, "must be an object keyed by language")
            return {}
        result: dict[str, dict[str, str]] = {}
        for language in sorted(set(value) - set(languages)):
            self.fail(f"{location}.{language}", "is not one of the course's languages")
        for language in languages:
            is_primary = language == self.primary
            if language not in value:
                if is_primary:
                    self.fail(f"{location}.{language}", "translation is missing")
                else:
                    result[language] = {}
                continue
            texts = self.mapping(
                value[language],
                f"{location}.{language}",
                allowed=set(fields),
                required={
                    name for name, (_limit, required) in fields.items() if required and is_primary
                },
            )
            result[language] = {
                name: self.text(
                    texts[name],
                    f"{location}.{language}.{name}",
                    limit=limit,
                    required=required and is_primary,
                )
                for name, (limit, required) in fields.items()
                if name in texts
            }
        return result

    def plain_translations(
        self, value: Any, location: str, *, languages: list[str]
    ) -> dict[str, str]:
        """Check {lang: text} as used by quiz options: required in the primary language only."""
        if not isinstance(value, dict):
            self.fail(location, "must be an object keyed by language")
            return {}
        for language in sorted(set(value) - set(languages)):
            self.fail(f"{location}.{language}", "is not one of the course's languages")
        result = {}
        for language in languages:
            is_primary = language == self.primary
            if language not in value:
                if is_primary:
                    self.fail(f"{location}.{language}", "translation is missing")
                else:
                    result[language] = ""
            else:
                result[language] = self.text(
                    value[language], f"{location}.{language}", limit=2000, required=is_primary
                )
        return result
