"""Fast bulk loading for the scale seed: COPY, reserved ids, secondary indexes built after a load.

PostgreSQL gets COPY (psycopg's, with rows or pre-formatted text lines); other databases (the
tests' SQLite) get bulk_create with the same rows, so one seed runs everywhere. Nothing here
changes the schema: indexes and foreign keys dropped for a large load are created again, from
their own definitions in the catalog, before the transaction that dropped them commits.
"""

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.db.models import JSONField, Model

BATCH = 5000
# Bytes of COPY text handed to the driver at once.
_CHUNK = 1 << 20


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def tune_session() -> None:
    """Settings for this loading session only: no waiting for WAL flushes on commit (a crash
    loses the last seeded rows, which the next run adds again), memory to build indexes and to
    aggregate in."""
    if is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute("SET work_mem = '1GB'")


def reserve_ids(model: type[Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, taken from its identity sequence, so that rows that
    refer to each other can be COPied without reading their ids back. Elsewhere (SQLite, one
    writer): the ids after the largest one."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')  # noqa: S608 - model name
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def copy_rows(
    model: type[Model],
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """Insert many rows fast: COPY on PostgreSQL (through a temporary table when conflicts are
    to be ignored), bulk_create elsewhere. Columns are attnames; JSON columns take JSON text.
    The columns not named get their field's default, the same for every row (as bulk_create
    would give them)."""
    if not is_postgresql():
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
    defaults = _constant_defaults(model, columns)
    if defaults:
        columns = [*columns, *defaults]
        extra = tuple(defaults.values())
        rows = (row + extra for row in rows)
    table = model._meta.db_table
    column_of = {field.attname: field.column for field in model._meta.concrete_fields}
    names = ", ".join(f'"{column_of[name]}"' for name in columns)
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


def _constant_defaults(model: type[Model], columns: list[str]) -> dict[str, Any]:
    """The model's columns missing from `columns`, each with its field's default as COPY takes
    it. A default that differs per row (a UUID) cannot be a constant: such columns must be given."""
    defaults: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        if field.attname in columns or field.primary_key:
            continue
        value = field.get_default()
        if field.unique and value is not None:
            raise ValueError(f"{model.__name__}.{field.name} must be given per row")
        if isinstance(field, JSONField):
            value = json.dumps(value)
        defaults[field.attname] = value
    return defaults


def copy_text(
    model: type[Model], columns: list[str], lines: Iterator[str], *, freeze: bool = False
) -> None:
    """COPY pre-formatted lines (tab-separated, newline-terminated, in COPY's text format) into
    `model`'s table on PostgreSQL: the cheapest way to load tens of millions of generated rows.
    The caller guarantees the values need no escaping.

    With `freeze`, the table must be empty: it is truncated in the caller's transaction so that
    COPY can write the rows frozen and all-visible, and the VACUUM after the seed has nothing
    to rewrite in them."""
    table = model._meta.db_table
    options = " WITH (FREEZE)" if freeze else ""
    with connection.cursor() as cursor:
        if freeze:
            cursor.execute(f'TRUNCATE "{table}"')
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN{options}') as copy,
    ):
        buffer: list[str] = []
        size = 0
        for line in lines:
            buffer.append(line)
            size += len(line)
            if size >= _CHUNK:
                copy.write("".join(buffer))
                buffer, size = [], 0
        if buffer:
            copy.write("".join(buffer))


@contextmanager
def indexes_built_after(model: type[Model], *, rows: int) -> Iterator[None]:
    """Within a transaction: drop `model`'s secondary indexes and outgoing foreign keys when
    `rows` new rows are many more than the table holds, and create them again from their catalog
    definitions (same names, same DEFERRABLE clauses) after the load. One index build and one
    foreign-key check per table are much faster than maintaining both row by row. Unique
    constraints stay (they guard the load itself), and primary keys that rows elsewhere refer to."""
    if not is_postgresql() or rows < 10_000:
        yield
        return
    table = model._meta.db_table
    if not connection.in_atomic_block:
        raise RuntimeError("the drop and the re-creation must commit together: use atomic()")
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - model name
        if cursor.fetchone()[0] * 4 > rows:
            yield
            return
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        # The primary key too when no foreign key refers to it (learning events).
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'p' AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint r WHERE r.confrelid = %s::regclass)",
            [table, table],
        )
        primary_keys = cursor.fetchall()
        for name, _definition in foreign_keys + primary_keys:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still queued (rows bulk_created alongside) would forbid
        # ALTER TABLE on the tables they touch: run them now, and defer again afterwards.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, definition in primary_keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)
        for name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
