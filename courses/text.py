"""Markdown to safe HTML, and picking a text in the reader's language with a fallback."""

from typing import Any

import markdown
import nh3

# What lesson Markdown may produce. Scripts, iframes, event handlers, styles and javascript:
# URLs are removed by nh3 (a binding of the Rust `ammonia` sanitiser), not by hand-written rules.
ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "sup",
    "sub",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "code": {"class"},
    "span": {"class"},
    "div": {"class"},
}


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page."""
    html = markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])
    return clean_html(html)


def clean_html(html: str) -> str:
    """HTML from outside (an imported page) reduced to what lesson Markdown may produce: the one
    sanitiser of lesson text, so imported and authored lessons are held to the same rules."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def resolve_language(*, requested: str | None, available: list[str], primary: str) -> str:
    """The language to serve: the requested one when the content has it, else the primary."""
    if requested:
        requested = requested.lower()
        if requested in available:
            return requested
        base = requested.split("-")[0]
        for language in available:
            if language.split("-")[0] == base:
                return language
    return primary


def pick(translations: dict[str, Any], language: str, primary: str) -> Any:
    """The texts in `language`, falling back to the primary language, else empty.

    A translation may be partial (courses.packages): for texts keyed by field, each field left
    blank in `language` is the primary language's, so a learner never sees an empty title.
    """
    texts = translations.get(language)
    fallback = translations.get(primary)
    if isinstance(texts, dict) and isinstance(fallback, dict) and texts is not fallback:
        return {
            **fallback,
            **{name: value for name, value in texts.items() if str(value).strip()},
        }
    return texts or fallback or {}
