"""The small "time together" card on the Today page, read in one query.

For each of the person's active bonds it looks for: a no-phone session running now (to
join, or to go back to), a planned time coming up soon, and, in the evening, the check-in
if the person hasn't given theirs yet today. It says nothing about what the other person
has or hasn't done.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from heartwork.bonds.models import Bond, Membership
from heartwork.domain.bonds import BondStatus
from heartwork.domain.together import SESSION_STALE_AFTER, ActivityKind, idea_library, is_evening, when_label
from heartwork.together.models import NoPhoneSession, QualityTime, RitualEntry

SOON = datetime.timedelta(hours=36)       # plans this close are worth a mention
JUST_STARTED = datetime.timedelta(hours=2)  # ... and stay mentioned while they're happening
MAX_ITEMS = 4


def _zone(name: str | None) -> zoneinfo.ZoneInfo | datetime.timezone:
    try:
        return zoneinfo.ZoneInfo(name) if name else datetime.UTC
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def _as_uuid(value) -> uuid.UUID | None:
    """Ids read through a subquery come back as text on some databases."""
    return None if value is None else value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _rows(person, now: datetime.datetime):
    sessions = NoPhoneSession.objects.filter(
        bond=OuterRef("pk"), ended_at__isnull=True, started_at__gt=now - SESSION_STALE_AFTER
    ).order_by("-started_at")
    plans = QualityTime.objects.filter(
        bond=OuterRef("pk"), status=QualityTime.Status.PLANNED, when__gt=now - JUST_STARTED, when__lte=now + SOON
    ).order_by("when")
    members = Membership.objects.filter(bond=OuterRef("pk"))
    my_entries = RitualEntry.objects.filter(ritual__bond=OuterRef("pk"), person=person).order_by("-ritual__day")
    return (
        Bond.objects.filter(memberships__person=person, status=BondStatus.ACTIVE)
        .annotate(
            session_id=Subquery(sessions.values("pk")[:1]),
            session_started_at=Subquery(sessions.values("started_at")[:1]),
            session_started_by=Subquery(sessions.values("started_by")[:1]),
            session_joined_by=Subquery(sessions.values("joined_by")[:1]),
            plan_id=Subquery(plans.values("pk")[:1]),
            plan_when=Subquery(plans.values("when")[:1]),
            plan_kind=Subquery(plans.values("kind")[:1]),
            plan_idea=Subquery(plans.values("idea_id")[:1]),
            # The bond day follows its longest-standing member's clock (as prompts do).
            day_zone=Subquery(members.order_by("created_at").values("person__time_zone")[:1]),
            other_name=Subquery(members.exclude(person=person).values("person__display_name")[:1]),
            my_ritual_day=Subquery(my_entries.values("ritual__day")[:1]),
        )
        .order_by("created_at")
        .values(
            "pk", "name", "session_id", "session_started_at", "session_started_by", "session_joined_by",
            "plan_id", "plan_when", "plan_kind", "plan_idea", "day_zone", "other_name", "my_ritual_day",
        )
    )


def today_context(person) -> dict | None:
    """What the Today page's time-together card shows, or None when there's nothing to show."""
    if not getattr(person, "is_authenticated", False):
        return None
    now = timezone.now()
    mine = _zone(person.time_zone)
    local_now = now.astimezone(mine)
    sessions, plans, rituals = [], [], []
    for row in _rows(person, now):
        base = {"bond_id": row["pk"], "bond_name": row["name"], "other": row["other_name"] or ""}
        if row["session_id"] is not None:
            sessions.append(base | {
                "type": "session",
                "session_id": _as_uuid(row["session_id"]),
                "since": row["session_started_at"].astimezone(mine).strftime("%H:%M"),
                "mine": person.pk in (_as_uuid(row["session_started_by"]), _as_uuid(row["session_joined_by"])),
            })
        if row["plan_id"] is not None:
            idea = idea_library().get(row["plan_idea"]) if row["plan_idea"] else None
            plans.append(base | {
                "type": "plan",
                "time_id": _as_uuid(row["plan_id"]),
                "what": idea.title if idea else ActivityKind(row["plan_kind"]).label,
                "when": when_label(row["plan_when"].astimezone(mine), local_now),
                "sort": row["plan_when"],
            })
        bond_now = now.astimezone(_zone(row["day_zone"]))
        if is_evening(bond_now) and row["my_ritual_day"] != bond_now.date():
            rituals.append(base | {"type": "ritual", "solo": not row["other_name"]})
    plans.sort(key=lambda item: item["sort"])
    items = (sessions + plans + rituals)[:MAX_ITEMS]
    return {"items": items} if items else None
