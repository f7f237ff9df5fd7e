"""Quiz attempts: when a started attempt runs out, and when its answer keys may be shown (pure)."""

from datetime import datetime, timedelta

# Grace for network delay between the learner's last click and the server receiving the attempt.
TIME_LIMIT_GRACE = timedelta(seconds=60)


def attempt_deadline(*, started_at: datetime, time_limit_minutes: int | None) -> datetime | None:
    """When an attempt started at `started_at` ends, as learners are told; None if untimed."""
    if not time_limit_minutes:
        return None
    return started_at + timedelta(minutes=time_limit_minutes)


def is_attempt_over(*, started_at: datetime, time_limit_minutes: int | None, now: datetime) -> bool:
    """True once a timed attempt is past its deadline and the grace; an untimed one never is."""
    deadline = attempt_deadline(started_at=started_at, time_limit_minutes=time_limit_minutes)
    return deadline is not None and now > deadline + TIME_LIMIT_GRACE


def may_reveal_answers(
    *, policy: str, passed: bool, attempts_used: int, attempts_allowed: int | None
) -> bool:
    """Whether a graded attempt shows the keys: `after_pass` once passed, `after_last_attempt`
    once none remain, `never` not at all. No policy shows them while attempts remain unpassed."""
    if policy == "after_pass":
        return passed
    if policy == "after_last_attempt":
        return attempts_allowed is not None and attempts_used >= attempts_allowed
    return False
