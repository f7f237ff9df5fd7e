"""Bulk synthetic learners, enrollments, progress and learning events for benchmarks.

Events and progress go in with COPY on PostgreSQL: a million events through bulk_create spent
most of the seed's time building model instances and INSERT statements.
"""

import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import JSONField, Model
from django.utils import timezone

from accounts.models import User
from courses.models import Course, Lesson
from enrollment.models import Enrollment, LearningEvent, LessonProgress

BATCH = 5000
# Django treats a hash starting with "!" as unusable: nobody can sign in as a scale learner.
UNUSABLE_PASSWORD = "!scale-learner"  # noqa: S105


def seed_learning(
    *, learners: int, enrollments: int, events: int, seed: int, report: Callable[[str], None]
) -> None:
    """Create scale learners, their enrollments in scale courses, and learning events.

    Idempotent by counting: only what is missing is added. Statements are kept small but valid.
    """
    generator = random.Random(seed)  # noqa: S311 - synthetic data
    started = time.monotonic()
    existing = User.objects.filter(email__startswith="scale-learner-").count()
    for start in range(existing, learners, BATCH):
        User.objects.bulk_create(
            [
                User(
                    email=f"scale-learner-{n}@example.org",
                    full_name=f"Learner {n}",
                    password=UNUSABLE_PASSWORD,
                    email_confirmed_at=timezone.now(),
                )
                for n in range(start, min(start + BATCH, learners))
            ]
        )
    report(f"  learners: {learners} ({time.monotonic() - started:.0f} s)")
    user_ids = list(
        User.objects.filter(email__startswith="scale-learner-").values_list("id", flat=True)
    )
    courses = list(
        Course.objects.filter(slug__startswith="scale-").values_list("id", "published_version_id")
    )
    if not courses or not user_ids:
        return
    lessons_by_version: dict[int, list[str]] = {}
    for key, version_id in Lesson.objects.filter(
        module__version_id__in=[version for _course, version in courses]
    ).values_list("key", "module__version_id"):
        lessons_by_version.setdefault(version_id, []).append(str(key))
    have = Enrollment.objects.filter(user__email__startswith="scale-learner-").count()
    now = timezone.now()
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < enrollments - have:
        pairs.add((generator.choice(user_ids), generator.randrange(len(courses))))
    rows = [
        Enrollment(
            user_id=user_id,
            course_id=courses[index][0],
            version_id=courses[index][1],
            status="active",
            status_changed_at=now,
        )
        for user_id, index in pairs
    ]
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            Enrollment.objects.bulk_create(rows[start : start + BATCH], ignore_conflicts=True)
    report(f"  enrollments: {enrollments} ({time.monotonic() - started:.0f} s)")
    enrollment_rows = list(
        Enrollment.objects.filter(user__email__startswith="scale-learner-").values_list(
            "id", "version_id", "registration"
        )
    )
    have_events = LearningEvent.objects.filter(
        enrollment__user__email__startswith="scale-learner-"
    ).count()
    progress_rows: dict[tuple[int, str], tuple[Any, ...]] = {}

    def event_rows() -> Iterator[tuple[Any, ...]]:
        for number in range(have_events, events):
            enrollment_id, version_id, registration = generator.choice(enrollment_rows)
            lesson = generator.choice(lessons_by_version[version_id])
            event_id = uuid.uuid4()
            moment = now - timedelta(seconds=generator.randrange(90 * 86400))
            statement = {
                "id": str(event_id),
                "version": "1.0.3",
                "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                "object": {"id": f"urn:icim:lesson:{lesson}"},
                "context": {"registration": str(registration)},
                "timestamp": moment.isoformat(),
            }
            yield (
                event_id,
                enrollment_id,
                "lesson_opened",
                lesson,
                "{}",
                "{}",
                json.dumps(statement),
                now,
            )
            progress_rows.setdefault(
                (enrollment_id, lesson),
                # Synthetic lessons are read, not watched: nothing says how they were completed.
                (enrollment_id, lesson, moment, moment if number % 2 else None, "[]", 0, ""),
            )
            if (number + 1) % 100_000 == 0:
                report(f"  events: {number + 1} ({time.monotonic() - started:.0f} s)")

    with transaction.atomic():  # events and their progress, or neither
        _insert_rows(
            LearningEvent,
            [
                "id",
                "enrollment_id",
                "kind",
                "lesson_key",
                "payload",
                "result",
                "statement",
                "created_at",
            ],
            event_rows(),
        )
        _insert_rows(
            LessonProgress,
            [
                "enrollment_id",
                "lesson_key",
                "opened_at",
                "completed_at",
                "watched_segments",
                "attempts",
                "completed_by",
            ],
            progress_rows.values(),
            ignore_conflicts=True,
        )
    report(f"  learning data loaded in {time.monotonic() - started:.0f} s")


def _insert_rows(
    model: type[Model],
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """Insert many rows fast: COPY on PostgreSQL (through a temporary table when conflicts are
    to be ignored), bulk_create elsewhere. JSON columns take JSON text."""
    if connection.vendor != "postgresql":
        json_columns = {f.attname for f in model._meta.concrete_fields if isinstance(f, JSONField)}
        instances = [
            model(
                **{
                    name: json.loads(value) if name in json_columns else value
                    for name, value in zip(columns, row, strict=True)
                }
            )
            for row in rows
        ]
        model._default_manager.bulk_create(
            instances, batch_size=BATCH, ignore_conflicts=ignore_conflicts
        )
        return
    table = model._meta.db_table
    names = ", ".join(columns)
    with transaction.atomic(), connection.cursor() as cursor:
        target = table
        if ignore_conflicts:
            cursor.execute(
                "CREATE TEMPORARY TABLE scale_load ON COMMIT DROP AS "  # noqa: S608 - model names
                f'SELECT {names} FROM "{table}" WITH NO DATA'
            )
            target = "scale_load"
        with cursor.cursor.copy(f"COPY {target} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        if ignore_conflicts:
            cursor.execute(
                f'INSERT INTO "{table}" ({names}) SELECT {names} FROM scale_load '  # noqa: S608 - model names
                "ON CONFLICT DO NOTHING"
            )
            # ON COMMIT DROP does not fire inside an outer transaction (a test, a caller's
            # atomic block): drop it now so the next load can create it again.
            cursor.execute("DROP TABLE scale_load")
