"""The progress rule (programs.progress): a pure function, every case of retired courses."""

from programs.progress import CourseStep, Progress, evaluate_progress


def _steps(*items: tuple[str, bool, str]) -> list[CourseStep]:
    return [
        CourseStep(slug=slug, is_available=available, status=status)
        for slug, available, status in items
    ]


def test_an_ordered_program_counts_done_courses_and_names_the_first_not_done() -> None:
    progress = evaluate_progress(
        kind="ordered",
        required_count=None,
        steps=_steps(("a", True, "done"), ("b", True, "not_started"), ("c", True, "in_progress")),
    )
    assert progress == Progress(
        done_count=1,
        required_count=3,
        is_complete=False,
        is_completable=True,
        next_course="b",
        retired_missing=(),
    )


def test_a_retired_course_already_done_still_counts() -> None:
    progress = evaluate_progress(
        kind="ordered",
        required_count=None,
        steps=_steps(("a", False, "done"), ("b", True, "done")),
    )
    assert (progress.is_complete, progress.done_count, progress.next_course) == (True, 2, None)


def test_an_ordered_program_with_a_retired_course_not_done_cannot_be_completed() -> None:
    progress = evaluate_progress(
        kind="ordered",
        required_count=None,
        steps=_steps(("a", True, "done"), ("b", False, "not_started"), ("c", True, "not_started")),
    )
    assert progress == Progress(
        done_count=1,
        required_count=3,
        is_complete=False,
        is_completable=False,
        next_course=None,
        retired_missing=("b",),
    )


def test_an_elective_program_needs_any_n_and_prefers_a_started_course_next() -> None:
    progress = evaluate_progress(
        kind="elective",
        required_count=2,
        steps=_steps(("a", True, "done"), ("b", True, "not_started"), ("c", True, "in_progress")),
    )
    assert (progress.done_count, progress.required_count, progress.next_course) == (1, 2, "c")
    assert (progress.is_complete, progress.is_completable) == (False, True)


def test_an_elective_program_counts_only_available_courses_towards_what_remains() -> None:
    enough = evaluate_progress(
        kind="elective",
        required_count=2,
        steps=_steps(("a", False, "not_started"), ("b", True, "not_started"), ("c", True, "done")),
    )
    too_few = evaluate_progress(
        kind="elective",
        required_count=3,
        steps=_steps(("a", False, "not_started"), ("b", True, "not_started"), ("c", True, "done")),
    )
    assert (enough.is_completable, enough.next_course, enough.retired_missing) == (True, "b", ())
    assert (too_few.is_completable, too_few.retired_missing) == (False, ("a",))


def test_an_elective_program_is_complete_with_n_done() -> None:
    progress = evaluate_progress(
        kind="elective",
        required_count=2,
        steps=_steps(("a", True, "done"), ("b", False, "done"), ("c", True, "not_started")),
    )
    assert (progress.is_complete, progress.done_count, progress.next_course) == (True, 2, None)
