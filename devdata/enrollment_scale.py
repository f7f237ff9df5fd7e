"""Bulk synthetic learners, enrollments, progress and learning events for benchmarks.

Everything goes in with COPY on PostgreSQL (devdata.bulk), bulk_create elsewhere: ten million
events through bulk_create would spend hours building model instances and INSERT statements.
Events are written as COPY text lines from a statement template, their secondary indexes and
foreign key built once after the load; the lesson progress they record is collected on the way
and COPied after them, in its unique index's order.
"""

import random
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from courses.models import Course, Lesson
from devdata import bulk
from enrollment.models import Enrollment, LearningEvent, LessonProgress

# Django treats a hash starting with "!" as unusable: nobody can sign in as a scale learner.
UNUSABLE_PASSWORD = "!scale-learner"  # noqa: S105
EVENT_DAYS = 90  # events are spread over the last 90 days
# An xAPI-shaped statement, small, with the ids substituted (no actor: seed_scale marks these
# events copied, the LRS never holds them): json.dumps of a dict per row was most
# of the event generation's time. The substituted values (UUIDs, ISO times) need no escaping,
# neither in JSON nor in COPY's text format.
STATEMENT = (
    '{"id": "%s", "version": "1.0.3", '
    '"verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}, '
    '"object": {"id": "urn:icim:lesson:%s"}, '
    '"context": {"registration": "%s"}, "timestamp": "%s"}'
)
PROGRESS_COLUMNS = [
    "enrollment_id",
    "lesson_key",
    "opened_at",
    "completed_at",
    "watched_segments",
    "attempts",
    "completed_by",
]
NULL = "\\N"  # in COPY's text format
EVENT_COLUMNS = [
    "id",
    "enrollment_id",
    "kind",
    "lesson_key",
    "payload",
    "result",
    "statement",
    "created_at",
]


def seed_learning(
    *, learners: int, enrollments: int, events: int, seed: int, report: Callable[[str], None]
) -> None:
    """Create scale learners, their enrollments in scale courses, learning events and the lesson
    progress those events record.

    Idempotent by counting: only what is missing is added. Statements are kept small but valid.
    """
    generator = random.Random(seed)  # noqa: S311 - synthetic data
    started = time.monotonic()
    _seed_learners(learners)
    report(f"  learners: {learners} ({time.monotonic() - started:.0f} s)")
    user_ids = list(
        User.objects.filter(email__startswith="scale-learner-").values_list("id", flat=True)
    )
    courses = list(
        Course.objects.filter(slug__startswith="scale-").values_list("id", "published_version_id")
    )
    if not courses or not user_ids:
        return
    _seed_enrollments(enrollments, user_ids, courses, generator)
    report(f"  enrollments: {enrollments} ({time.monotonic() - started:.0f} s)")
    have_events = LearningEvent.objects.filter(
        enrollment__user__email__startswith="scale-learner-"
    ).count()
    if have_events < events:
        lessons_by_version: dict[int, list[str]] = {}
        for key, version_id in Lesson.objects.filter(
            module__version_id__in=[version for _course, version in courses]
        ).values_list("key", "module__version_id"):
            lessons_by_version.setdefault(version_id, []).append(str(key))
        enrollment_rows = [
            (pk, version_id, str(registration))
            for pk, version_id, registration in Enrollment.objects.filter(
                user__email__startswith="scale-learner-"
            ).values_list("id", "version_id", "registration")
        ]
        progress: dict[tuple[int, str], str] = {}  # (enrollment, lesson): first opened
        rows = _event_rows(
            count=events - have_events,
            progress=progress,
            enrollments=enrollment_rows,
            lessons_by_version=lessons_by_version,
            generator=generator,
            report=lambda done: report(
                f"  events: {have_events + done} ({time.monotonic() - started:.0f} s)"
            ),
        )
        with transaction.atomic():  # events and their progress, or neither
            with bulk.indexes_built_after(LearningEvent, rows=events - have_events):
                if bulk.is_postgresql():
                    bulk.copy_text(
                        LearningEvent,
                        EVENT_COLUMNS,
                        _as_copy_text(rows),
                        freeze=not LearningEvent.objects.exists(),
                    )
                else:
                    bulk.copy_rows(LearningEvent, EVENT_COLUMNS, rows)
            report(f"  events: {events}, indexed ({time.monotonic() - started:.0f} s)")
            with bulk.indexes_built_after(LessonProgress, rows=len(progress)):
                _load_progress(progress)
    report(f"  learning data loaded in {time.monotonic() - started:.0f} s")


