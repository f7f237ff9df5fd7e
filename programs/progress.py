"""Where a learner stands in a program: a pure function of the program's rule and the state of
each of its courses (no database), so every rule about retired courses is tested directly."""

from dataclasses import dataclass

DONE = "done"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
COURSE_STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)

ORDERED = "ordered"
ELECTIVE = "elective"


@dataclass(frozen=True)
class CourseStep:
    """One course of the program as the rule sees it."""

    slug: str
    # Published now; False for a retired (archived) course, which no one can start or finish.
    is_available: bool
    status: str  # one of COURSE_STATUSES


@dataclass(frozen=True)
class Progress:
    """How far a learner is: "`done_count` of `required_count` done; next: `next_course`"."""

    done_count: int
    required_count: int
    is_complete: bool
    # False when the courses still available cannot complete it any more (retired courses).
    is_completable: bool
    next_course: str | None
    # The retired courses the learner still needs (an ordered program), or that made too few
    # remain (an elective one): what the page says when the program cannot be completed.
    retired_missing: tuple[str, ...]


def evaluate_progress(
    *, kind: str, required_count: int | None, steps: list[CourseStep]
) -> Progress:
    """The learner's progress in a program of `kind` over `steps` (in the program's order).

    A course counts as done when the learner holds its certificate, whether or not the course
    was retired since. An ordered program needs every course, so a retired course the learner
    has not done makes it impossible to complete (and "next" stops there). An elective program
    needs `required_count` courses, of which the undone ones must still be available.
    """
    done = [step for step in steps if step.status == DONE]
    open_steps = [step for step in steps if step.status != DONE]
    retired_open = tuple(step.slug for step in open_steps if not step.is_available)
    if kind == ORDERED:
        required = len(steps)
        is_complete = bool(steps) and len(done) == required
        is_completable = is_complete or not retired_open
        first_open = open_steps[0] if open_steps else None
        next_course = (
            first_open.slug if first_open is not None and first_open.is_available else None
        )
        return Progress(
            done_count=len(done),
            required_count=required,
            is_complete=is_complete,
            is_completable=is_completable,
            next_course=next_course,
            retired_missing=() if is_completable else retired_open,
        )
    required = required_count or len(steps)
    is_complete = len(done) >= required
    available_open = [step for step in open_steps if step.is_available]
    is_completable = is_complete or len(done) + len(available_open) >= required
    started = [step for step in available_open if step.status == IN_PROGRESS]
    candidates = started or available_open
    return Progress(
        done_count=min(len(done), required),
        required_count=required,
        is_complete=is_complete,
        is_completable=is_completable,
        next_course=None if is_complete or not candidates else candidates[0].slug,
        retired_missing=() if is_completable else retired_open,
    )
