"""The depth ladder: when a bond moves to deeper prompts, and when it steps back.

A bond starts light (depth 1). It goes one step deeper only after both people have
answered enough prompts at the current depth and said those felt comfortable. A
prompt that felt uncomfortable to either person, or a run of skipped prompts, moves
it one step back. It never jumps, and it never rushes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from heartwork.domain.prompts import MAX_DEPTH, MIN_DEPTH

ROUNDS_TO_GO_DEEPER = 5  # rounds both answered at this depth before going deeper
COMFORT_TO_GO_DEEPER = 4.0  # their average comfort (1–5) must be at least this
UNCOMFORTABLE = 2  # a rating at or below this is discomfort
SKIPS_TO_STEP_BACK = 3  # this many skips in a row steps back


@dataclass(frozen=True, slots=True)
class Round:
    """One prompt a bond was given at its current depth, oldest first in a sequence.

    ``comfort`` holds the ratings (1–5) each person gave after the reveal.
    A round either person skipped, or swapped for a lighter one, is ``skipped``.
    """

    both_answered: bool
    comfort: tuple[int, ...] = ()
    skipped: bool = False

    @property
    def uncomfortable(self) -> bool:
        return any(is_uncomfortable(rating) for rating in self.comfort)

    @property
    def counts_toward_deeper(self) -> bool:
        """Both answered, nobody skipped, and both said how comfortable it felt."""
        return self.both_answered and not self.skipped and len(self.comfort) >= 2


@dataclass(frozen=True, slots=True)
class LadderStep:
    depth: int
    reason: str  # "deeper", "discomfort", "skips" or "stay"


def is_uncomfortable(rating: int | None) -> bool:
    return rating is not None and rating <= UNCOMFORTABLE


def next_depth(
    depth: int, rounds_at_depth: Sequence[Round], *, new_rating: int | None = None
) -> LadderStep:
    """Where the bond goes after its latest round at ``depth``.

    ``new_rating`` is a comfort rating someone has just given, to any round: a prompt
    chosen from the deck, a lighter one or an older one count as much as today's, so
    any newly uneasy rating steps back, wherever the prompt sat on the ladder.
    """
    depth = max(MIN_DEPTH, min(MAX_DEPTH, depth))
    if is_uncomfortable(new_rating):
        return LadderStep(max(MIN_DEPTH, depth - 1), "discomfort")
    if rounds_at_depth:
        latest = rounds_at_depth[-1]
        if latest.uncomfortable:
            return LadderStep(max(MIN_DEPTH, depth - 1), "discomfort")
        recent = rounds_at_depth[-SKIPS_TO_STEP_BACK:]
        if len(recent) == SKIPS_TO_STEP_BACK and all(r.skipped for r in recent):
            return LadderStep(max(MIN_DEPTH, depth - 1), "skips")
    shared = [r for r in rounds_at_depth if r.counts_toward_deeper]
    ratings = [rating for r in shared for rating in r.comfort]
    if (
        depth < MAX_DEPTH
        and len(shared) >= ROUNDS_TO_GO_DEEPER
        and not any(r.uncomfortable for r in rounds_at_depth)
        and sum(ratings) / len(ratings) >= COMFORT_TO_GO_DEEPER
    ):
        return LadderStep(depth + 1, "deeper")
    return LadderStep(depth, "stay")
