"""What a bond is, independent of storage: its kinds and the rules of its life."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

MAX_MEMBERS = 2
BOND_NAME_MAX = 80


class BondKind(enum.StrEnum):
    PARTNER = "partner"
    FRIEND = "friend"
    FAMILY = "family"
    COLLEAGUE = "colleague"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def description(self) -> str:
        return _KIND_DESCRIPTIONS[self]


_KIND_LABELS = {
    BondKind.PARTNER: "Partner",
    BondKind.FRIEND: "Friend",
    BondKind.FAMILY: "Family",
    BondKind.COLLEAGUE: "Colleague",
    BondKind.OTHER: "Someone else",
}

_KIND_DESCRIPTIONS = {
    BondKind.PARTNER: "Someone you share a romantic life with.",
    BondKind.FRIEND: "A friend you want to stay close to.",
    BondKind.FAMILY: "A parent, child, sibling or anyone you call family.",
    BondKind.COLLEAGUE: "Someone you work with and trust.",
    BondKind.OTHER: "Any other close connection.",
}


class BondStatus(enum.StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class BondView:
    """What a person sees of a bond's state on their Today page."""

    member_count: int
    status: BondStatus
    has_open_invite: bool

    @property
    def is_solo(self) -> bool:
        return self.member_count < MAX_MEMBERS and self.status is not BondStatus.ENDED

    @property
    def can_invite(self) -> bool:
        return self.status is BondStatus.ACTIVE and self.member_count < MAX_MEMBERS

    @property
    def headline(self) -> str:
        if self.status is BondStatus.ENDED:
            return "This bond has ended."
        if self.status is BondStatus.PAUSED:
            return "Paused for now."
        if self.member_count >= MAX_MEMBERS:
            return "You're both here."
        if self.has_open_invite:
            return "Invite sent, waiting for them to join."
        return "Just you so far. Invite them when you're ready."


def can_resume(*, paused_by_person: bool) -> bool:
    """Only the person who paused a bond can resume it.

    A pause is often a request for space; the other person must not be able to undo it.
    """
    return paused_by_person


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a bond as the rules below need them."""

    person_id: Hashable
    joined_at: datetime.datetime
    time_zone: str
    display_name: str


def clock_member(members: Sequence[Member]) -> Member | None:
    """Whose clock a bond's day follows: its longest-standing member. Both people must see
    the same prompt of the day and the same evening, so the day follows one clock."""
    return min(members, key=lambda m: m.joined_at, default=None)


def other_names(members: Sequence[Member], viewer: Hashable) -> list[str]:
    """The display names of everyone in the bond but the viewer, longest-standing first."""
    return [
        m.display_name for m in sorted(members, key=lambda m: m.joined_at) if m.person_id != viewer
    ]
