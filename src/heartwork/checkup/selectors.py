"""Reads of a bond's check-ups, always for one of its members and only what they may see.

The other member's scores, circles and shared answers come only from complete rounds
(both have taken it: heartwork.domain.reveal). Before that, nothing of theirs is read,
and nothing says whether they have taken it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse
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
from heartwork.domain.reflections import Band, Reflection, reflections
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


def suggestion_url(bond: Bond, suggestion: Suggestion) -> str:
    """Where a suggestion leads: a practice of this bond."""
    if suggestion.target == "prompts":
        return reverse("prompts:deck", args=[bond.pk]) + f"?type={suggestion.prompt_type}"
    return reverse(
        {
            "together": "together:ideas",
            "appreciation": "appreciation:send",
            "conflict": "conflict:home",
        }[suggestion.target],
        args=[bond.pk],
    )


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


@dataclass(frozen=True)
class MyAnswer:
    item: Item
    text: str  # worded about the other person, as the author was asked it
    now: int | None
    wished: int | None
    shared: bool  # the author chose to show it to the other member


def my_answers(entry: CheckupEntry, other_name: str) -> list[MyAnswer]:
    """The author's own answers, in the order asked (for the author alone)."""
    bank = item_bank()
    answers = entry.answers
    out = []
    for item_id in entry.asked:
        item = bank.item(item_id)
        if item is not None and item_id in answers:
            now, wished = answers[item_id]
            out.append(
                MyAnswer(
                    item, item.worded_for(other_name), now, wished, item_id in entry.shared_items
                )
            )
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


def waiting_to_compare(mine: CheckupEntry | None, revealed: Revealed | None) -> bool:
    """My latest check-up is not side by side yet. Says nothing of whether the other has
    taken theirs: only that the round it is in is not complete."""
    return mine is not None and (revealed is None or revealed.mine.entry != mine)


@dataclass(frozen=True)
class HistoryRow:
    taken_at: datetime.datetime
    mine: dict  # dimension -> (now, wished)
    theirs: dict | None  # None until that round was complete
    closeness: tuple[int | None, int | None]  # (mine now, theirs now)


def my_entries(person: Person, bond: Bond) -> QuerySet[CheckupEntry]:
    """This person's own check-ups in the bond, with their rounds."""
    return CheckupEntry.objects.filter(round__bond=bond, person=person).select_related("round")


def theirs_where_complete(person: Person, mine: Iterable[CheckupEntry]) -> dict:
    """Round id -> the other member's check-up, for those of ``mine`` whose round is
    complete (both took it: heartwork.domain.reveal). A round that is not complete gives
    nothing, so nothing says whether the other has taken it."""
    complete = [e.round_id for e in mine if e.round.completed_at is not None]
    if not complete:
        return {}
    return {
        e.round_id: e
        for e in CheckupEntry.objects.filter(round_id__in=complete).exclude(person=person)
    }


def history(person: Person, bond: Bond, *, last: int | None = None) -> list[HistoryRow]:
    """Every check-up this person took in the bond (or only the ``last`` few), oldest
    first, with the other's from the same round only where the round is complete."""
    entries = my_entries(person, bond).order_by("-taken_at")
    mine = list(entries[:last] if last is not None else entries)[::-1]
    theirs = theirs_where_complete(person, mine)
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


@dataclass(frozen=True)
class ReflectionShown:
    """One reflection on the reflections page, for its one reader: their latest answer's
    band and guidance, and a few earlier scores."""

    reflection: Reflection
    intro: str
    latest: ReflectionEntry | None
    band: Band | None
    guidance: str
    earlier: list[ReflectionEntry]


EARLIER_SHOWN = 5


def reflections_shown(person: Person, bond: Bond, other_name: str) -> list[ReflectionShown]:
    """Every reflection, with this person's own answers in the bond (never anyone else's)."""
    mine = my_reflections(person, bond)
    name = other_name or "them"
    shown = []
    for reflection in reflections().values():
        latest = mine.get(reflection.id, [])
        entry = latest[0] if latest else None
        band = reflection.band_for(entry.score) if entry and entry.score is not None else None
        shown.append(
            ReflectionShown(
                reflection=reflection,
                intro=reflection.intro.replace("{name}", name),
                latest=entry,
                band=band,
                guidance=band.guidance.replace("{name}", name) if band else "",
                earlier=latest[1 : 1 + EARLIER_SHOWN],
            )
        )
    return shown
