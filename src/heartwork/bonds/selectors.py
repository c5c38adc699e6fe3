"""Reads of bonds, always on behalf of a person and scoped to their own bonds.

``bond_for_member`` is the one place that decides "is this person in this bond". Every
bond-scoped view and query goes through it; anyone else gets a 404, never a hint that
the bond exists.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Invite
from heartwork.core.rawsql import as_datetime, as_uuid, datetime_param, fetch_all, uuid_param
from heartwork.domain.bonds import BondKind, BondStatus, BondView
from heartwork.domain.invites import InviteState, hash_invite_token, looks_like_token


def bonds_for_person(person: Person) -> QuerySet[Bond]:
    return Bond.objects.filter(memberships__person=person)


def bond_for_member(person: Person, bond_id: uuid.UUID | str) -> Bond:
    """The bond, if ``person`` is a member of it; otherwise Http404."""
    if not person.is_authenticated:
        raise Http404("No such bond.")
    try:
        return bonds_for_person(person).get(pk=bond_id)
    except (Bond.DoesNotExist, ValueError, TypeError):
        raise Http404("No such bond.") from None


def other_members(bond: Bond, person: Person) -> list[Person]:
    return [m.person for m in bond.memberships.select_related("person") if m.person_id != person.pk]


def open_invite(bond: Bond) -> Invite | None:
    now = timezone.now()
    candidates = bond.invites.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)
    return candidates.order_by("-created_at").first()


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


# The Today page is the most visited page, so its read is one hand-written query (see
# heartwork.core.rawsql): the ORM spent ~1.2 ms compiling the equivalent two queries,
# this takes ~0.05 ms. It is scoped like every other read: only bonds in which
# ``mine.person_id`` is a member.
_SUMMARY_SQL = """
SELECT b.id, b.name, b.kind, b.status, b.paused_by_id, m.person_id, p.display_name,
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
    names: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {}
    for bond_id, name, kind, status, paused_by, member_id, display_name, expires in rows:
        bond_id = as_uuid(bond_id)
        cards.setdefault(bond_id, (BondCard(bond_id, name, BondKind(kind), status), as_uuid(paused_by), as_datetime(expires)))
        names.setdefault(bond_id, []).append((as_uuid(member_id), display_name))
    summaries = []
    for bond_id, (card, paused_by, expires) in cards.items():
        members = names[bond_id]
        summaries.append(
            BondSummary(
                bond=card,
                others=[display for member_id, display in members if member_id != person.pk],
                view=BondView(member_count=len(members), status=BondStatus(card.status), has_open_invite=expires is not None),
                invite_expires_at=expires,
                paused_by_me=paused_by == person.pk,
            )
        )
    return summaries


def invite_from_token(token: str) -> tuple[Invite | None, InviteState | None]:
    """Look an invite up by the token from its link. No match is (None, None)."""
    if not looks_like_token(token):
        return None, None
    invite = (
        Invite.objects.select_related("bond", "created_by").filter(token_hash=hash_invite_token(token)).first()
    )
    if invite is None:
        return None, None
    return invite, invite.state(timezone.now())
