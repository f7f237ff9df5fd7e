"""Progress and the completion rule: pure functions over an outline and per-lesson progress."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from courses import api as courses_api

# Within this many seconds of the end, a video starts again from the beginning.
RESUME_END_MARGIN_SECONDS = 3.0
# The player may report the video's real length; it is believed within the lesson's declared
# minutes ± a tolerance (whole minutes are estimates), so a wrong or tampered report cannot make
# a video much shorter (or longer) than its author said it is.
VIDEO_LENGTH_TOLERANCE_SHARE = 0.25
VIDEO_LENGTH_TOLERANCE_SECONDS = 60.0
MAX_VIDEO_SECONDS = 86_400


@dataclass
class LessonState:
    """The part of a LessonProgress row the rules need."""

    opened_at: datetime | None = None
    completed_at: datetime | None = None
    attempts: int = 0
    best_score: Decimal | None = None
    last_score: Decimal | None = None


def merge_segments(segments: list[list[float]], *, limit: float) -> list[list[float]]:
    """Union of watched [start, end] intervals, clipped to [0, limit], sorted."""
    clipped = sorted(
        [max(0.0, float(start)), min(float(end), limit)]
        for start, end in segments
        if float(end) > float(start)
    )
    merged: list[list[float]] = []
    for start, end in clipped:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def bounded_video_length(*, reported: float, declared_minutes: int) -> float:
    """The reported length of a video, believed within its declared length ± the tolerance.

    Tolerance: a quarter of the declared length, at least a minute; never shorter than half the
    declared length. Example: declared 8 minutes, believed between 6 and 10 minutes. A lesson
    that declares no length takes the report as it is.
    """
    declared = float(declared_minutes * 60)
    if declared <= 0:
        return reported
    tolerance = max(VIDEO_LENGTH_TOLERANCE_SECONDS, declared * VIDEO_LENGTH_TOLERANCE_SHARE)
    return min(max(reported, declared - tolerance, declared / 2), declared + tolerance)


def video_length(*, declared_minutes: int, measured: float | None) -> float:
    """The length watching is measured against: the (bounded) reported one, else the declared."""
    return measured or float(declared_minutes * 60) or 1.0


def watched_seconds(segments: list[list[float]]) -> float:
    return sum(end - start for start, end in segments)


def watched_share(lesson: courses_api.OutlineLesson) -> Decimal:
    """The share of a video lesson's length that completes it by watching, as its author set."""
    return Decimal(lesson.video_watched_percent) / 100


def resume_position(*, position: float | None, segments: list[list[float]], length: float) -> float:
    """Where a video starts when the learner comes back: their last reported position, else
    the end of the stretch watched from the start; from the beginning when that is (nearly)
    the end, or nothing was watched."""
    if position is None:
        position = segments[0][1] if segments and segments[0][0] <= 1 else 0.0
    if position >= length - RESUME_END_MARGIN_SECONDS:
        return 0.0
    return round(max(0.0, position), 1)


def counted_score(lesson: courses_api.OutlineLesson, state: LessonState) -> Decimal | None:
    """The quiz score that counts: best or last attempt, per the quiz's setting; a package
    lesson's best reported score (percent)."""
    if lesson.kind == "package":
        return state.best_score
    if lesson.quiz is None:
        return None
    return state.best_score if lesson.quiz.grading == "best" else state.last_score


def is_lesson_done(lesson: courses_api.OutlineLesson, state: LessonState) -> bool:
    if lesson.quiz is not None:
        score = counted_score(lesson, state)
        return score is not None and score >= lesson.quiz.pass_mark
    return state.completed_at is not None


def course_grade(outline: courses_api.Outline, states: dict[str, LessonState]) -> Decimal | None:
    """Weighted mean of the counted quiz scores (unattempted counts 0) and of the package
    lessons' scores (weight 1, once their package reported one: a package may report none);
    None without either."""
    total_weight = Decimal(0)
    weighted = Decimal(0)
    for lesson in outline.lessons.values():
        if lesson.kind == "package":
            score = counted_score(lesson, states.get(lesson.key, LessonState()))
            if score is not None:
                weighted += score
                total_weight += 1
            continue
        if lesson.quiz is None or lesson.quiz.weight == 0:
            continue
        score = counted_score(lesson, states.get(lesson.key, LessonState())) or Decimal(0)
        weighted += score * lesson.quiz.weight
        total_weight += lesson.quiz.weight
    if total_weight == 0:
        return None
    return (weighted / total_weight).quantize(Decimal("0.01"))


