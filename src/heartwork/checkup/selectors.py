"""Reads of a bond's check-ups, always for one of its members and only what they may see.

The other member's scores, circles and shared answers come only from complete rounds
(both have taken it: heartwork.domain.reveal). Before that, nothing of theirs is read,
and nothing says whether they have taken it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.checkup.models import CheckupEntry, CheckupRound, ReflectionEntry
from heartwork.domain.checkup import (
    ANSWER_LABELS,
    RETAKE_AFTER_DAYS,
    SUGGESTIONS,
    Comparison,
    Item,
    Suggestion,
    compare,
    item_bank,
    result_from_dict,
)
from heartwork.prompts.selectors import sexual_allowed


def items_for(bond: Bond) -> tuple[Item, ...]:
    return item_bank().for_bond(bond.kind_enum, sexual_allowed=sexual_allowed(bond))


def open_round(bond: Bond) -> CheckupRound | None:
    return bond.checkup_rounds.filter(completed_at__isnull=True).first()


def my_latest(person: Person, bond: Bond) -> CheckupEntry | None:
    return CheckupEntry.objects.filter(round__bond=bond, person=person).first()


def retake_due(person: Person, bond: Bond, now: datetime.datetime | None = None) -> bool:
    """Invited again a month after one's own last check-up; the other's doesn't count."""
    latest = my_latest(person, bond)
    now = now or timezone.now()
    return latest is None or now - latest.taken_at >= datetime.timedelta(days=RETAKE_AFTER_DAYS)


@dataclass(frozen=True)
class SharedAnswer:
    text: str
    now: str
    wished: str


@dataclass(frozen=True)
class Side:
    entry: CheckupEntry
    scores: dict  # dimension -> (now, wished)


@dataclass(frozen=True)
class Revealed:
    round: CheckupRound
    mine: Side
    theirs: Side
    comparison: Comparison
    their_shared: list[SharedAnswer] = field(default_factory=list)

    def suggestion(self, dimension: str) -> Suggestion:
        return SUGGESTIONS[dimension]


def _label(value) -> str:
    return ANSWER_LABELS.get(value, "skipped") if value is not None else "skipped"


def shared_answers(entry: CheckupEntry, other_name_for_items: str) -> list[SharedAnswer]:
    bank = item_bank()
    out = []
    answers = entry.answers
    for item_id in entry.shared_items:
        item = bank.item(item_id)
        if item is None or item_id not in answers:
            continue
        now, wished = answers[item_id]
        out.append(SharedAnswer(item.worded_for(other_name_for_items), _label(now), _label(wished)))
    return out


def latest_revealed(person: Person, bond: Bond, viewer_name: str) -> Revealed | None:
    """The most recent complete round this person took part in, side by side.

    ``viewer_name`` words the other's shared items as they wrote them (about the viewer)."""
    round_ = (
        bond.checkup_rounds.filter(completed_at__isnull=False, entries__person=person)
        .order_by("-completed_at")
        .first()
    )
    if round_ is None:
        return None
    entries = list(round_.entries.all())
    mine = next((e for e in entries if e.person_id == person.pk), None)
    theirs = next((e for e in entries if e.person_id != person.pk), None)
    if mine is None or theirs is None:
        return None
    my_scores, their_scores = result_from_dict(mine.scores), result_from_dict(theirs.scores)
    order = [d.id for d in item_bank().dimensions]
    return Revealed(
        round=round_,
        mine=Side(mine, my_scores),
        theirs=Side(theirs, their_scores),
        comparison=compare(order, my_scores, their_scores),
        their_shared=shared_answers(theirs, viewer_name),
    )


@dataclass(frozen=True)
class HistoryRow:
    taken_at: datetime.datetime
    mine: dict  # dimension -> (now, wished)
    theirs: dict | None  # None until that round was complete
    closeness: tuple[int | None, int | None]  # (mine now, theirs now)


def history(person: Person, bond: Bond, *, last: int | None = None) -> list[HistoryRow]:
    """Every check-up this person took in the bond (or only the ``last`` few), oldest
    first, with the other's from the same round only where the round is complete."""
    entries = (
        CheckupEntry.objects.filter(round__bond=bond, person=person)
        .select_related("round")
        .order_by("-taken_at")
    )
    mine = list(entries[:last] if last is not None else entries)[::-1]
    complete = [e.round_id for e in mine if e.round.completed_at is not None]
    theirs = {
        e.round_id: e
        for e in CheckupEntry.objects.filter(round_id__in=complete).exclude(person=person)
    }
    rows = []
    for entry in mine:
        other = theirs.get(entry.round_id)
        rows.append(
            HistoryRow(
                taken_at=entry.taken_at,
                mine=result_from_dict(entry.scores),
                theirs=result_from_dict(other.scores) if other else None,
                closeness=(entry.closeness_now, other.closeness_now if other else None),
            )
        )
    return rows


def my_reflections(person: Person, bond: Bond) -> dict[str, list[ReflectionEntry]]:
    """This person's own reflections in the bond, newest first, by kind. Only theirs:
    there is no read of anyone else's."""
    found: dict[str, list[ReflectionEntry]] = {}
    for entry in ReflectionEntry.objects.filter(bond=bond, person=person):
        found.setdefault(entry.kind, []).append(entry)
    return found
