"""`manage.py seed_scale`: bulk-load a large synthetic platform for benchmarks (idempotent).

Sizes are parameters (defaults: 10,000 courses with full outlines in three languages, 100,000
learners, 300,000 enrollments, 1,000,000 learning events with their xAPI statements, 20,000
issued certificates sharing one rendered PDF). It lives in devdata, above every domain app,
because it seeds all of them. Rows go in with COPY (devdata.bulk; bulk inserts on SQLite),
bypassing the import path that demo data uses (tested elsewhere), because 10,000 courses through
full validation would take many minutes. Ten times the defaults (1,000,000 learners, 3,000,000
enrollments, 10,000,000 events, 200,000 certificates, 30,000 courses) loads in under 15
minutes on 2 cores: large loads build their tables' secondary indexes after the rows.
"""

import contextlib
import functools
import json
import random
import time
import uuid
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from accounts.models import Organization
from courses import api as courses_api
from courses.models import (
    CatalogEntry,
    CatalogSearchText,
    Competency,
    Course,
    CourseVersion,
    Lesson,
    Module,
    Option,
    Question,
    Quiz,
)
from devdata import bulk
from devdata.certificates_scale import seed_certificates
from devdata.courses import load_framework
from devdata.enrollment_scale import seed_learning
from enrollment import api as enrollment_api

TOPICS = [
    ("PLC programming", "SPS-Programmierung", "PLC 编程"),
    ("collaborative robots", "kollaborative Roboter", "协作机器人"),
    ("OPC UA connectivity", "OPC-UA-Vernetzung", "OPC UA 互联"),
    ("machine vision", "industrielle Bildverarbeitung", "机器视觉"),
    ("predictive maintenance", "vorausschauende Wartung", "预测性维护"),
    ("digital twins", "digitale Zwillinge", "数字孪生"),
    ("MES integration", "MES-Integration", "MES 集成"),
    ("industrial cybersecurity", "industrielle Cybersicherheit", "工业网络安全"),
    ("additive manufacturing", "additive Fertigung", "增材制造"),
    ("lean operations", "Lean-Produktion", "精益运营"),
    ("functional safety", "funktionale Sicherheit", "功能安全"),
    ("industrial data analytics", "industrielle Datenanalyse", "工业数据分析"),
]
ASPECTS = [
    ("Foundations of", "Grundlagen:", "基础"),
    ("Advanced", "Vertiefung:", "进阶"),
    ("Applied", "Praxis:", "应用"),
    ("Troubleshooting", "Fehlersuche:", "故障排除"),
    ("Design patterns for", "Entwurfsmuster:", "设计模式"),
]
BATCH = 2000
ROWS_PER_COURSE = {
    CatalogEntry: 4,
    CatalogSearchText: 1,
    Module: 3,
    Lesson: 9,
    Quiz: 3,
    Question: 15,
    Option: 30,
}


