"""Feelings check-ins in a person's archive and in a bond's story (heartwork.exports).

The archive holds every check-in of the person's own (private or shared) with the
answers they had, and the check-ins the other member shared into their bonds with the
person's own answers to them. A story holds what either member shared with that bond.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Q

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bonds_for_person
from heartwork.checkins.models import NOTE_MAX, STATEMENT_PART_MAX, CheckIn
from heartwork.core.archive import Reader, keep_created
from heartwork.core.practices import Part


def _record(person: Person, checkin: CheckIn) -> dict[str, Any]:
    return {
        "mine": checkin.person_id == person.pk,
        "shared_with": str(checkin.shared_with_id) if checkin.shared_with_id else None,
        "day": checkin.day,
        "written_at": checkin.created_at,
        "feelings": checkin.feelings,
        "intensity": checkin.intensity,
        "note": checkin.note,
        "statement": checkin.statement,
        "answers": [
            {
                "mine": a.person_id == person.pk,
                "phrase": a.phrase,
                "reply": a.reply,
                "written_at": a.created_at,
            }
            for a in sorted(checkin.acknowledgements.all(), key=lambda a: a.created_at)
        ],
    }


def _checkins(person: Person, checkins) -> Iterator[dict[str, Any]]:
    checkins = checkins.order_by("created_at", "id").prefetch_related("acknowledgements")
    for checkin in checkins.iterator(chunk_size=500):
        yield _record(person, checkin)


def export(person: Person) -> Part:
    my_bonds = bonds_for_person(person).values("pk")
    return {
        "mine": _checkins(person, CheckIn.objects.filter(person=person)),
        "shared_with_me": _checkins(
            person, CheckIn.objects.filter(shared_with__in=my_bonds).exclude(person=person)
        ),
    }


def story(person: Person, bond: Bond) -> Part:
    members = bond.memberships.values("person_id")
    shared = CheckIn.objects.filter(shared_with=bond).filter(
        Q(person=person) | Q(person__in=members)
    )
    return {"shared": _checkins(person, shared)}


def restore(person: Person, bonds: Mapping[str, Bond], part: Mapping[str, Any]) -> None:
    for record in part.get("mine", []):
        read = Reader(record, "a check-in")
        if record.get("shared_with") is not None:
            read.bond(bonds, "shared_with")  # checked, but it comes back private (see below)
        # What was shared comes back private: the bond is a bond of one now, and whoever
        # joins it next should not find it open. Share it again from its page.
        checkin = CheckIn(person=person, day=read.day("day"))
        checkin.payload = {
            "feelings": read.strings("feelings", limit=40, most=20),
            "intensity": read.number("intensity", 1, 5),
            "note": read.text("note", limit=NOTE_MAX),
            "statement": read.text("statement", limit=3 * STATEMENT_PART_MAX + 40),
        }
        checkin.save()
        keep_created(checkin, read.moment("written_at"))
        # Answers to it were the other member's: they are not here to restore.
