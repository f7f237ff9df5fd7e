"""Untrusted text made safe to lay out (names, titles, competencies), with the direction and
the language that picks its font; the accent colour and images an institution provides."""

from __future__ import annotations

import base64
import re
import unicodedata
from dataclasses import dataclass

from certificates.rendering.document import DEFAULT_COLOUR
from certificates.rendering.labels import HTML_LANGUAGE

# Bidi embeddings/overrides/isolates/marks, zero-width and invisible characters: a name that
# carries them could reorder or hide what surrounds it. ZWJ and ZWNJ stay: Arabic, Persian and
# Indic spellings need them.
_INVISIBLE = [
    0x061C,  # Arabic letter mark
    0x180E,  # Mongolian vowel separator
    0x200B,  # zero-width space
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    *range(0x202A, 0x202F),  # embeddings, overrides, pop (LRE RLE PDF LRO RLO)
    *range(0x2060, 0x2070),  # word joiner, invisible operators, isolates (LRI RLI FSI PDI)...
    0xFEFF,  # zero-width no-break space (BOM)
]
_CLEAN = dict.fromkeys(_INVISIBLE)
_WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Untrusted text made safe to lay out: NFC, no control/bidi/zero-width characters, one line."""
    text = unicodedata.normalize("NFC", text).translate(_CLEAN)
    text = "".join(
        " " if unicodedata.category(character) in {"Cc", "Zl", "Zp"} else character
        for character in text
    )
    return _WHITESPACE.sub(" ", text).strip()


_RTL_CATEGORIES = {"R", "AL"}
_STRONG_CATEGORIES = {"L", "R", "AL"}


def _direction(text: str) -> str:
    """The direction ("rtl" or "ltr") of the first strong character, as dir="auto" decides."""
    for character in text:
        category = unicodedata.bidirectional(character)
        if category in _STRONG_CATEGORIES:
            return "rtl" if category in _RTL_CATEGORIES else "ltr"
    return "ltr"


def _script_language(text: str, language: str) -> str:
    """The `lang` that picks the right font for a name: Japanese kana → JP faces, Hangul → KR,
    Han alone → Simplified Chinese (the SC face first, so Chinese names never get JP variants)."""
    has_han = False
    for character in text:
        codepoint = ord(character)
        if 0x3040 <= codepoint <= 0x30FF or 0x31F0 <= codepoint <= 0x31FF:
            return "ja"
        if 0xAC00 <= codepoint <= 0xD7AF or 0x1100 <= codepoint <= 0x11FF:
            return "ko"
        if 0x0600 <= codepoint <= 0x06FF or 0x0750 <= codepoint <= 0x077F:
            return "ar"
        if 0x0590 <= codepoint <= 0x05FF:
            return "he"
        if 0x3400 <= codepoint <= 0x9FFF or 0xF900 <= codepoint <= 0xFAFF:
            has_han = True
    if has_han:
        return "zh-Hans"
    return HTML_LANGUAGE[language]


@dataclass(frozen=True)
class Text:
    """A piece of untrusted text with the direction and language it is laid out in."""

    text: str
    direction: str
    language: str


def untrusted_text(value: str, language: str) -> Text:
    text = clean(value)
    return Text(text=text, direction=_direction(text), language=_script_language(text, language))


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def accent(colour: str) -> str:
    """The accent colour, or the default when it is malformed or too pale to read on white paper
    (WCAG contrast below 3:1)."""
    colour = colour.strip()
    if not _COLOUR.fullmatch(colour):
        return DEFAULT_COLOUR

    def channel(offset: int) -> float:
        value = int(colour[offset : offset + 2], 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    if 1.05 / (luminance + 0.05) < 3:
        return DEFAULT_COLOUR
    return colour.lower()


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_data_url(data: bytes | None) -> str | None:
    """A data: URL for PNG bytes; anything that is not a PNG is left out rather than guessed at."""
    if not data or not data.startswith(_PNG_SIGNATURE):
        return None
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
