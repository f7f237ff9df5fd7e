"""Synthetic xAPI statements in the LRS at scale, with their index rows, COPied for benchmarks.

One organisation (`lrs-bench`) and its client hold N statements of thousands of learners with
dozens of verbs on tens of thousands of lessons (each in a course, the statement's parent
context activity), in registrations, stored over a year. Every statement gets the rows the LRS
itself would write: its agents (actor direct, authority related), its activities (the lesson
direct, the course and the cmi5 category related) and an Activity definition per lesson, so
that the LRS's filters run on real indexes. Statement i is the same on every run: a second run
adds only the statements after those present.
"""

import functools
import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from accounts.models import Organization
from devdata import bulk
from lrs import api as lrs_api
from lrs.models import Activity, Client, Statement, StatementActivity, StatementAgent

ORGANIZATION_SLUG = "lrs-bench"
CLIENT_NAME = "LRS bench seed"
ACTIVITIES = "https://lrs.icim.example/activities"
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
LESSONS_PER_COURSE = 12
# Statement i is stored at START + i * STEP: a million statements span a year.
START = datetime(2025, 12, 1, tzinfo=UTC)
STEP = timedelta(seconds=31.536)
BATCH = 50_000
# ADL, cmi5 and TinCan verbs, with a weight each: most statements are a few common verbs.
VERBS: list[tuple[str, int]] = [
    ("http://adlnet.gov/expapi/verbs/experienced", 30),
    ("http://adlnet.gov/expapi/verbs/attempted", 12),
    ("http://adlnet.gov/expapi/verbs/completed", 10),
    ("http://adlnet.gov/expapi/verbs/answered", 10),
    ("http://adlnet.gov/expapi/verbs/progressed", 8),
    ("http://adlnet.gov/expapi/verbs/initialized", 6),
    ("http://adlnet.gov/expapi/verbs/terminated", 6),
    ("http://adlnet.gov/expapi/verbs/passed", 5),
    ("http://adlnet.gov/expapi/verbs/failed", 2),
    ("http://adlnet.gov/expapi/verbs/launched", 4),
    ("http://adlnet.gov/expapi/verbs/interacted", 4),
    ("http://adlnet.gov/expapi/verbs/scored", 2),
    ("http://adlnet.gov/expapi/verbs/suspended", 2),
    ("http://adlnet.gov/expapi/verbs/resumed", 2),
    ("http://adlnet.gov/expapi/verbs/registered", 1),
    ("http://adlnet.gov/expapi/verbs/commented", 1),
    ("http://adlnet.gov/expapi/verbs/asked", 1),
    ("http://adlnet.gov/expapi/verbs/responded", 1),
    ("http://adlnet.gov/expapi/verbs/shared", 1),
    ("http://adlnet.gov/expapi/verbs/imported", 1),
    ("http://adlnet.gov/expapi/verbs/exited", 1),
    ("http://adlnet.gov/expapi/verbs/logged-in", 1),
    ("http://adlnet.gov/expapi/verbs/logged-out", 1),
    ("http://adlnet.gov/expapi/verbs/mastered", 1),
    ("http://adlnet.gov/expapi/verbs/preferred", 1),
    ("http://adlnet.gov/expapi/verbs/satisfied", 1),
    ("http://adlnet.gov/expapi/verbs/waived", 1),
    ("https://w3id.org/xapi/adl/verbs/abandoned", 1),
    ("https://w3id.org/xapi/adl/verbs/satisfied", 1),
    ("https://w3id.org/xapi/adl/verbs/waived", 1),
    ("http://id.tincanapi.com/verb/viewed", 3),
    ("http://id.tincanapi.com/verb/downloaded", 1),
    ("https://w3id.org/xapi/video/verbs/played", 3),
    ("https://w3id.org/xapi/video/verbs/paused", 2),
    ("https://w3id.org/xapi/video/verbs/seeked", 1),
]
SCORED = {"passed", "failed", "scored", "answered", "completed"}


