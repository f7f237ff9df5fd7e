"""Enrollment fixtures: the courses fixtures, a published course, its outline keys, and the
completions signalled."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from courses.models import CourseVersion
from courses.outline import cached_outline
from enrollment.signals import enrollment_completed
from tests.courses.conftest import framework, institution, make_package, publish, staff

__all__ = ["framework", "institution", "publish", "staff"]


@pytest.fixture(autouse=True)
def _fresh_outline_cache() -> Iterator[None]:
    # Rolled-back tests may reuse version ids (SQLite), so no outline may outlive its test.
    cached_outline.cache_clear()
    yield
    cached_outline.cache_clear()


@pytest.fixture
def course(publish: Callable[..., None]) -> dict[str, Any]:
    """The published test course and the keys of its lessons and questions."""
    publish(make_package())
    version = CourseVersion.objects.get(state="published")
    lessons = {}
    for module in version.modules.all():
        for lesson in module.lessons.all():
            lessons[lesson.kind] = lesson
    quiz = lessons["quiz"].quiz
    questions = {question.kind: question for question in quiz.questions.all()}
    return {
        "version": version,
        "text": str(lessons["text"].key),
        "video": str(lessons["video"].key),
        "quiz": str(lessons["quiz"].key),
        "questions": questions,
        "correct_answers": {
            str(questions["single_choice"].key): str(
                questions["single_choice"].options.get(is_correct=True).key
            ),
            str(questions["numeric"].key): 3.31,
            str(questions["true_false"].key): True,
            str(questions["short_text"].key): "  Ladder ",
        },
    }


@pytest.fixture
def received() -> Iterator[list[int]]:
    """The enrollment ids `enrollment_completed` is sent for during the test, in order."""
    calls: list[int] = []

    def receiver(sender: object, enrollment_id: int, **kwargs: object) -> None:
        calls.append(enrollment_id)

    enrollment_completed.connect(receiver, weak=False, dispatch_uid="test-receiver")
    yield calls
    enrollment_completed.disconnect(dispatch_uid="test-receiver")
