"""Changing today's prompt: what may be asked for, at what depth, and who must agree.

A bond's prompt of the day belongs to both people, so changing it takes both: one asks
(for another one, for something lighter, or for a prompt from the deck) and the other
says yes or no. A bond of one changes its prompt alone.

The depth ladder paces the prompts (heartwork.domain.ladder). A pick from the deck deeper
than the bond's depth skips the ladder, so it needs both to agree: in a bond of two the
request shows its depth and saying yes is that agreement; a bond of one, with nobody to
agree with, picks at or below its depth.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from heartwork.domain.prompts import MIN_DEPTH

TOGETHER = 2  # from this many members on, a change needs the other's yes
MAX_ROUNDS_PER_DAY = 8  # prompts a bond can be given in one day, changes included


class ChangeKind(enum.StrEnum):
    ANOTHER = "another"
    LIGHTER = "lighter"
    CHOSEN = "chosen"


# What was asked for, said after "… asked to change today's prompt: ".
_WHAT = {
    ChangeKind.ANOTHER: "another one",
    ChangeKind.LIGHTER: "something lighter",
    ChangeKind.CHOSEN: "one from the deck",
}


def what_was_asked(kind: ChangeKind | str) -> str:
    return _WHAT[ChangeKind(kind)]


def needs_agreement(members: int) -> bool:
    """Whether a change waits for the other person's yes (it does whenever there is one)."""
    return members >= TOGETHER


def lighter_depth(*, round_depth: int, ladder_depth: int) -> int | None:
    """The depth "something lighter" brings: a level below today's prompt (or the bond's
    depth, if that is lighter still), or None when today's prompt is already the lightest."""
    if round_depth <= MIN_DEPTH:
        return None
    return max(MIN_DEPTH, min(ladder_depth, round_depth) - 1)


def deeper_than_ladder(depth: int, ladder_depth: int) -> bool:
    return depth > ladder_depth


def pick_allowed(*, prompt_depth: int, ladder_depth: int, members: int) -> bool:
    """A pick from the deck within the bond's depth may be asked for by anyone; a deeper one
    only where someone else can agree to it (their yes is the agreement)."""
    return not deeper_than_ladder(prompt_depth, ladder_depth) or needs_agreement(members)


@dataclass(frozen=True, slots=True)
class Offer:
    """What the "Not today?" part of the page may offer for today's prompt."""

    another: bool
    lighter: bool
    deck: bool

    @property
    def anything(self) -> bool:
        return self.another or self.lighter or self.deck


NOTHING = Offer(another=False, lighter=False, deck=False)


def offers(
    *, round_depth: int, ladder_depth: int, rounds_today: int, max_rounds: int = MAX_ROUNDS_PER_DAY
) -> Offer:
    """What may be asked for today: nothing once the day has had its fill of prompts, and
    never "something lighter" when today's prompt is already the lightest."""
    if rounds_today >= max_rounds:
        return NOTHING
    lighter = lighter_depth(round_depth=round_depth, ladder_depth=ladder_depth) is not None
    return Offer(another=True, lighter=lighter, deck=True)


def agreed_depth(kind: ChangeKind | str, *, asked: int, now: int) -> int:
    """The depth a change brings when the other says yes: what the request showed, or
    lighter if the ladder has stepped back since (a yes never brings something deeper than
    what was shown). A pick from the deck is the prompt that was shown, at its own depth."""
    if ChangeKind(kind) is ChangeKind.CHOSEN:
        return asked
    return min(asked, now)
