"""The pure text rules of discussions.text."""

import pytest
from django.core.exceptions import ValidationError

from discussions import text


@pytest.mark.parametrize(
    ("sample", "language"),
    [
        ("如何在PLC中设置定时器？", "zh-hans"),
        ("كيف أضبط المؤقت؟", "ar"),
        ("Warum ist der Zähler nicht richtig?", "de"),
        ("Wie kann ich das machen und warum", "de"),
        ("How do I set a timer?", "en"),
    ],
)
def test_detect_language_by_script_then_words(sample: str, language: str) -> None:
    assert text.detect_language(sample) == language


def test_mentioned_emails_each_once_lower_cased() -> None:
    body = "Thanks @Anna@Example.org and @bob@example.org. Also @anna@example.org; not x@y.org"
    assert text.mentioned_emails(body) == ["anna@example.org", "bob@example.org"]


def test_check_body_refuses_empty_and_too_long_with_the_numbers() -> None:
    with pytest.raises(ValidationError) as empty:
        text.check_body("   \n ")
    assert empty.value.message_dict == {"body": ["Write something first: the post is empty."]}
    with pytest.raises(ValidationError) as long:
        text.check_body("x" * 20_001)
    assert long.value.message_dict == {
        "body": ["A post may have at most 20,000 characters; this one has 20,001."]
    }
    assert text.check_body("  ok  ") == "ok"


def test_filtered_words_match_case_folded_and_inside_chinese() -> None:
    assert text.filtered_words("Buy CHEAP watches", ["cheap", "spam"]) == ["cheap"]
    assert text.filtered_words("这是广告内容", ["广告"]) == ["广告"]
    assert text.filtered_words("fine text", ["", "spam"]) == []
