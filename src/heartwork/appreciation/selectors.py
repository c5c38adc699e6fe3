"""Reads of appreciation, always for one person and scoped to their own bonds.

Two privacy rules live here:

* a note is visible only to its sender and its recipient (``note_for_member``);
* a private list item is visible only to its author (``item_for_owner``, ``items_for``);
  the other person only ever sees an item once it is shared, and then as a note.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from heartwork.accounts.models import Person
from heartwork.appreciation.models import ListItem, Note, NudgeSetting, ThankYou
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import bond_people, members_of_my_bonds
from heartwork.core.clock import local_today, person_zone
from heartwork.core.rawsql import as_date, as_datetime, as_uuid, fetch_rows, uuid_param
from heartwork.domain.appreciation import (
    Nudge,
    NudgeCandidate,
    Week,
    pick_nudge,
    weekly_counts,
)
from heartwork.domain.bonds import BondStatus
from heartwork.domain.charts import week_start


def membership_of(bond: Bond, person: Person) -> Membership:
    try:
        return Membership.objects.get(bond=bond, person=person)
    except Membership.DoesNotExist:
        raise Http404("No such bond.") from None


def other_member(bond: Bond, person: Person) -> Person | None:
    membership = (
        Membership.objects.filter(bond=bond)
        .exclude(person=person)
        .select_related("person")
        .order_by("created_at")
        .first()
    )
    return membership.person if membership else None


@dataclass(frozen=True)
class SendState:
    """Whether a note can go from this person in this bond, and if not, why (safe to show)."""

    other: Person | None
    reason: str | None

    @property
    def can_send(self) -> bool:
        return self.reason is None


def send_state(bond: Bond, person: Person) -> SendState:
    other = other_member(bond, person)
    if bond.status == BondStatus.ENDED:
        return SendState(
            other,
            "This bond has ended, so notes can't be sent here any more. "
            "The notes you wrote and received are still yours to read.",
        )
    if bond.status == BondStatus.PAUSED:
        return SendState(
            other,
            "This bond is paused, so notes are resting for now. "
            "Your private list is still here for you.",
        )
    if other is None:
        return SendState(
            None,
            "It's just you in this bond so far, so there's nobody to send a note to yet. "
            "Invite them first, or keep the thought in your private list for later.",
        )
    return SendState(other, None)


def note_for_member(person: Person, bond: Bond, note_id: uuid.UUID | str) -> Note:
    """A note of this bond that ``person`` sent or received, or 404 (also for the bond's
    other notes)."""
    try:
        return (
            Note.objects.select_related("sender", "recipient")
            .filter(Q(sender=person) | Q(recipient=person))
            .get(bond=bond, pk=note_id)
        )
    except (Note.DoesNotExist, ValueError, TypeError):
        raise Http404("No such note.") from None


def thank_you_for(note: Note) -> ThankYou | None:
    return ThankYou.objects.filter(note=note).first()


def notes_for(person: Person, bond: Bond) -> QuerySet[Note]:
    """Every note between the two of them that this person may read, newest first.

    Notes they received but haven't opened yet are left out: they wait, closed, in the
    "new for you" section until opened.
    """
    return (
        Note.objects.filter(bond=bond)
        .filter(Q(sender=person) | Q(recipient=person, read_at__isnull=False))
        .select_related("sender", "recipient", "thank_you")
        .order_by("-created_at")
    )


def items_for(person: Person, bond: Bond) -> QuerySet[ListItem]:
    """The person's own private list for this bond. Nobody else's, ever."""
    return ListItem.objects.filter(bond=bond, person=person).order_by("-created_at")


def item_for_owner(person: Person, bond: Bond, item_id: uuid.UUID | str) -> ListItem:
    """One of the person's own list items, or 404: the other member gets 404 too."""
    try:
        return ListItem.objects.get(bond=bond, person=person, pk=item_id)
    except (ListItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item.") from None


def nudge_setting(bond: Bond, person: Person) -> NudgeSetting | None:
    return NudgeSetting.objects.filter(membership__bond=bond, membership__person=person).first()


def weeks_for(
    person: Person, bond: Bond, *, today: datetime.date | None = None
) -> tuple[Week, ...]:
    """Notes this person gave and received in this bond, per week of their own calendar."""
    today = today or local_today(person)
    first = week_start(today) - datetime.timedelta(weeks=11)
    since = datetime.datetime.combine(first, datetime.time.min, tzinfo=person_zone(person))
    rows = (
        Note.objects.filter(bond=bond, created_at__gte=since)
        .filter(Q(sender=person) | Q(recipient=person))
        .values_list("sender_id", "created_at")
    )
    given, received = [], []
    for sender_id, created_at in rows:
        (given if sender_id == person.pk else received).append(
            created_at.astimezone(person_zone(person)).date()
        )
    return weekly_counts(given, received, today=today)


# --- The Today section ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewNotes:
    """Notes waiting, closed, for the person in one bond."""

    bond_id: uuid.UUID
    bond_name: str
    other_name: str
    count: int
    note_id: uuid.UUID  # the newest


@dataclass(frozen=True, slots=True)
class NewThanks:
    """Thank-yous the person hasn't seen yet, for notes they sent in one bond."""

    bond_id: uuid.UUID
    bond_name: str
    other_name: str
    count: int
    note_id: uuid.UUID  # the note the newest one answers


@dataclass(frozen=True)
class TodaySection:
    new_notes: list[NewNotes]
    new_thanks: list[NewThanks]
    nudge: Nudge | None

    def __bool__(self) -> bool:
        return bool(self.new_notes or self.new_thanks or self.nudge)


# One hand-written query (see heartwork.core.rawsql): the Today page is the most visited
# page, and the ORM took ~3 ms to compile this; by hand it runs in ~0.1 ms. Scoped like
# every other read: only the memberships of ``m.person_id``.
_TODAY_SQL = """
SELECT m.bond_id, m.id AS membership_id, m.name_sealed, b.kind, b.status,
       (SELECT COUNT(*) FROM appreciation_note n
         WHERE n.bond_id = m.bond_id AND n.recipient_id = m.person_id
           AND n.read_at IS NULL) AS unread_count,
       (SELECT n.id FROM appreciation_note n
         WHERE n.bond_id = m.bond_id AND n.recipient_id = m.person_id AND n.read_at IS NULL
         ORDER BY n.created_at DESC LIMIT 1) AS newest_unread,
       (SELECT COUNT(*) FROM appreciation_thankyou t JOIN appreciation_note n ON n.id = t.note_id
         WHERE n.bond_id = m.bond_id AND n.sender_id = m.person_id
           AND t.seen_at IS NULL) AS unseen_count,
       (SELECT t.note_id FROM appreciation_thankyou t JOIN appreciation_note n ON n.id = t.note_id
         WHERE n.bond_id = m.bond_id AND n.sender_id = m.person_id AND t.seen_at IS NULL
         ORDER BY t.created_at DESC LIMIT 1) AS newest_unseen_note,
       (SELECT MAX(n.created_at) FROM appreciation_note n
         WHERE n.bond_id = m.bond_id AND n.sender_id = m.person_id) AS last_given,
       s.quiet_until, s."off" AS nudge_off
  FROM bonds_membership m
  JOIN bonds_bond b ON b.id = m.bond_id
  LEFT JOIN appreciation_nudgesetting s ON s.membership_id = m.id
 WHERE m.person_id = %s AND (%s IS NULL OR m.bond_id = %s)
 ORDER BY b.created_at
"""


def today_section(
    person: Person, *, bond: Bond | None = None, with_nudge: bool = True
) -> TodaySection:
    """New notes, new thank-yous and the day's gentle suggestion: one hand-written query,
    plus who is in each bond (read once per request, shared with the other sections)."""
    only = uuid_param(bond.pk) if bond is not None else None
    rows = fetch_rows(_TODAY_SQL, [uuid_param(person.pk), only, only])
    # Who is in each bond, for the rules written once in heartwork.domain.bonds.
    members = members_of_my_bonds(person)
    today = local_today(person)
    new_notes, new_thanks, candidates = [], [], []
    gave_today = False
    for row in rows:
        people = bond_people(person, row, members)
        bond_id, name, other_name = people.bond_id, people.name, people.other_name
        if row.unread_count:
            new_notes.append(
                NewNotes(
                    bond_id,
                    name,
                    other_name or "They",
                    row.unread_count,
                    as_uuid(row.newest_unread),
                )
            )
        if row.unseen_count:
            newest = as_uuid(row.newest_unseen_note)
            new_thanks.append(
                NewThanks(bond_id, name, other_name or "They", row.unseen_count, newest)
            )
        last_given = as_datetime(row.last_given)
        if last_given is not None and last_given.astimezone(person_zone(person)).date() == today:
            gave_today = True
        quiet_until = as_date(row.quiet_until)
        resting = bool(row.nudge_off) or (quiet_until is not None and quiet_until > today)
        if row.status == BondStatus.ACTIVE and not resting:
            candidates.append(NudgeCandidate(bond_id, name, other_name or None))
    nudge = pick_nudge(candidates, today=today, gave_today=gave_today) if with_nudge else None
    return TodaySection(new_notes=new_notes, new_thanks=new_thanks, nudge=nudge)
