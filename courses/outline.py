"""An immutable, cached view of a published version's content, for progress and grading.

Published versions never change, so their outline is built once per process (from the same
export that packages use) and shared by every request that records an event or reads progress.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from courses.bulk import cyclic_gc_paused
from courses.export import export_course_package
from courses.models import CourseVersion


@dataclass(frozen=True)
class OutlineQuestion:
    key: str
    kind: str
    points: Decimal
    translations: dict[str, Any]
    options: tuple[tuple[str, bool, dict[str, str]], ...] = ()
    true_false_answer: bool | None = None
    numeric_answer: Decimal | None = None
    numeric_tolerance: Decimal = Decimal(0)
    accepted_answers: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class OutlineQuiz:
    pass_mark: int
    attempts_allowed: int | None
    time_limit_minutes: int | None
    shuffle_questions: bool
    grading: str
    weight: Decimal
    reveal_answers: str
    questions: tuple[OutlineQuestion, ...]


@dataclass(frozen=True)
class OutlineLesson:
    key: str
    module_key: str
    label: str  # "2.4": module and lesson numbers as learners see them
    kind: str
    is_required: bool
    duration_minutes: int
    translations: dict[str, Any]
    video_url: str = ""
    video_completion: str = "watched_or_transcript"
    video_watched_percent: int = 90
    is_preview: bool = False
    resource_id: str = ""
    quiz: OutlineQuiz | None = None


@dataclass(frozen=True)
class OutlineModule:
    key: str
    number: int
    translations: dict[str, Any]
    lessons: tuple[OutlineLesson, ...]


@dataclass(frozen=True)
class Outline:
    version_id: int
    course_id: int
    slug: str
    number: int
    primary_language: str
    languages: tuple[str, ...]
    pass_mark: int
    translations: dict[str, Any]
    modules: tuple[OutlineModule, ...]
    lessons: dict[str, OutlineLesson]  # by key, in course order


@dataclass(frozen=True)
class CourseHeading:
    """A version's name and languages, all that a learning record about the course itself (not
    one of its lessons) says of it: read from the version row, with no outline to build."""

    slug: str
    primary_language: str
    languages: tuple[str, ...]
    translations: dict[str, Any]


def course_heading(*, version: CourseVersion, slug: str) -> CourseHeading:
    """The heading of `version` of the course `slug` (its outline has the same four fields)."""
    return CourseHeading(
        slug=slug,
        primary_language=version.primary_language,
        languages=tuple(version.languages),
        translations=version.translations,
    )


def _question(spec: dict[str, Any]) -> OutlineQuestion:
    kind = spec["kind"]
    return OutlineQuestion(
        key=spec["key"],
        kind=kind,
        points=Decimal(spec["points"]),
        translations=spec["translations"],
        options=tuple(
            (option["key"], option["is_correct"], option["translations"])
            for option in spec.get("options", [])
        ),
        true_false_answer=spec.get("answer") if kind == "true_false" else None,
        numeric_answer=Decimal(spec["answer"]) if kind == "numeric" else None,
        numeric_tolerance=Decimal(spec.get("tolerance", "0")) if kind == "numeric" else Decimal(0),
        accepted_answers=spec.get("accepted_answers", {}),
    )


def build_outline(version: CourseVersion, package: dict[str, Any]) -> Outline:
    """Turn an exported package of `version` into an Outline."""
    course = package["course"]
    modules = []
    lessons: dict[str, OutlineLesson] = {}
    for module_number, module in enumerate(course["modules"], start=1):
        module_lessons = []
        for lesson_number, lesson in enumerate(module["lessons"], start=1):
            quiz = lesson.get("quiz")
            item = OutlineLesson(
                key=lesson["key"],
                module_key=module["key"],
                label=f"{module_number}.{lesson_number}",
                kind=lesson["kind"],
                is_required=lesson["is_required"],
                duration_minutes=lesson["duration_minutes"],
                translations=lesson["translations"],
                video_url=lesson.get("video_url", ""),
                video_completion=lesson.get("video_completion", "watched_or_transcript"),
                video_watched_percent=lesson.get("video_watched_percent", 90),
                is_preview=lesson.get("is_preview", False),
                resource_id=lesson.get("resource", ""),
                quiz=OutlineQuiz(
                    pass_mark=quiz["pass_mark"],
                    attempts_allowed=quiz["attempts_allowed"],
                    time_limit_minutes=quiz["time_limit_minutes"],
                    shuffle_questions=quiz["shuffle_questions"],
                    grading=quiz["grading"],
                    weight=Decimal(quiz["weight"]),
                    reveal_answers=quiz["reveal_answers"],
                    questions=tuple(_question(question) for question in quiz["questions"]),
                )
                if quiz
                else None,
            )
            module_lessons.append(item)
            lessons[item.key] = item
        modules.append(
            OutlineModule(
                key=module["key"],
                number=module_number,
                translations=module["translations"],
                lessons=tuple(module_lessons),
            )
        )
    return Outline(
        version_id=version.pk,
        course_id=version.course_id,
        slug=course["slug"],
        number=version.number,
        primary_language=course["primary_language"],
        languages=tuple(course["languages"]),
        pass_mark=course["pass_mark"],
        translations=course["translations"],
        modules=tuple(modules),
        lessons=lessons,
    )


@lru_cache(maxsize=512)
def cached_outline(version_id: int) -> Outline:
    """The outline of a published (or archived) version; immutable, so cached per process."""
    version = CourseVersion.objects.get(
        pk=version_id, state__in=[CourseVersion.State.PUBLISHED, CourseVersion.State.ARCHIVED]
    )
    with cyclic_gc_paused():
        return build_outline(version, export_course_package(version=version))
