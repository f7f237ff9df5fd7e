"""The pure rules of quiz attempts: deadlines with grace, and when keys may be shown."""

from datetime import UTC, datetime, timedelta

import pytest

from enrollment import attempts

START = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def test_a_deadline_is_the_start_plus_the_limit_and_none_untimed() -> None:
    assert attempts.attempt_deadline(started_at=START, time_limit_minutes=20) == START + timedelta(
        minutes=20
    )
    assert attempts.attempt_deadline(started_at=START, time_limit_minutes=None) is None


@pytest.mark.parametrize(
    ("elapsed", "is_over"),
    [
        (timedelta(minutes=20), False),
        (timedelta(minutes=21), False),  # the minute's grace for the network
        (timedelta(minutes=21, seconds=1), True),
    ],
)
def test_an_attempt_is_over_after_its_deadline_and_the_grace(
    elapsed: timedelta, is_over: bool
) -> None:
    assert (
        attempts.is_attempt_over(started_at=START, time_limit_minutes=20, now=START + elapsed)
        is is_over
    )


def test_an_untimed_attempt_is_never_over() -> None:
    later = START + timedelta(days=400)
    assert attempts.is_attempt_over(started_at=START, time_limit_minutes=None, now=later) is False


@pytest.mark.parametrize(
    ("policy", "passed", "used", "allowed", "shown"),
    [
        ("after_pass", False, 1, 3, False),
        ("after_pass", True, 1, 3, True),
        ("after_last_attempt", False, 2, 3, False),
        ("after_last_attempt", True, 2, 3, False),
        ("after_last_attempt", False, 3, 3, True),
        ("after_last_attempt", False, 50, None, False),  # unlimited: there is no last attempt
        ("never", True, 3, 3, False),
        ("after_submit", False, 1, 3, False),  # retired: never honoured
    ],
)
def test_keys_are_shown_only_as_the_policy_allows(
    policy: str, passed: bool, used: int, allowed: int | None, shown: bool
) -> None:
    assert (
        attempts.may_reveal_answers(
            policy=policy, passed=passed, attempts_used=used, attempts_allowed=allowed
        )
        is shown
    )
