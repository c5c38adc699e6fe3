"""The reveal rule: what two people write for the same moment opens to both only once
both have written it, and only what each wrote while the other was there to read it.

A prompt answer or an evening check-in written while someone was alone in a bond stays
theirs (``written_alone``) until they choose to share it; the other person joining later
does not open it. Every practice that holds something back until both have spoken calls
these functions, so the rule is decided in one place.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

REVEAL_AT = 2  # both members of a bond


@dataclass(frozen=True, slots=True)
class Contribution:
    author: Hashable
    written_alone: bool = False  # written before anyone else was in the bond to see it


def is_revealed(member_ids: Sequence[Hashable], contributions: Iterable[Contribution]) -> bool:
    """True when every member (and there are two) has a contribution written together."""
    members = set(member_ids)
    together = {c.author for c in contributions if not c.written_alone}
    return len(members) >= REVEAL_AT and members <= together


def visible_to(
    viewer: Hashable, member_ids: Sequence[Hashable], contributions: Sequence[Contribution]
) -> list[Contribution]:
    """What ``viewer`` may see: everything once revealed, otherwise only their own.
    Someone outside the bond sees nothing at all."""
    if viewer not in set(member_ids):
        return []
    if is_revealed(member_ids, contributions):
        return [c for c in contributions if c.author in set(member_ids)]
    return [c for c in contributions if c.author == viewer]


def waiting_for_other(
    viewer: Hashable, member_ids: Sequence[Hashable], contributions: Sequence[Contribution]
) -> bool:
    """The viewer has written (together), and the other's part has not opened yet.

    Says nothing about whether the other has written: only that the reveal has not happened.
    """
    mine = [c for c in contributions if c.author == viewer and not c.written_alone]
    return (
        bool(mine)
        and len(set(member_ids)) >= REVEAL_AT
        and not is_revealed(member_ids, contributions)
    )