class Command(BaseCommand):
    help = "Bulk-load synthetic courses, learners, enrollments, events and certificates."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--courses", type=int, default=10_000)
        parser.add_argument("--learners", type=int, default=100_000)
        parser.add_argument("--enrollments", type=int, default=300_000)
        parser.add_argument("--events", type=int, default=1_000_000)
        parser.add_argument("--certificates", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        bulk.tune_session()
        load_framework()
        self._seed_courses(options)
        seed_learning(
            learners=options["learners"],
            enrollments=options["enrollments"],
            events=options["events"],
            seed=options["seed"],
            report=self.stdout.write,
        )
        seed_certificates(certificates=options["certificates"], report=self.stdout.write)
        # Scale events are synthetic load: the platform's copier is not to spend a benchmark
        # copying (and logging) them into the LRS, which has its own scale data (seed_lrs).
        enrollment_api.skip_lrs_copy_of_stored_events()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Fresh bulk loads have neither planner statistics nor a visibility map until
            # autovacuum gets to them: PostgreSQL would hash whole tables for queries that need a
            # few index rows, and could not count from the index alone.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.0f} s.")
        )

    def _seed_courses(self, options: dict[str, Any]) -> None:
        started = time.monotonic()
        existing = Course.objects.filter(slug__startswith="scale-").count()
        wanted = options["courses"]
        if existing >= wanted:
            self.stdout.write(f"{existing} scale courses already present.")
            return
        institutions = list(Organization.objects.filter(kind="institution"))
        if not institutions:
            for index, country in enumerate(["DE", "CN", "GB", "US", "DK", "JP"]):
                institutions.append(
                    Organization.objects.create(
                        slug=f"scale-institution-{index}",
                        name=f"Scale Institute {index}",
                        kind="institution",
                        country=country,
                    )
                )
        leaves = list(Competency.objects.filter(parent__isnull=False).select_related("parent"))
        generator = random.Random(options["seed"])  # noqa: S311 - synthetic data, not security
        with transaction.atomic(), contextlib.ExitStack() as stack:
            # One transaction, so that the outline and catalog tables' secondary indexes (the
            # search texts' trigram indexes among them) are built once after the batches.
            for model, per_course in ROWS_PER_COURSE.items():
                stack.enter_context(
                    bulk.indexes_built_after(model, rows=(wanted - existing) * per_course)
                )
            for start in range(existing, wanted, BATCH):
                self._create_batch(
                    range(start, min(start + BATCH, wanted)), institutions, leaves, generator
                )
                self.stdout.write(f"  {min(start + BATCH, wanted)} / {wanted} courses")
        self.stdout.write(f"  courses: {wanted} ({time.monotonic() - started:.0f} s)")

    def _create_batch(
        self,
        numbers: range,
        institutions: list[Organization],
        leaves: list[Competency],
        generator: random.Random,
    ) -> None:
        courses = Course.objects.bulk_create([Course(slug=f"scale-{n}") for n in numbers])
        through = Course.institutions.through
        owners = {course.pk: generator.choice(institutions) for course in courses}
        through.objects.bulk_create(
            [
                through(course_id=course_id, organization_id=owner.pk)
                for course_id, owner in owners.items()
            ]
        )
        versions, plans = [], []
        for course, number in zip(courses, numbers, strict=True):
            topic = TOPICS[number % len(TOPICS)]
            aspect = ASPECTS[(number // len(TOPICS)) % len(ASPECTS)]
            languages = ["en", "de", "zh-hans"]
            translations = {
                "en": {
                    "title": f"{aspect[0]} {topic[0]} {number}",
                    "summary": f"A course on {topic[0]} for engineers.",
                    "description": f"{aspect[0]} {topic[0]}: theory, practice, case studies.",
                },
                "de": {
                    "title": f"{aspect[1]} {topic[1]} {number}",
                    "summary": f"Ein Kurs über {topic[1]}.",
                    "description": f"{aspect[1]} {topic[1]} in Theorie und Praxis.",
                },
                "zh-hans": {
                    "title": f"{topic[2]}{aspect[2]} {number}",
                    "summary": f"面向工程师的{topic[2]}课程。",
                    "description": f"{topic[2]}{aspect[2]}：理论、实践与案例。",
                },
            }
            versions.append(
                CourseVersion(
                    course=course,
                    number=1,
                    state="published",
                    code=f"SC-{number}",
                    primary_language="en",
                    languages=languages,
                    level=["beginner", "intermediate", "advanced"][number % 3],
                    estimated_hours=4 + number % 40,
                    pass_mark=70,
                    translations={language: translations[language] for language in languages},
                )
            )
            plans.append((topic, languages, generator.sample(leaves, 2)))
        CourseVersion.objects.bulk_create(versions)
        Course.objects.filter(pk__in=[course.pk for course in courses]).update(
            published_version=Subquery(
                CourseVersion.objects.filter(course=OuterRef("pk")).values("pk")[:1]
            )
        )
        version_competencies = CourseVersion.competencies.through
        version_competencies.objects.bulk_create(
            [
                version_competencies(courseversion_id=version.pk, competency_id=competency.pk)
                for version, (_topic, _languages, chosen) in zip(versions, plans, strict=True)
                for competency in chosen
            ]
        )
        entries, search_texts = [], []
        for version, (_topic, languages, chosen) in zip(versions, plans, strict=True):
            search_text, title_text = courses_api.build_search_texts(
                translations=version.translations,
                competencies=[
                    *((c.code, c.translations) for c in chosen),
                    *{c.parent.code: c.parent.translations for c in chosen if c.parent}.items(),
                ],
                institution_names=[owners[version.course_id].name],
            )
            search_texts.append((version.course_id, search_text, title_text))
            for language in ("en", "zh-hans", "de", "ar"):
                served = language if language in languages else "en"
                texts = version.translations[served]
                entries.append(
                    (
                        version.course_id,
                        version.pk,
                        language,
                        served,
                        texts["title"],
                        texts["summary"],
                    )
                )
        bulk.copy_rows(
            CatalogEntry,
            ["course_id", "version_id", "language", "served_language", "title", "summary"],
            entries,
        )
        bulk.copy_rows(CatalogSearchText, ["course_id", "search_text", "title_text"], search_texts)
        self._create_outlines(versions, plans)

    def _create_outlines(self, versions: list[CourseVersion], plans: list[Any]) -> None:
        """Three modules of a text, a video and a quiz lesson (five single-choice questions of
        two options) per version, COPied with ids reserved up front."""
        count = len(versions)
        module_ids = iter(bulk.reserve_ids(Module, 3 * count))
        lesson_ids = iter(bulk.reserve_ids(Lesson, 9 * count))
        quiz_ids = iter(bulk.reserve_ids(Quiz, 3 * count))
        question_ids = iter(bulk.reserve_ids(Question, 15 * count))
        modules: list[tuple[Any, ...]] = []
        lessons: list[tuple[Any, ...]] = []
        quizzes: list[tuple[Any, ...]] = []
        questions: list[tuple[Any, ...]] = []
        options: list[tuple[Any, ...]] = []
        for version, (topic, languages, _chosen) in zip(versions, plans, strict=True):
            spoken = tuple(languages)
            for module_number in range(3):
                module_id = next(module_ids)
                modules.append(
                    (
                        module_id,
                        version.pk,
                        _uuid(),
                        module_number,
                        _texts(spoken, f"Module {module_number + 1}: {topic[0]}"),
                    )
                )
                for lesson_number, kind in enumerate(["text", "video", "quiz"]):
                    lesson_id = next(lesson_ids)
                    lessons.append(
                        (
                            lesson_id,
                            module_id,
                            _uuid(),
                            lesson_number,
                            kind,
                            15,
                            "https://media.icim.example/v.mp4" if kind == "video" else "",
                            _texts(
                                spoken,
                                f"Lesson {module_number + 1}.{lesson_number + 1}",
                                f"About {topic[0]}.\n\nSecond paragraph.",
                            ),
                        )
                    )
                    if kind != "quiz":
                        continue
                    quiz_id = next(quiz_ids)
                    quizzes.append((quiz_id, lesson_id, 70, 3))
                    for question_number in range(5):
                        question_id = next(question_ids)
                        questions.append(
                            (
                                question_id,
                                quiz_id,
                                _uuid(),
                                question_number,
                                "single_choice",
                                Decimal(1),
                                _prompts(spoken, f"Question {question_number}"),
                            )
                        )
                        options.extend(
                            (
                                question_id,
                                _uuid(),
                                option_number,
                                option_number == 0,
                                _options(spoken, f"Option {option_number}"),
                            )
                            for option_number in range(2)
                        )
        bulk.copy_rows(Module, ["id", "version_id", "key", "position", "translations"], modules)
        bulk.copy_rows(
            Lesson,
            [
                "id",
                "module_id",
                "key",
                "position",
                "kind",
                "duration_minutes",
                "video_url",
                "translations",
            ],
            lessons,
        )
        bulk.copy_rows(Quiz, ["id", "lesson_id", "pass_mark", "attempts_allowed"], quizzes)
        bulk.copy_rows(
            Question,
            ["id", "quiz_id", "key", "position", "kind", "points", "translations"],
            questions,
        )
        bulk.copy_rows(
            Option, ["question_id", "key", "position", "is_correct", "translations"], options
        )


# The same few translation dictionaries recur thousands of times: encode each once.
@functools.cache
def _texts(languages: tuple[str, ...], title: str, body: str = "") -> str:
    return json.dumps({language: {"title": title, "body": body} for language in languages})


@functools.cache
def _prompts(languages: tuple[str, ...], prompt: str) -> str:
    return json.dumps({language: {"prompt": prompt} for language in languages})


@functools.cache
def _options(languages: tuple[str, ...], text: str) -> str:
    return json.dumps(dict.fromkeys(languages, text))


_keys = random.Random(2026)  # noqa: S311 - synthetic keys, not secrets


def _uuid() -> uuid.UUID:
    """A random version-4 UUID without a system call per key (uuid4 reads os.urandom)."""
    return uuid.UUID(int=_keys.getrandbits(128), version=4)
