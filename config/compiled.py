"""Hot read queries compiled once per database connection.

Django builds and compiles a queryset's SQL on every call. For most views that is noise; for the
few queries every learner runs many times a minute (the enrollment with its lesson progress,
read for each learning event) it was most of the request's own CPU: the progress join of about
thirty columns cost some 3 ms to build and compile and under 1 ms to run.

`CompiledRows` builds the queryset once, with sentinel values in place of its parameters, keeps
its SQL, the positions of the sentinels among the parameters and the compiler's converters, and
on each call sends that SQL with the real values in those positions. The rows are those the
queryset's `values_list()` answers, converted alike (a UUID stays a UUID on SQLite too).

Only values a queryset passes through unchanged, or as a UUID's hex on databases without a uuid
type, can be parameters: integers and UUIDs. A sentinel the compiled parameters do not hold is a
programming error, raised on the first call.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

__all__ = ["CompiledRows"]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str, bool], ...]  # (parameter index, name, sent as the UUID's hex)
    compiler: SQLCompiler
    converters: dict[int, Any]


class CompiledRows:
    """A `values_list()` queryset compiled once per connection; each call binds new values.

    `build` takes the parameters as keyword arguments and returns the queryset; `sentinels` gives
    each parameter a value no real row or other literal of the query has (a negative integer, a
    UUID of your own), used only to find where the parameter goes.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], **sentinels: int | uuid.UUID) -> None:
        self._build = build
        self._sentinels = sentinels
        self._compiled: WeakKeyDictionary[BaseDatabaseWrapper, _Compiled] = WeakKeyDictionary()

    def rows(self, *, using: str = DEFAULT_DB_ALIAS, **values: Any) -> list[tuple[Any, ...]]:
        connection = connections[using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(using)
        params = list(compiled.params)
        for index, name, as_hex in compiled.slots:
            params[index] = values[name].hex if as_hex else values[name]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows: list[Any] = cursor.fetchall()
        if compiled.converters:
            rows = [
                tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)
            ]
        return rows

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(**self._sentinels)
        query = queryset.query
        compiler = query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = []
        for index, param in enumerate(params):
            for name, sentinel in self._sentinels.items():
                if param == sentinel:
                    slots.append((index, name, False))
                elif isinstance(sentinel, uuid.UUID) and param == sentinel.hex:
                    slots.append((index, name, True))
        missing = set(self._sentinels) - {name for _index, name, _hex in slots}
        if missing:
            raise ValueError(f"The compiled query does not take {sorted(missing)} as parameters.")
        # Django 5.2 selects in values_list() order, annotations included: rows need no reorder.
        selected = [column[0] for column in compiler.select[: compiler.col_count]]
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=tuple(slots),
            compiler=compiler,
            converters=compiler.get_converters(selected),
        )
