"""Course versions written out as course packages (JSON) and zip archives, in a fixed number of
queries whatever the size."""

import json
import uuid
from typing import Any

from django.db import connections
from django.db.models import QuerySet

from courses import archives, packages
from courses.bulk import cyclic_gc_paused
from courses.models import CourseVersion, Lesson, Module, Question, Quiz, Resource


def export_course_package(*, version: CourseVersion) -> dict[str, Any]:
    """The version as a course package that `import_course_package` reads back unchanged.

    A fixed number of queries whatever the size: modules, lessons and lesson competencies are
    read as plain rows, quizzes with their questions and options prefetched. A course may hold
    200 modules of 200 lessons: building 40,000 lesson instances through prefetching, with
    Django's per-value converters and the cyclic GC running over the growing result, made the
    export take 29.5 s on a busy server (tests/benchmarks/bench_large_course.py).
    """
    with cyclic_gc_paused():
        return _export_course_package(version)


def _export_course_package(version: CourseVersion) -> dict[str, Any]:
    version = (
        CourseVersion.objects.filter(pk=version.pk)
        .select_related("course")
        .prefetch_related("course__institutions", "competencies", "prerequisites")
        .get()
    )
    competency_codes: dict[int, list[str]] = {}
    for lesson_id, code in Lesson.competencies.through.objects.filter(
        lesson__module__version_id=version.pk
    ).values_list("lesson_id", "competency__code"):
        competency_codes.setdefault(lesson_id, []).append(code)
    quizzes = {
        quiz.lesson_id: quiz
        for quiz in Quiz.objects.filter(lesson__module__version_id=version.pk).prefetch_related(
            "questions__options"
        )
    }
    lessons_by_module: dict[int, list[dict[str, Any]]] = {}
    lesson_rows = _raw_rows(
        Lesson.objects.filter(module__version_id=version.pk).order_by("position", "id"),
        "id",
        "module_id",
        "key",
        "kind",
        "is_required",
        "duration_minutes",
        "video_url",
        "video_completion",
        "video_watched_percent",
        "is_preview",
        "resource_id",
        "translations",
    )
    lesson_translations = _json_texts(row[-1] for row in lesson_rows)
    for row, translations in zip(lesson_rows, lesson_translations, strict=True):
        (
            lesson_id,
            module_id,
            key,
            kind,
            is_required,
            duration,
            video_url,
            video_completion,
            video_watched_percent,
            is_preview,
            resource_id,
        ) = row[:-1]
        item: dict[str, Any] = {
            "key": _key_text(key),
            "kind": kind,
            "is_required": bool(is_required),
            "is_preview": bool(is_preview),
            "duration_minutes": duration,
            "competencies": sorted(competency_codes.get(lesson_id, [])),
            "translations": translations,
        }
        if kind == Lesson.Kind.VIDEO:
            item["video_url"] = video_url
            item["video_completion"] = video_completion
            item["video_watched_percent"] = video_watched_percent
        if kind == Lesson.Kind.RESOURCE:
            item["resource"] = str(resource_id)
        if kind == Lesson.Kind.QUIZ:
            item["quiz"] = _export_quiz(quizzes[lesson_id])
        lessons_by_module.setdefault(module_id, []).append(item)
    module_rows = _raw_rows(
        Module.objects.filter(version_id=version.pk).order_by("position", "id"),
        "id",
        "key",
        "translations",
    )
    modules = [
        {
            "key": _key_text(key),
            "translations": translations,
            "lessons": lessons_by_module.get(module_id, []),
        }
        for (module_id, key, _text), translations in zip(
            module_rows, _json_texts(row[-1] for row in module_rows), strict=True
        )
    ]
    return {
        "format": packages.FORMAT,
        "course": {
            "slug": version.course.slug,
            "code": version.code,
            "primary_language": version.primary_language,
            "languages": version.languages,
            "level": version.level,
            "estimated_hours": version.estimated_hours,
            "institutions": sorted(o.slug for o in version.course.institutions.all()),
            "prerequisites": sorted(c.slug for c in version.prerequisites.all()),
            "competencies": sorted(c.code for c in version.competencies.all()),
            "certificate_validity_months": version.certificate_validity_months,
            "pass_mark": version.pass_mark,
            "show_grade_on_certificate": version.show_grade_on_certificate,
            "translations": version.translations,
            "modules": modules,
        },
    }


def _raw_rows(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """The fields' values as the database driver returns them, without Django's per-value
    converters: for tens of thousands of lessons, converting each UUID and decoding each JSON
    object one by one was most of an export's time. `_key_text` and `_json_texts` finish the
    job in bulk."""
    compiler = queryset.values_list(*fields).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _key_text(value: Any) -> str:
    """A UUID column's value as canonical text: PostgreSQL's driver gives a UUID, SQLite the
    32 hex digits Django stores."""
    if isinstance(value, uuid.UUID):
        return str(value)
    text = str(value)
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _json_texts(texts: Any) -> list[Any]:
    """JSON column texts decoded in one call (both backends give JSON columns as text here)."""
    return list(json.loads("[" + ",".join(texts) + "]"))


def _export_quiz(quiz: Quiz) -> dict[str, Any]:
    questions = []
    for question in quiz.questions.all():
        item: dict[str, Any] = {
            "key": str(question.key),
            "kind": question.kind,
            "points": str(question.points),
            "translations": question.translations,
        }
        if question.kind in {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}:
            item["options"] = [
                {
                    "key": str(option.key),
                    "is_correct": option.is_correct,
                    "translations": option.translations,
                }
                for option in question.options.all()
            ]
        elif question.kind == Question.Kind.TRUE_FALSE:
            item["answer"] = question.true_false_answer
        elif question.kind == Question.Kind.NUMERIC:
            item["answer"] = str(question.numeric_answer)
            item["tolerance"] = str(question.numeric_tolerance)
        else:
            item["accepted_answers"] = question.accepted_answers
        questions.append(item)
    return {
        "pass_mark": quiz.pass_mark,
        "attempts_allowed": quiz.attempts_allowed,
        "time_limit_minutes": quiz.time_limit_minutes,
        "shuffle_questions": quiz.shuffle_questions,
        "grading": quiz.grading,
        "weight": str(quiz.weight),
        "reveal_answers": quiz.reveal_answers,
        "questions": questions,
    }


def export_course_archive(*, version: CourseVersion) -> bytes:
    """The version as a zip: course.json, with each resource file under resources/."""
    package = export_course_package(version=version)
    files: dict[str, bytes] = {}
    resources = {
        str(resource.pk): resource
        for resource in Resource.objects.filter(lessons__module__version=version).distinct()
    }
    for module in package["course"]["modules"]:
        for lesson in module["lessons"]:
            if lesson["kind"] == Lesson.Kind.RESOURCE:
                resource = resources[lesson["resource"]]
                path = f"{archives.RESOURCE_PREFIX}{resource.pk}-{resource.filename}"
                with resource.file.open("rb") as handle:
                    files[path] = handle.read()
                lesson["resource"] = path
    return archives.write_package_archive(package, files)
