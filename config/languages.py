"""The platform's languages: one resolver for every language tag a client sends.

Clients name languages as BCP 47 tags, which are case-insensitive (`zh-Hans`, `zh-CN`, `de-DE`,
`ar-EG`, `EN`); the platform stores and answers its own codes (settings.LANGUAGES: `en`,
`zh-hans`, `de`, `ar`). Query parameters, request bodies (the saved language of an account) and
Accept-Language (Django's LocaleMiddleware, which uses the same matching) all resolve through
Django's `get_supported_language_variant`, so every way of naming a language ends in the same code.
"""

import re
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.utils.translation import get_supported_language_variant, gettext_lazy
from rest_framework import serializers

__all__ = [
    "LanguageField",
    "LanguageFilter",
    "resolve_language_tag",
    "supported_languages_text",
]

UNSUPPORTED_LANGUAGE = gettext_lazy(
    "“%(value)s” is not a supported language. Supported languages: %(supported)s."
)
LANGUAGE_HELP = (
    "A BCP 47 language tag, case-insensitive: `zh-Hans`, `zh-CN` and `zh` all mean `zh-hans`, "
    "`de-DE` means `de`, `ar-EG` means `ar`."
)
# Language, script, region and variant subtags (RFC 5646), `_` tolerated as a separator.
_TAG = re.compile(r"[a-z]{2,8}(?:[-_][a-z0-9]{1,8})*", re.IGNORECASE)
_LONGEST_TAG = 35


def resolve_language_tag(tag: str) -> str | None:
    """The platform language a BCP 47 tag names, matched case-insensitively, else None.

    `zh-Hans`, `zh-hans`, `zh-CN`, `zh` → `zh-hans`; `de-DE` → `de`; `ar-EG` → `ar`; a region
    or script the platform lacks falls back to the language's platform variant (Django's
    rules, also applied to Accept-Language). Malformed and unsupported tags give None.
    """
    tag = tag.strip()
    if len(tag) > _LONGEST_TAG or not _TAG.fullmatch(tag):
        return None
    try:
        return get_supported_language_variant(tag.replace("_", "-").lower())
    except LookupError:
        return None


def supported_languages_text() -> str:
    """The supported languages as a refusal lists them: `en (English), zh-hans (…), …`."""
    return ", ".join(f"{code} ({name})" for code, name in settings.LANGUAGES)


def _refusal(value: Any) -> str:
    shown = str(value)[:_LONGEST_TAG]
    return str(UNSUPPORTED_LANGUAGE % {"value": shown, "supported": supported_languages_text()})


class LanguageField(serializers.ChoiceField):
    """A platform language given as any BCP 47 tag; validates to the platform's code.

    Documented as the platform codes (an enum), which a client may send as they are.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", LANGUAGE_HELP)
        super().__init__(choices=settings.LANGUAGES, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        language = resolve_language_tag(data) if isinstance(data, str) else None
        if language is None:
            # The code DRF gives every refused choice, so clients see one code for it.
            raise serializers.ValidationError(_refusal(data), code="invalid_choice")
        return language


class _LanguageFormField(forms.ChoiceField):
    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        language = resolve_language_tag(value) if isinstance(value, str) else None
        if language is None:
            raise forms.ValidationError(_refusal(value), code="invalid_choice")
        return language


class LanguageFilter(django_filters.ChoiceFilter):
    """A filter on a platform language given as any BCP 47 tag (see LanguageField)."""

    field_class = _LanguageFormField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("choices", settings.LANGUAGES)
        super().__init__(*args, **kwargs)
