"""Pure text rules of a post: its limits, the language it is written in, who it mentions, and
whether an organisation's word list holds it. No database here."""

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from courses import api as courses_api

__all__ = [
    "BODY_MAX_CHARACTERS",
    "TITLE_MAX_CHARACTERS",
    "check_body",
    "detect_language",
    "filtered_words",
    "mentioned_emails",
]

# A post is a message, not a document: 20,000 characters is some ten pages of text.
BODY_MAX_CHARACTERS = 20_000
TITLE_MAX_CHARACTERS = 200
POST_TOO_LONG = gettext_lazy(
    "A post may have at most %(limit)s characters; this one has %(length)s."
)
POST_EMPTY = gettext_lazy("Write something first: the post is empty.")

# `@someone@example.org`: an e-mail address is the one name every account has, and the only
# one that cannot point at two people.
_MENTION = re.compile(r"(?<![\w.+-])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_GERMAN_LETTERS = re.compile(r"[äöüß]", re.IGNORECASE)
_GERMAN_WORDS = frozenset(
    {
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "ich",
        "wie",
        "wir",
        "ein",
        "eine",
        "mit",
        "für",
        "auf",
        "warum",
        "kann",
        "können",
    }
)


def check_body(body: str) -> str:
    """The body with its ends trimmed; raises ValidationError on `body` when it is empty
    (`post_empty`) or longer than BODY_MAX_CHARACTERS (`post_too_long`)."""
    text = body.strip()
    if not text:
        raise ValidationError({"body": ValidationError(POST_EMPTY, code="post_empty")})
    if len(text) > BODY_MAX_CHARACTERS:
        message = POST_TOO_LONG % {"limit": f"{BODY_MAX_CHARACTERS:,}", "length": f"{len(text):,}"}
        raise ValidationError({"body": ValidationError(message, code="post_too_long")})
    return text


def detect_language(text: str) -> str:
    """A best guess at the UI language a text is written in (en, zh-hans, de or ar): by script
    first (a few Chinese or Arabic characters decide), then German letters or common words."""
    if _CJK.search(text):
        return "zh-hans"
    if _ARABIC.search(text):
        return "ar"
    words = set(re.findall(r"\w+", text.lower()))
    if _GERMAN_LETTERS.search(text) or len(words & _GERMAN_WORDS) >= 2:
        return "de"
    return "en"


def mentioned_emails(text: str) -> list[str]:
    """The e-mail addresses mentioned as `@address` in a post, lower-cased, each once, at most
    20 (a post mentioning a whole course is not a mention)."""
    found = dict.fromkeys(match.lower().rstrip(".") for match in _MENTION.findall(text))
    return list(found)[:20]


def filtered_words(text: str, words: Iterable[str]) -> list[str]:
    """The words of a word list that occur in `text`, compared as catalog search compares
    (normalized, case-folded, as substrings, so it works for Chinese as well)."""
    normalized = courses_api.normalize_search_text(text)
    return [
        word
        for word in words
        if (needle := courses_api.normalize_search_text(word)) and needle in normalized
    ]