def _seed_learners(learners: int) -> None:
    existing = User.objects.filter(email__startswith="scale-learner-").count()
    if existing >= learners:
        return
    now = timezone.now()
    with transaction.atomic(), bulk.indexes_built_after(User, rows=learners - existing):
        bulk.copy_rows(
            User,
            [
                "password",
                "is_superuser",
                "email",
                "full_name",
                "native_name",
                "preferred_language",
                "country",
                "is_active",
                "is_staff",
                "date_joined",
                "is_name_in_credentials",
                "email_confirmed_at",
            ],
            (
                (
                    UNUSABLE_PASSWORD,
                    False,
                    f"scale-learner-{n}@example.org",
                    f"Learner {n}",
                    "",
                    "en",
                    "",
                    True,
                    False,
                    now,
                    False,
                    now,
                )
                for n in range(existing, learners)
            ),
        )


def _seed_enrollments(
    enrollments: int,
    user_ids: list[int],
    courses: list[tuple[int, int]],
    generator: random.Random,
) -> None:
    """Random (learner, course) pairs, each once; a second run adds only the missing number."""
    have = Enrollment.objects.filter(user__email__startswith="scale-learner-").count()
    if have >= enrollments:
        return
    now = timezone.now()
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < enrollments - have:
        pairs.add((generator.choice(user_ids), generator.randrange(len(courses))))
    with transaction.atomic(), bulk.indexes_built_after(Enrollment, rows=len(pairs)):
        bulk.copy_rows(
            Enrollment,
            [
                "user_id",
                "course_id",
                "version_id",
                "status",
                "registration",
                "enrolled_at",
                "status_changed_at",
            ],
            (
                (
                    user_id,
                    *courses[index],
                    "active",
                    uuid.UUID(int=generator.getrandbits(128), version=4),
                    now,
                    now,
                )
                # In the order of the unique (user, course) index: appended to, not inserted
                # all over.
                for user_id, index in sorted(pairs)
            ),
            # A first load cannot conflict; a top-up may draw a pair that exists.
            ignore_conflicts=have > 0,
        )


def _event_rows(
    *,
    count: int,
    progress: dict[tuple[int, str], str],
    enrollments: list[tuple[int, int, str]],
    lessons_by_version: dict[int, list[str]],
    generator: random.Random,
    report: Callable[[int], None],
) -> Iterator[tuple[str, int, str, str, str, str, str, str]]:
    """`count` lesson_opened events of random enrollments, each on a lesson of the enrollment's
    version, at a random moment of the last EVENT_DAYS days (its created_at too). Records in
    `progress` the first moment each (enrollment, lesson) was opened."""
    end = timezone.now().timestamp()
    choice, randrange, getrandbits = generator.choice, generator.randrange, generator.getrandbits
    for number in range(count):
        enrollment_id, version_id, registration = choice(enrollments)
        lesson = choice(lessons_by_version[version_id])
        event_id = str(uuid.UUID(int=getrandbits(128), version=4))
        moment = datetime.fromtimestamp(end - randrange(EVENT_DAYS * 86400), UTC).isoformat()
        progress.setdefault((enrollment_id, lesson), moment)
        yield (
            event_id,
            enrollment_id,
            "lesson_opened",
            lesson,
            "{}",
            "{}",
            STATEMENT % (event_id, lesson, registration, moment),
            moment,
        )
        if (number + 1) % 1_000_000 == 0:
            report(number + 1)


def _as_copy_text(rows: Iterator[tuple[object, ...]]) -> Iterator[str]:
    for row in rows:
        yield "\t".join(map(str, row)) + "\n"


def _load_progress(progress: dict[tuple[int, str], str]) -> None:
    """One progress row per (enrollment, lesson) with events: opened at its first event; on
    odd-numbered enrollments completed then too (synthetic lessons are read, not watched, so
    nothing says how). Rows in the order of the unique (enrollment, lesson) index, so that it
    is appended to, not inserted all over; rows that exist stay as they are."""
    ordered = sorted(progress.items())
    if bulk.is_postgresql() and not LessonProgress.objects.exists():
        bulk.copy_text(
            LessonProgress,
            PROGRESS_COLUMNS,
            (
                f"{enrollment_id}\t{lesson}\t{moment}\t{moment if enrollment_id % 2 else NULL}"
                "\t[]\t0\t\n"
                for (enrollment_id, lesson), moment in ordered
            ),
            freeze=True,
        )
        return
    bulk.copy_rows(
        LessonProgress,
        PROGRESS_COLUMNS,
        (
            (enrollment_id, lesson, moment, moment if enrollment_id % 2 else None, "[]", 0, "")
            for (enrollment_id, lesson), moment in ordered
        ),
        ignore_conflicts=True,
    )
