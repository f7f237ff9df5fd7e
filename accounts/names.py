"""People's names as certificates print them: normalised, and refused when they could mislead."""

import unicodedata
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from accounts.models import User

__all__ = ["field_error", "normalize_person_name", "optional_name"]

NAME_REQUIRED = gettext_lazy("This field may not be blank.")
NAME_HAS_FORBIDDEN_CHARACTERS = gettext_lazy(
    "Names may not contain control, bidirectional-override or invisible characters."
)
NAME_TOO_LONG = gettext_lazy("Names are at most %(limit)d characters.")
# Characters that could make a printed name read differently from what is stored: direction
# overrides/isolates and invisible spacing. ZWJ/ZWNJ (U+200D/U+200C) stay: scripts need them.
_FORBIDDEN_NAME_CHARACTERS = frozenset(
    "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
)


def normalize_person_name(value: str, *, required: bool = True) -> str:
    """Return the name NFC-normalised with runs of whitespace collapsed.

    Raises ValidationError when the name is blank (and required) or holds control, bidi-override
    or invisible characters, which could make a certificate show a misleading name.
    """
    name = " ".join(unicodedata.normalize("NFC", value).split())
    # A name of joiners or marks alone would print as nothing on a certificate.
    if name and not any(unicodedata.category(character)[0] in "LN" for character in name):
        name = ""
    if required and not name:
        raise ValidationError(NAME_REQUIRED, code="blank")
    limit = User._meta.get_field("full_name").max_length or 0
    if len(name) > limit:
        raise ValidationError(NAME_TOO_LONG % {"limit": limit}, code="max_length")
    if any(
        character in _FORBIDDEN_NAME_CHARACTERS or unicodedata.category(character) == "Cc"
        for character in name
    ):
        raise ValidationError(NAME_HAS_FORBIDDEN_CHARACTERS, code="forbidden_characters")
    return name


def field_error(field: str, normalize: Callable[[str], str], value: str) -> str:
    """Run a normaliser and file its error under the field's name."""
    try:
        return normalize(value)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from error


def optional_name(value: str) -> str:
    return normalize_person_name(value, required=False)
