"""`manage.py seed_scale`: bulk-load a large synthetic platform for benchmarks (idempotent).

Sizes are parameters (defaults: 10,000 courses with full outlines in three languages, 100,000
learners, 300,000 enrollments, 1,000,000 learning events with their xAPI statements, 20,000
issued certificates sharing one rendered PDF). It lives in devdata, above every domain app,
because it seeds all of them. Rows go in with bulk inserts, bypassing the import path
that demo data uses (tested elsewhere), because 10,000 courses through full validation would
take many minutes.
"""

import random
import time
import uuid
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

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
from devdata.certificates_scale import seed_certificates
from devdata.courses import load_framework
from devdata.enrollment_scale import seed_learning

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
        for start in range(existing, wanted, BATCH):
            with transaction.atomic():
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
        for course, version in zip(courses, versions, strict=True):
            course.published_version = version
        Course.objects.bulk_update(courses, ["published_version"])
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
            search_texts.append(
                CatalogSearchText(
                    course_id=version.course_id, search_text=search_text, title_text=title_text
                )
            )
            for language in ("en", "zh-hans", "de", "ar"):
                served = language if language in languages else "en"
                texts = version.translations[served]
                entries.append(
                    CatalogEntry(
                        course_id=version.course_id,
                        version=version,
                        language=language,
                        served_language=served,
                        title=texts["title"],
                        summary=texts["summary"],
                    )
                )
        CatalogEntry.objects.bulk_create(entries, batch_size=BATCH)
        CatalogSearchText.objects.bulk_create(search_texts, batch_size=BATCH)
        self._create_outlines(versions, plans)

    def _create_outlines(self, versions: list[CourseVersion], plans: list[Any]) -> None:
        modules, lessons, quizzes, questions, options = [], [], [], [], []
        for version, (topic, languages, _chosen) in zip(versions, plans, strict=True):

            def texts(
                title: str, body: str = "", languages: list[str] = languages
            ) -> dict[str, dict[str, str]]:
                return {language: {"title": title, "body": body} for language in languages}

            for module_number in range(3):
                module = Module(
                    version=version,
                    key=uuid.uuid4(),
                    position=module_number,
                    translations=texts(f"Module {module_number + 1}: {topic[0]}"),
                )
                modules.append(module)
                for lesson_number, kind in enumerate(["text", "video", "quiz"]):
                    lesson = Lesson(
                        module=module,
                        key=uuid.uuid4(),
                        position=lesson_number,
                        kind=kind,
                        duration_minutes=15,
                        video_url="https://media.icim.example/v.mp4" if kind == "video" else "",
                        translations=texts(
                            f"Lesson {module_number + 1}.{lesson_number + 1}",
                            f"About {topic[0]}.\n\nSecond paragraph.",
                        ),
                    )
                    lessons.append(lesson)
                    if kind == "quiz":
                        quiz = Quiz(lesson=lesson, pass_mark=70, attempts_allowed=3)
                        quizzes.append(quiz)
                        for question_number in range(5):
                            question = Question(
                                quiz=quiz,
                                key=uuid.uuid4(),
                                position=question_number,
                                kind="single_choice",
                                points=Decimal(1),
                                translations={
                                    language: {"prompt": f"Question {question_number}"}
                                    for language in languages
                                },
                            )
                            questions.append(question)
                            for option_number in range(2):
                                options.append(
                                    Option(
                                        question=question,
                                        key=uuid.uuid4(),
                                        position=option_number,
                                        is_correct=option_number == 0,
                                        translations=dict.fromkeys(
                                            languages, f"Option {option_number}"
                                        ),
                                    )
                                )
        Module.objects.bulk_create(modules, batch_size=BATCH)
        for lesson in lessons:
            lesson.module_id = lesson.module.pk
        Lesson.objects.bulk_create(lessons, batch_size=BATCH)
        for quiz in quizzes:
            quiz.lesson_id = quiz.lesson.pk
        Quiz.objects.bulk_create(quizzes, batch_size=BATCH)
        for question in questions:
            question.quiz_id = question.quiz.pk
        Question.objects.bulk_create(questions, batch_size=BATCH)
        for option in options:
            option.question_id = option.question.pk
        Option.objects.bulk_create(options, batch_size=BATCH)