def _title(lesson: courses_api.OutlineLesson, language: str, primary: str) -> str:
    return str(courses_api.pick(lesson.translations, language, primary).get("title", ""))


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def evaluate(
    outline: courses_api.Outline,
    states: dict[str, LessonState],
    *,
    language: str,
    last_lesson_key: str | None = None,
    is_completed: bool = False,
) -> dict[str, Any]:
    """Progress as the learner sees it, and whether the completion rule is met.

    The rule: every required lesson done (a quiz is done when its counted score reaches its pass
    mark) and, when the course has graded quizzes, the course grade reaches the pass mark.
    `percent` is exactly 100 when the rule is met (or the enrollment is already completed) and
    at most 99 before, so a bar never shows 100 % for an unfinished course or more than 100 %.
    """
    primary = outline.primary_language
    served = courses_api.resolve_language(
        requested=language, available=list(outline.languages), primary=primary
    )
    required = [lesson for lesson in outline.lessons.values() if lesson.is_required]
    done = {
        key
        for key, lesson in outline.lessons.items()
        if is_lesson_done(lesson, states.get(key, LessonState()))
    }
    missing: list[dict[str, Any]] = []
    for lesson in required:
        if lesson.key in done:
            continue
        title = _title(lesson, served, primary)
        state = states.get(lesson.key, LessonState())
        if lesson.quiz is not None:
            score = counted_score(lesson, state)
            if score is None:
                message = _("Quiz %(label)s “%(title)s”: not attempted yet, needs %(needed)s %%.")
            else:
                message = _(
                    "Quiz %(label)s “%(title)s”: %(kind)s %(score)s %%, needs %(needed)s %%."
                )
            missing.append(
                {
                    "lesson": lesson.key,
                    "label": lesson.label,
                    "reason": "quiz_below_pass_mark",
                    "score": None if score is None else str(score),
                    "needed": lesson.quiz.pass_mark,
                    "message": message
                    % {
                        "label": lesson.label,
                        "title": title,
                        "needed": lesson.quiz.pass_mark,
                        "score": "" if score is None else _percent(score),
                        "kind": _("best score")
                        if lesson.quiz.grading == "best"
                        else _("last score"),
                    },
                }
            )
        elif lesson.kind == "package" and state.best_score is not None:
            missing.append(
                {
                    "lesson": lesson.key,
                    "label": lesson.label,
                    "reason": "package_not_passed",
                    "score": str(state.best_score),
                    "needed": None,
                    "message": _(
                        "Package %(label)s “%(title)s”: score %(score)s %%, not passed or not "
                        "completed yet."
                    )
                    % {"label": lesson.label, "title": title, "score": _percent(state.best_score)},
                }
            )
        else:
            missing.append(
                {
                    "lesson": lesson.key,
                    "label": lesson.label,
                    "reason": "not_completed",
                    "score": None,
                    "needed": None,
                    "message": _("Lesson %(label)s “%(title)s” not completed.")
                    % {"label": lesson.label, "title": title},
                }
            )
    grade = course_grade(outline, states)
    if grade is not None and grade < outline.pass_mark:
        missing.append(
            {
                "lesson": None,
                "label": None,
                "reason": "grade_below_pass_mark",
                "score": str(grade),
                "needed": outline.pass_mark,
                "message": _("Course grade %(score)s %%, needs %(needed)s %%.")
                % {"score": _percent(grade), "needed": outline.pass_mark},
            }
        )
    is_met = not missing
    required_done = sum(1 for lesson in required if lesson.key in done)
    if is_met or is_completed:
        percent = 100
    elif required:
        percent = min(99, required_done * 100 // len(required))
    else:
        percent = 99
    modules = []
    for module in outline.modules:
        module_required = [lesson for lesson in module.lessons if lesson.is_required]
        module_done = sum(1 for lesson in module_required if lesson.key in done)
        modules.append(
            {
                "key": module.key,
                "number": module.number,
                "title": str(
                    courses_api.pick(module.translations, served, primary).get("title", "")
                ),
                "required_lessons": len(module_required),
                "completed_lessons": module_done,
                "percent": 100
                if not module_required
                else module_done * 100 // len(module_required),
                "lessons": [
                    {
                        "key": lesson.key,
                        "label": lesson.label,
                        "title": _title(lesson, served, primary),
                        "kind": lesson.kind,
                        "is_required": lesson.is_required,
                        "is_done": lesson.key in done,
                    }
                    for lesson in module.lessons
                ],
            }
        )
    return {
        "percent": percent,
        "is_complete": is_met or is_completed,
        "grade": None if grade is None else str(grade),
        "pass_mark": outline.pass_mark,
        "served_language": served,
        "next_lesson": _next_lesson(outline, done, last_lesson_key),
        "missing": missing,
        "modules": modules,
        "rule_met": is_met,
    }


def _next_lesson(
    outline: courses_api.Outline, done: set[str], last_lesson_key: str | None
) -> str | None:
    if last_lesson_key and last_lesson_key in outline.lessons and last_lesson_key not in done:
        return last_lesson_key
    for lesson in outline.lessons.values():
        if lesson.key not in done and lesson.is_required:
            return lesson.key
    for lesson in outline.lessons.values():
        if lesson.key not in done:
            return lesson.key
    return None
