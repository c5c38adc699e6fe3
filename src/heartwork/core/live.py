"""Live, gently: an open page learns within seconds that the other member did something.

The page carries a token of "everything in my bonds the other member may see", and polls
``/live/?v=<token>`` (``today.views.live``). The poll recomputes the token in one query
(a UNION of one small aggregate per ``LiveSource`` the practices declare) and answers
204 when nothing changed, so a quiet evening costs one indexed read per poll and no page
render. When something changed, ``static/heartwork/live.js`` fetches the page again and
swaps it in place, unless the person is in the middle of writing.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import CharField, Count, DateTimeField, Max, Value
from django.db.models.functions import Cast

from heartwork.bonds.models import Membership
from heartwork.core.practices import LiveSource, live_sources

POLL_SECONDS = 8

# The bond itself (paused, resumed, ended) and who is in it are live for every practice.
_CORE = (LiveSource("bonds.Bond", bond="pk"), LiveSource("bonds.Membership"))


def _aggregate(source: LiveSource, bond_ids, position: int):
    model = apps.get_model(source.model)
    return (
        model.objects.filter(**{f"{source.bond}__in": bond_ids}, **source.only)
        .order_by()
        .annotate(k=Value(position))
        .values("k")
        .annotate(
            n=Count("pk"),
            at=Cast(Max(source.stamp, output_field=DateTimeField()), CharField()),
        )
        .values_list("k", "n", "at")
    )


# Compiling the UNION of a dozen aggregates costs more than running it (about 2 ms of a
# 3 ms poll). The query's shape never changes, so it is compiled once per process with a
# stand-in for the person, whose value is swapped for the real one at each call.
_STAND_IN = uuid.UUID("117e0000-0000-4000-8000-000000000000")


def _as_sql_value(person_id):
    return Membership._meta.get_field("person").get_db_prep_value(person_id, connection)


@cache
def _compiled_union(vendor: str) -> tuple[str, tuple]:
    bond_ids = Membership.objects.filter(person_id=_STAND_IN).values("bond_id")
    sources = [*_CORE, *live_sources()]
    queries = [_aggregate(source, bond_ids, i) for i, source in enumerate(sources)]
    sql, params = queries[0].union(*queries[1:], all=True).query.sql_with_params()
    assert _as_sql_value(_STAND_IN) in params, "the stand-in for the person must reach the SQL"
    return sql, tuple(params)


def live_token(person) -> str:
    """A short token that changes when anything visible changes in the person's bonds.

    Only bonds the person is a member of are read, and only rows the other member is
    meant to see (each source's ``only``): a draft, a private list or a safety check never
    moves it.
    """
    if not getattr(person, "is_authenticated", False):
        return ""
    sql, params = _compiled_union(connection.vendor)
    stand_in, person_id = _as_sql_value(_STAND_IN), _as_sql_value(person.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, [person_id if p == stand_in else p for p in params])
        rows = sorted(tuple(row) for row in cursor.fetchall())
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
