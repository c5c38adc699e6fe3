"""Hand-written reads for the hottest page, and turning their raw values into Python.

The Today page asks every practice for a small summary on each visit. Written with the
ORM, each summary is a query with several correlated subqueries that takes 3–4 ms just
to compile; the same SQL written by hand runs in well under 0.1 ms (bench/today_page.py,
docs/benchmarks.md). These queries are portable SQL (SQLite and PostgreSQL), take every
value as a parameter, and are scoped to the person like every other read.

A raw cursor skips the ORM's converters, so values come back as each database keeps
them: SQLite gives UUIDs as hex text, datetimes and dates as ISO text, booleans as 0/1.
"""

from __future__ import annotations

import datetime
import uuid
from collections import namedtuple
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def fetch_all(sql: str, params: Sequence, *, using: str = "default") -> list[tuple]:
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@cache
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", columns)


def fetch_rows(sql: str, params: Sequence, *, using: str = "default") -> list[Any]:
    """Rows as records named by the query's own column names (``row.bond_id``)."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row_type = _row_type(tuple(column[0] for column in cursor.description))
        return [row_type(*values) for values in cursor.fetchall()]


def uuid_param(value: uuid.UUID, *, using: str = "default"):
    """A UUID as this database stores it (hex text on SQLite, uuid on PostgreSQL)."""
    connection = connections[using]
    return value if connection.features.has_native_uuid_field else value.hex


def datetime_param(value: datetime.datetime, *, using: str = "default"):
    return connections[using].ops.adapt_datetimefield_value(value)


def date_param(value: datetime.date, *, using: str = "default"):
    return connections[using].ops.adapt_datefield_value(value)


def as_uuid(value) -> uuid.UUID | None:
    return (
        None if value is None else value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    )


def as_datetime(value) -> datetime.datetime | None:
    """An aware datetime (stored times are UTC)."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime.datetime) else parse_datetime(str(value))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, datetime.UTC)


def as_date(value) -> datetime.date | None:
    if value is None or (
        isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    ):
        return value
    return parse_date(str(value)[:10])