def sizes(statements: int) -> dict[str, int]:
    """How many learners, courses and registrations N statements are spread over."""
    return {
        "actors": max(5, statements // 200),
        "courses": max(2, statements // 500),
        "registrations": max(10, statements // 20),
    }


def verb_name(verb: str) -> str:
    return verb.rsplit("/", 1)[1]


def course_iri(course: int) -> str:
    return f"{ACTIVITIES}/course/{course}"


def lesson_iri(course: int, lesson: int) -> str:
    return f"{ACTIVITIES}/course/{course}/lesson/{lesson}"


def actor_mbox(actor: int) -> str:
    return f"mailto:learner{actor}@lrs.icim.example"


@functools.cache
def mbox_key(mbox: str) -> str:
    """The LRS's key of an agent identified by mbox (lrs.validation.agent_key's rule: a
    SHA-256 of its identifier; the seeder's test finds the statements through the LRS)."""
    return hashlib.sha256(("mbox:" + mbox.lower()).encode()).hexdigest()


@functools.cache
def registration_of(number: int) -> uuid.UUID:
    """Registration `number`'s id: a version-4 UUID, the same on every run."""
    bits = random.Random(number).getrandbits(128)  # noqa: S311 - synthetic ids, not secrets
    return uuid.UUID(int=bits, version=4)


def enrolment(number: int, counts: dict[str, int]) -> tuple[int, int]:
    """The (actor, course) of registration `number`."""
    return (number * 7919) % counts["actors"], (number * 104_729) % counts["courses"]


def stored_at(index: int) -> datetime:
    return START + index * STEP


def _organization() -> Organization:
    organization, _created = Organization.objects.get_or_create(
        slug=ORGANIZATION_SLUG,
        defaults={"name": "LRS Bench Organisation", "kind": "institution", "country": "DE"},
    )
    return organization


def seed_statements(*, statements: int, seed: int, report: Callable[[str], None]) -> None:
    """The bench organisation's first `statements` statements, adding those missing."""
    started = time.monotonic()
    organization = _organization()
    client = Client.objects.filter(organization=organization, name=CLIENT_NAME).first()
    if client is None:
        client, _secret = lrs_api.create_client(organization_id=organization.pk, name=CLIENT_NAME)
    existing = Statement.objects.filter(organization=organization).count()
    if existing >= statements:
        report(f"{existing} LRS statements already present.")
        return
    counts = sizes(statements)
    authority = {
        "objectType": "Agent",
        "name": client.name,
        "account": {"homePage": settings.PUBLIC_BASE_URL, "name": client.key},
    }
    authority_json = json.dumps(authority, separators=(",", ":"))
    authority_key = hashlib.sha256(
        f"account:{settings.PUBLIC_BASE_URL}|{client.key}".encode()
    ).hexdigest()
    new = statements - existing
    with transaction.atomic():
        with (
            bulk.indexes_built_after(Statement, rows=new),
            bulk.indexes_built_after(StatementAgent, rows=2 * new),
            bulk.indexes_built_after(StatementActivity, rows=3 * new),
        ):
            for start in range(existing, statements, BATCH):
                end = min(start + BATCH, statements)
                sequences = _reserve_sequences(end - start)
                rows, agents, activities = _batch(
                    range(start, end),
                    sequences,
                    counts,
                    random.Random(f"{seed}-{start}"),  # noqa: S311 - synthetic data
                    organization.pk,
                    authority_json,
                    authority_key,
                )
                bulk.copy_rows(Statement, STATEMENT_COLUMNS, rows)
                bulk.copy_rows(StatementAgent, ["statement_id", "agent_key", "direct"], agents)
                bulk.copy_rows(
                    StatementActivity, ["statement_id", "activity_id", "direct"], activities
                )
                report(f"  {end} / {statements} LRS statements")
        bulk.copy_rows(
            Activity,
            ["organization_id", "activity_id", "definition"],
            _definitions(organization.pk, counts["courses"]),
            ignore_conflicts=True,
        )
    report(f"  LRS statements: {statements} ({time.monotonic() - started:.0f} s)")


STATEMENT_COLUMNS = [
    "sequence",
    "id",
    "organization_id",
    "stored",
    "verb_id",
    "actor_key",
    "object_activity_id",
    "registration",
    "statement",
    "submitted",
]


def _reserve_sequences(count: int) -> list[int]:
    """`count` new values of the statements' `sequence` (their primary key)."""
    with connection.cursor() as cursor:
        if bulk.is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('lrs_statement', 'sequence')) "
                "FROM generate_series(1, %s)",
                [count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COALESCE(MAX(sequence), 0) FROM lrs_statement")
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


def _batch(
    numbers: range,
    sequences: list[int],
    counts: dict[str, int],
    generator: random.Random,
    organization_id: int,
    authority_json: str,
    authority_key: str,
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The statement rows of statements `numbers` and their agent and activity index rows."""
    verbs = [verb for verb, _weight in VERBS]
    weights = [weight for _verb, weight in VERBS]
    chosen_verbs = generator.choices(verbs, weights, k=len(numbers))
    rows: list[tuple[Any, ...]] = []
    agents: list[tuple[Any, ...]] = []
    activities: list[tuple[Any, ...]] = []
    for number, sequence, verb in zip(numbers, sequences, chosen_verbs, strict=True):
        # Registrations by a skewed draw: some learners are far more active than others.
        registration_number = int(counts["registrations"] * generator.random() ** 2)
        actor, course = enrolment(registration_number, counts)
        lesson = generator.randrange(LESSONS_PER_COURSE)
        stored = stored_at(number)
        timestamp = stored - timedelta(seconds=generator.randrange(600))
        statement_id = uuid.UUID(int=generator.getrandbits(128), version=4)
        mbox = actor_mbox(actor)
        lesson_id = lesson_iri(course, lesson)
        cmi5 = registration_number % 3 == 0
        name = verb_name(verb)
        result = ""
        if name in SCORED:
            scaled = round(generator.random(), 2)
            success = "true" if scaled >= 0.5 else "false"
            result = f',"result":{{"score":{{"scaled":{scaled}}},"success":{success}}}'
        category = (
            f',"category":[{{"id":"{CMI5_CATEGORY}","objectType":"Activity"}}]' if cmi5 else ""
        )
        body = (
            f'"actor":{{"objectType":"Agent","name":"Learner {actor}","mbox":"{mbox}"}},'
            f'"verb":{{"id":"{verb}","display":{{"en-US":"{name}"}}}},'
            f'"object":{{"objectType":"Activity","id":"{lesson_id}","definition":'
            '{"type":"http://adlnet.gov/expapi/activities/lesson"}},'
            f'"context":{{"registration":"{registration_of(registration_number)}",'
            f'"contextActivities":{{"parent":[{{"id":"{course_iri(course)}",'
            f'"objectType":"Activity"}}]{category}}}}}{result},'
            f'"timestamp":"{timestamp.isoformat()}"'
        )
        submitted = f'{{"id":"{statement_id}",{body}}}'
        stored_json = (
            f'{{"id":"{statement_id}",{body},"stored":"{stored.isoformat()}",'
            f'"authority":{authority_json},"version":"1.0.0"}}'
        )
        rows.append(
            (
                sequence,
                statement_id,
                organization_id,
                stored,
                verb,
                mbox_key(mbox),
                lesson_id,
                registration_of(registration_number),
                stored_json,
                submitted,
            )
        )
        agents += [(sequence, mbox_key(mbox), True), (sequence, authority_key, False)]
        activities += [(sequence, lesson_id, True), (sequence, course_iri(course), False)]
        if cmi5:
            activities.append((sequence, CMI5_CATEGORY, False))
    return rows, agents, activities


def _definitions(organization_id: int, courses: int) -> Iterator[tuple[Any, ...]]:
    definition = json.dumps({"type": "http://adlnet.gov/expapi/activities/lesson"})
    for course in range(courses):
        for lesson in range(LESSONS_PER_COURSE):
            yield (organization_id, lesson_iri(course, lesson), definition)
