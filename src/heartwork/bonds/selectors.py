"""Reads of bonds, always on behalf of a person and scoped to their own bonds.

``bond_for_member`` is the one place that decides "is this person in this bond". Every
bond-scoped view and query goes through it; anyone else gets a 404, never a hint that
the bond exists.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from heartwork.accounts.keys import open_for
from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Invite, Membership
from heartwork.core.clock import today_in
from heartwork.core.rawsql import as_datetime, as_uuid, datetime_param, fetch_all, uuid_param
from heartwork.domain.bonds import (
    BondKind,
    BondStatus,
    BondView,
    Member,
    clock_member,
    other_names,
)
from heartwork.domain.invites import InviteState, hash_invite_token, looks_like_token


def bonds_for_person(person: Person) -> QuerySet[Bond]:
    return Bond.objects.filter(memberships__person=person)


# What a bond is called before its member has named it: the other person's name, or
# a plain phrase for a bond of one.
_UNNAMED = {
    BondKind.PARTNER: "My partner",
    BondKind.FRIEND: "A friend",
    BondKind.FAMILY: "Family",
    BondKind.COLLEAGUE: "A colleague",
    BondKind.OTHER: "Someone close",
}


def bond_name(*, person_id, membership_id, name_sealed: str, kind: str, others: list[str]) -> str:
    """The name ``person`` gave the bond (sealed with their key), or a plain stand-in."""
    if name_sealed:
        return open_for(person_id, name_sealed, "bonds.Membership.name", membership_id)
    return " and ".join(others) if others else _UNNAMED[BondKind(kind)]


@dataclass(frozen=True)
class BondPeople:
    """Who is in a bond, seen by one member, from a hand-written read of their membership
    (a row with bond_id, membership_id, name_sealed and kind)."""

    bond_id: uuid.UUID
    members: list[Member]
    other_name: str  # the other member's display name, or "" in a bond of one
    name: str  # what the viewer calls the bond


def bond_people(person: Person, row, members: dict[uuid.UUID, list[Member]]) -> BondPeople:
    bond_id = as_uuid(row.bond_id)
    in_bond = members.get(bond_id, [])
    others = other_names(in_bond, person.pk)
    name = my_name_for(
        person,
        membership_id=row.membership_id,
        name_sealed=row.name_sealed,
        kind=row.kind,
        members=in_bond,
    )
    return BondPeople(bond_id, in_bond, others[0] if others else "", name)


def my_name_for(
    person: Person, *, membership_id, name_sealed: str, kind: str, members: list[Member]
) -> str:
    """The name ``person`` gave a bond, from a hand-written read of their membership."""
    others = other_names(members, person.pk)
    return bond_name(
        person_id=person.pk,
        membership_id=as_uuid(membership_id),
        name_sealed=name_sealed,
        kind=kind,
        others=others,
    )


def _other_names(bond_ids, person: Person) -> dict:
    names: dict = {}
    rows = (
        Membership.objects.filter(bond_id__in=bond_ids)
        .exclude(person=person)
        .values_list("bond_id", "person__display_name")
    )
    for bond_id, display_name in rows.order_by("created_at"):
        names.setdefault(bond_id, []).append(display_name)
    return names


def name_bonds(person: Person, bonds: list[Bond]) -> list[Bond]:
    """Give each bond the name ``person`` calls it by (two queries for any number)."""
    if not bonds:
        return bonds
    mine = {m.bond_id: m for m in Membership.objects.filter(person=person, bond__in=bonds)}
    unnamed = [b.pk for b in bonds if b.pk in mine and not mine[b.pk].name_sealed]
    others = _other_names(unnamed, person) if unnamed else {}
    for bond in bonds:
        membership = mine.get(bond.pk)
        if membership is not None:
            bond.name = bond_name(
                person_id=person.pk,
                membership_id=membership.pk,
                name_sealed=membership.name_sealed,
                kind=bond.kind,
                others=others.get(bond.pk, []),
            )
    return bonds


def bond_for_member(person: Person, bond_id: uuid.UUID | str) -> Bond:
    """The bond, if ``person`` is a member of it, named as they call it; otherwise Http404."""
    if not person.is_authenticated:
        raise Http404("No such bond.")
    try:
        membership = Membership.objects.select_related("bond").get(person=person, bond_id=bond_id)
    except (Membership.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No such bond.") from None
    bond = membership.bond
    others = _other_names([bond.pk], person).get(bond.pk, []) if not membership.name_sealed else []
    bond.name = bond_name(
        person_id=person.pk,
        membership_id=membership.pk,
        name_sealed=membership.name_sealed,
        kind=bond.kind,
        others=others,
    )
    return bond


def members_of(bond_ids) -> dict[uuid.UUID, list[Member]]:
    """The members of several bonds, in one query, for the rules in heartwork.domain.bonds."""
    found: dict[uuid.UUID, list[Member]] = {}
    rows = (
        Membership.objects.filter(bond_id__in=bond_ids)
        .order_by("created_at")
        .values_list(
            "bond_id", "person_id", "created_at", "person__time_zone", "person__display_name"
        )
    )
    for bond_id, person_id, joined_at, zone, name in rows:
        found.setdefault(bond_id, []).append(Member(person_id, joined_at, zone, name))
    return found


def members_of_my_bonds(person: Person) -> dict[uuid.UUID, list[Member]]:
    """Everyone in each of the person's bonds, read once per request: the Today page's
    sections all need it, and ``person`` is the request's own user object."""
    cached = getattr(person, "_members_of_my_bonds", None)
    if cached is None:
        mine = Membership.objects.filter(person=person).values("bond_id")
        cached = members_of(mine)
        person._members_of_my_bonds = cached
    return cached


