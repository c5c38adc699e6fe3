"""The small "time together" card on the Today page: one hand-written query, plus who is
in each bond (read once per request, shared with the other Today sections).

For each of the person's active bonds it looks for: a no-phone session running now (to
join, or to go back to), a planned time coming up soon, and, in the evening, the check-in
if the person hasn't given theirs yet today. It says nothing about what the other person
has or hasn't done.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.selectors import bond_people, members_of_my_bonds
from heartwork.core.practices import Waiting
from heartwork.core.rawsql import (
    as_date,
    as_datetime,
    as_uuid,
    datetime_param,
    fetch_rows,
    uuid_param,
)
from heartwork.domain.bonds import BondStatus, clock_member
from heartwork.domain.together import (
    CLOCK_SKEW_TOLERANCE,
    SESSION_STALE_AFTER,
    ActivityKind,
    idea_library,
    is_evening,
    when_label,
)
from heartwork.together.models import QualityTime

SOON = datetime.timedelta(hours=36)  # plans this close are worth a mention
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
           AND s.started_at <= %(skew_after)s
         ORDER BY s.started_at DESC LIMIT 1"""
_SOON_PLAN = """FROM together_qualitytime q
         WHERE q.bond_id = b.id AND q.status = %(planned)s
           AND q."when" > %(plans_from)s AND q."when" <= %(plans_until)s
         ORDER BY q."when" LIMIT 1"""
_TODAY_SQL = f"""
SELECT b.id AS bond_id, mine.id AS membership_id, mine.name_sealed, b.kind,
       (SELECT s.id {_ACTIVE_SESSION}) AS session_id,
       (SELECT s.started_at {_ACTIVE_SESSION}) AS session_started_at,
       (SELECT s.started_by_id {_ACTIVE_SESSION}) AS session_started_by,
       (SELECT s.joined_by_id {_ACTIVE_SESSION}) AS session_joined_by,
       (SELECT q.id {_SOON_PLAN}) AS plan_id, (SELECT q."when" {_SOON_PLAN}) AS plan_when,
       (SELECT q.kind {_SOON_PLAN}) AS plan_kind, (SELECT q.idea_id {_SOON_PLAN}) AS plan_idea,
       (SELECT MAX(r.day) FROM together_ritualentry e JOIN together_ritual r ON r.id = e.ritual_id
         WHERE r.bond_id = b.id AND e.person_id = mine.person_id) AS my_ritual_day
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
        "skew_after": datetime_param(now + CLOCK_SKEW_TOLERANCE),
        "plans_from": datetime_param(now - JUST_STARTED),
        "plans_until": datetime_param(now + SOON),
    }
    return fetch_rows(_TODAY_SQL, params)


def today_context(person) -> dict | None:
    """What the Today page's time-together card shows, or None when there's nothing to show."""
    if not getattr(person, "is_authenticated", False):
        return None
    now = timezone.now()
    mine = _zone(person.time_zone)
    local_now = now.astimezone(mine)
    sessions, plans, rituals = [], [], []
    rows = _rows(person, now)
    # Who is in each bond, for the product rules written once in heartwork.domain.bonds:
    # whose clock the bond's day follows, and what the other member is called.
    members = members_of_my_bonds(person)
    for row in rows:
        people = bond_people(person, row, members)
        bond_id, bond_members, other_name, name = (
            people.bond_id,
            people.members,
            people.other_name,
            people.name,
        )
        base = {"bond_id": bond_id, "bond_name": name, "other": other_name}
        if row.session_id is not None:
            started = as_datetime(row.session_started_at).astimezone(mine)
            joined = (as_uuid(row.session_started_by), as_uuid(row.session_joined_by))
            sessions.append(
                base
                | {
                    "type": "session",
                    "session_id": as_uuid(row.session_id),
                    "since": started.strftime("%H:%M"),
                    "mine": person.pk in joined,
                }
            )
        if row.plan_id is not None:
            idea = idea_library().get(row.plan_idea) if row.plan_idea else None
            plan_when = as_datetime(row.plan_when)
            plans.append(
                base
                | {
                    "type": "plan",
                    "time_id": as_uuid(row.plan_id),
                    "what": idea.title if idea else ActivityKind(row.plan_kind).label,
                    "when": when_label(plan_when.astimezone(mine), local_now),
                    "sort": plan_when,
                }
            )
        bond_now = now.astimezone(_zone(getattr(clock_member(bond_members), "time_zone", None)))
        if is_evening(bond_now) and as_date(row.my_ritual_day) != bond_now.date():
            rituals.append(base | {"type": "ritual", "solo": not other_name})
    plans.sort(key=lambda item: item["sort"])
    items = (sessions + plans + rituals)[:MAX_ITEMS]
    return {"items": items} if items else None


def waiting(person) -> list[Waiting]:
    """The same things as the card above, one card each, said from the person's side."""
    context = today_context(person)
    if not context:
        return []
    cards = []
    for item in context["items"]:
        base = {"bond_id": item["bond_id"], "bond_name": item["bond_name"], "kind": "time"}
        other = item["other"] or "Someone"
        if item["type"] == "session":
            url = reverse("together:nophone", args=[item["bond_id"]])
            if item["mine"]:
                text = f"Your no-phone time has been running since {item['since']}."
                cards.append(Waiting(text, url, "Back to the timer", priority=15, **base))
            else:
                text = (
                    f"{other} started no-phone time at {item['since']}. "
                    "Put your phone away and join in."
                )
                cards.append(Waiting(text, url, "Join", priority=12, **base))
        elif item["type"] == "plan":
            url = reverse("together:time", args=[item["bond_id"], item["time_id"]])
            text = f"{item['what']} · {item['when']}"
            cards.append(Waiting(text, url, "See the plan", priority=40, **base))
        elif item["type"] == "ritual":
            url = reverse("together:ritual", args=[item["bond_id"]])
            text = (
                "A quiet two minutes to look back on the day: a high, a low and a feeling."
                if item["solo"]
                else f"Close the day with {item['other']}: a high, a low and a feeling."
            )
            cards.append(Waiting(text, url, "Evening check-in", priority=45, **base))
    return cards
