"""The small "time together" card on the Today page, read in one hand-written query.

For each of the person's active bonds it looks for: a no-phone session running now (to
join, or to go back to), a planned time coming up soon, and, in the evening, the check-in
if the person hasn't given theirs yet today. It says nothing about what the other person
has or hasn't done.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from heartwork.core.rawsql import (
    as_date,
    as_datetime,
    as_uuid,
    datetime_param,
    fetch_all,
    uuid_param,
)
from heartwork.domain.bonds import BondStatus
from heartwork.domain.together import (
    SESSION_STALE_AFTER,
    ActivityKind,
    idea_library,
    is_evening,
    when_label,
)
from heartwork.together.models import QualityTime

SOON = datetime.timedelta(hours=36)       # plans this close are worth a mention
JUST_STARTED = datetime.timedelta(hours=2)  # ... and stay mentioned while they're happening
MAX_ITEMS = 4


def _zone(name: str | None) -> zoneinfo.ZoneInfo | datetime.timezone:
    try:
        return zoneinfo.ZoneInfo(name) if name else datetime.UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


# One hand-written query (see heartwork.core.rawsql): the ORM took ~3.5 ms to compile
# this on every Today visit; by hand it runs in ~0.1 ms. Only the active bonds of
# ``mine.person_id`` are read. "when" is quoted: it is an SQL keyword.
_ACTIVE_SESSION = """FROM together_nophonesession s
         WHERE s.bond_id = b.id AND s.ended_at IS NULL AND s.started_at > %(stale_before)s
         ORDER BY s.started_at DESC LIMIT 1"""
_SOON_PLAN = """FROM together_qualitytime q
         WHERE q.bond_id = b.id AND q.status = %(planned)s
           AND q."when" > %(plans_from)s AND q."when" <= %(plans_until)s
         ORDER BY q."when" LIMIT 1"""
_TODAY_SQL = f"""
SELECT b.id, b.name,
       (SELECT s.id {_ACTIVE_SESSION}), (SELECT s.started_at {_ACTIVE_SESSION}),
       (SELECT s.started_by_id {_ACTIVE_SESSION}), (SELECT s.joined_by_id {_ACTIVE_SESSION}),
       (SELECT q.id {_SOON_PLAN}), (SELECT q."when" {_SOON_PLAN}),
       (SELECT q.kind {_SOON_PLAN}), (SELECT q.idea_id {_SOON_PLAN}),
       -- The bond day follows its longest-standing member's clock (as prompts do).
       (SELECT p.time_zone FROM bonds_membership o JOIN accounts_person p ON p.id = o.person_id
         WHERE o.bond_id = b.id ORDER BY o.created_at LIMIT 1),
       (SELECT p.display_name FROM bonds_membership o JOIN accounts_person p ON p.id = o.person_id
         WHERE o.bond_id = b.id AND o.person_id <> mine.person_id ORDER BY o.created_at LIMIT 1),
       (SELECT MAX(r.day) FROM together_ritualentry e JOIN together_ritual r ON r.id = e.ritual_id
         WHERE r.bond_id = b.id AND e.person_id = mine.person_id)
  FROM bonds_membership mine
  JOIN bonds_bond b ON b.id = mine.bond_id
 WHERE mine.person_id = %(person)s AND b.status = %(active)s
 ORDER BY b.created_at
"""


def _rows(person, now: datetime.datetime) -> list[tuple]:
    params = {
        "person": uuid_param(person.pk),
        "active": BondStatus.ACTIVE.value,
        "planned": QualityTime.Status.PLANNED.value,
        "stale_before": datetime_param(now - SESSION_STALE_AFTER),
        "plans_from": datetime_param(now - JUST_STARTED),
        "plans_until": datetime_param(now + SOON),
    }
    return fetch_all(_TODAY_SQL, params)


def today_context(person) -> dict | None:
    """What the Today page's time-together card shows, or None when there's nothing to show."""
    if not getattr(person, "is_authenticated", False):
        return None
    now = timezone.now()
    mine = _zone(person.time_zone)
    local_now = now.astimezone(mine)
    sessions, plans, rituals = [], [], []
    for (bond_id, bond_name, session_id, session_started_at, session_started_by, session_joined_by,
         plan_id, plan_when, plan_kind, plan_idea, day_zone, other_name, my_ritual_day) in _rows(person, now):
        base = {"bond_id": as_uuid(bond_id), "bond_name": bond_name, "other": other_name or ""}
        if session_id is not None:
            sessions.append(base | {
                "type": "session",
                "session_id": as_uuid(session_id),
                "since": as_datetime(session_started_at).astimezone(mine).strftime("%H:%M"),
                "mine": person.pk in (as_uuid(session_started_by), as_uuid(session_joined_by)),
            })
        if plan_id is not None:
            idea = idea_library().get(plan_idea) if plan_idea else None
            plan_when = as_datetime(plan_when)
            plans.append(base | {
                "type": "plan",
                "time_id": as_uuid(plan_id),
                "what": idea.title if idea else ActivityKind(plan_kind).label,
                "when": when_label(plan_when.astimezone(mine), local_now),
                "sort": plan_when,
            })
        bond_now = now.astimezone(_zone(day_zone))
        if is_evening(bond_now) and as_date(my_ritual_day) != bond_now.date():
            rituals.append(base | {"type": "ritual", "solo": not other_name})
    plans.sort(key=lambda item: item["sort"])
    items = (sessions + plans + rituals)[:MAX_ITEMS]
    return {"items": items} if items else None