def day_of(members: list[Member], now: datetime.datetime | None = None) -> datetime.date:
    """The bond's calendar day, by the clock of its longest-standing member."""
    clock = clock_member(members)
    return today_in(clock.time_zone if clock else None, now)


def bond_day(bond: Bond, now: datetime.datetime | None = None) -> datetime.date:
    return day_of(members_of([bond.pk])[bond.pk], now)


def other_members(bond: Bond, person: Person) -> list[Person]:
    return [m.person for m in bond.memberships.select_related("person") if m.person_id != person.pk]


def open_invite(bond: Bond) -> Invite | None:
    return bond.invites.open().order_by("-created_at").first()


@dataclass(frozen=True, slots=True)
class BondCard:
    """The few facts about a bond the Today page shows."""

    id: uuid.UUID
    name: str
    kind: BondKind
    status: str


@dataclass(frozen=True)
class BondSummary:
    bond: BondCard
    others: list[str]  # display names of the other member(s)
    view: BondView
    invite_expires_at: datetime.datetime | None
    paused_by_me: bool
    invite_step_hidden: bool = False  # said "Not now" to Today's invite step for this bond


# The Today page is the most visited page, so its read is one hand-written query (see
# heartwork.core.rawsql): the ORM spent ~1.2 ms compiling the equivalent two queries,
# this takes ~0.05 ms. It is scoped like every other read: only bonds in which
# ``mine.person_id`` is a member.
_SUMMARY_SQL = """
SELECT b.id, mine.id, mine.name_sealed, mine.invite_step_hidden_at,
       b.kind, b.status, b.paused_by_id,
       m.person_id, p.display_name, m.created_at, p.time_zone,
       (SELECT MAX(i.expires_at) FROM bonds_invite i
         WHERE i.bond_id = b.id AND i.accepted_at IS NULL AND i.revoked_at IS NULL
           AND i.expires_at > %s) AS invite_expires_at
  FROM bonds_membership mine
  JOIN bonds_bond b ON b.id = mine.bond_id
  JOIN bonds_membership m ON m.bond_id = b.id
  JOIN accounts_person p ON p.id = m.person_id
 WHERE mine.person_id = %s
 ORDER BY b.status, b.created_at, m.created_at
"""


def bond_summaries_for_person(person: Person) -> list[BondSummary]:
    """Everything the Today page needs about a person's bonds, in one query."""
    rows = fetch_all(_SUMMARY_SQL, [datetime_param(timezone.now()), uuid_param(person.pk)])
    cards: dict[uuid.UUID, tuple] = {}
    members: dict[uuid.UUID, list[Member]] = {}
    for (
        bond_id,
        my_membership,
        name_sealed,
        step_hidden_at,
        kind,
        status,
        paused_by,
        member_id,
        display_name,
        joined_at,
        zone,
        expires,
    ) in rows:
        bond_id = as_uuid(bond_id)
        cards.setdefault(
            bond_id,
            (
                as_uuid(my_membership),
                name_sealed,
                kind,
                status,
                as_uuid(paused_by),
                as_datetime(expires),
                step_hidden_at is not None,
            ),
        )
        members.setdefault(bond_id, []).append(
            Member(as_uuid(member_id), as_datetime(joined_at), zone, display_name)
        )
    # The Today sections need the same members; they are read here once for all of them.
    person._members_of_my_bonds = members
    summaries = []
    for bond_id, card_row in cards.items():
        my_membership, name_sealed, kind, status, paused_by, expires, step_hidden = card_row
        others = other_names(members[bond_id], person.pk)
        name = bond_name(
            person_id=person.pk,
            membership_id=my_membership,
            name_sealed=name_sealed,
            kind=kind,
            others=others,
        )
        card = BondCard(bond_id, name, BondKind(kind), status)
        summaries.append(
            BondSummary(
                bond=card,
                others=others,
                view=BondView(
                    member_count=len(members[bond_id]),
                    status=BondStatus(card.status),
                    has_open_invite=expires is not None,
                ),
                invite_expires_at=expires,
                paused_by_me=paused_by == person.pk,
                invite_step_hidden=step_hidden,
            )
        )
    return summaries


def invite_from_token(token: str) -> tuple[Invite | None, InviteState | None]:
    """Look an invite up by the token from its link. No match is (None, None)."""
    if not looks_like_token(token):
        return None, None
    invite = (
        Invite.objects.select_related("bond", "created_by")
        .filter(token_hash=hash_invite_token(token))
        .first()
    )
    if invite is None:
        return None, None
    return invite, invite.state(timezone.now())


def my_bond_names(person: Person) -> dict[uuid.UUID, str]:
    """What ``person`` calls each of their bonds (read once per request, for the cards on
    the Today page, which come from several practices)."""
    cached = getattr(person, "_my_bond_names", None)
    if cached is None:
        members = members_of_my_bonds(person)
        rows = Membership.objects.filter(person=person).values_list(
            "bond_id", "pk", "name_sealed", "bond__kind"
        )
        cached = {
            bond_id: my_name_for(
                person,
                membership_id=membership_id,
                name_sealed=name_sealed,
                kind=kind,
                members=members.get(bond_id, []),
            )
            for bond_id, membership_id, name_sealed, kind in rows
        }
        person._my_bond_names = cached
    return cached
