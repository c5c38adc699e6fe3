"""Reads of a bond's repairs, always for one of its two people, and only what they may see.

Until it is sent, everything the person responsible writes is theirs alone: the hurt
person's query never returns the drafts. Whether the hurt person has read it is never
returned to the person responsible. A week's ratings open to both once both have rated.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import Http404

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.core.clock import local_today
from heartwork.domain.charts import week_start
from heartwork.domain.repair import (
    FINAL,
    RepairFacts,
    Role,
    Stage,
    WeekProgress,
    allowed,
    week_view,
)
from heartwork.repair.models import Commitment, Rating, Repair


def repairs_in(bond: Bond) -> list[Repair]:
    return list(bond.repairs.all())


def open_repair(bond: Bond) -> Repair | None:
    return bond.repairs.exclude(stage__in=[Stage.DECLINED, Stage.CLOSED]).first()


def repair_for_member(bond: Bond, repair_id: uuid.UUID | str) -> Repair:
    """A repair of this bond (the caller has already checked membership), or 404."""
    try:
        return bond.repairs.get(pk=repair_id)
    except (Repair.DoesNotExist, ValueError, TypeError):
        raise Http404("No such repair.") from None


@dataclass(frozen=True)
class RepairView:
    repair: Repair
    role: Role
    other_name: str
    can: frozenset  # the actions this person may take now
    visible: bool  # whether the written parts are visible to this person
    commitments: list[Commitment]
    weeks: list[WeekShown]
    this_week_rated: bool

    @property
    def is_hurt(self) -> bool:
        return self.role is Role.HURT


@dataclass(frozen=True)
class WeekShown:
    """One week as this person sees it: the ratings (theirs only once both have rated)
    and each side's note, the other's under the same rule."""

    progress: WeekProgress
    my_note: str
    their_note: str

    @property
    def week(self):
        return self.progress.week

    @property
    def mine(self):
        return self.progress.mine

    @property
    def theirs(self):
        return self.progress.theirs


def _weeks(
    repair: Repair, person: Person, commitments: list[Commitment]
) -> tuple[list[WeekShown], bool]:
    ratings = Rating.objects.filter(commitment__repair=repair).order_by("week")
    by_week: dict = {}
    notes: dict = {}
    for rating in ratings:
        side = "mine" if rating.person_id == person.pk else "theirs"
        by_week.setdefault(rating.week, {"mine": {}, "theirs": {}})[side][rating.commitment_id] = (
            rating.rating
        )
        notes.setdefault(rating.week, {})[side] = rating.note
    weeks = []
    for week, sides in sorted(by_week.items(), reverse=True):
        mine = tuple(sides["mine"].get(c.pk) for c in commitments)
        theirs = tuple(sides["theirs"].get(c.pk) for c in commitments)
        # A week only the other person has rated is not shown at all: even an empty row
        # would tell this person that the other has rated.
        if not any(r is not None for r in mine):
            continue
        progress = week_view(week, mine, theirs)
        said = notes.get(week, {})
        their_note = said.get("theirs", "") if progress.theirs is not None else ""
        weeks.append(WeekShown(progress, said.get("mine", ""), their_note))
    this_week = week_start(local_today(person))
    rated = any(w.week == this_week and all(r is not None for r in w.mine) for w in weeks)
    return weeks, rated


def repair_view(person: Person, repair: Repair, other_name: str, now) -> RepairView:
    role = Role.HURT if repair.hurt_id == person.pk else Role.RESPONSIBLE
    # The hurt person sees what was written only while it is with them (sent, accepted,
    # or finished after being sent); a revision after "not yet" stays private until resent.
    stage = repair.stage_enum
    sent_and_settled = stage in (Stage.SENT, Stage.REBUILDING) or (
        stage in FINAL and repair.times_sent > 0
    )
    visible = role is Role.RESPONSIBLE or sent_and_settled
    commitments = list(repair.commitments.all()) if visible else []
    weeks, rated = (
        _weeks(repair, person, commitments)
        if repair.stage_enum is Stage.REBUILDING
        else ([], False)
    )
    return RepairView(
        repair=repair,
        role=role,
        other_name=other_name,
        can=allowed(RepairFacts(repair.stage_enum, repair.cooling_until), role, now),
        visible=visible,
        commitments=commitments,
        weeks=weeks,
        this_week_rated=rated,
    )
