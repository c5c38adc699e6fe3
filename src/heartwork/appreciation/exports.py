"""Notes of thanks in a person's archive and in a bond's story (heartwork.exports).

The archive holds the notes the person sent and received in their bonds, with the
thank-yous that answered them, and their own private list. A story holds the notes the
two sent each other in that bond; a private list is never in a story.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Q

from heartwork.accounts.models import Person
from heartwork.appreciation.models import ListItem, Note
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import bonds_for_person
from heartwork.core.archive import Reader, keep_created
from heartwork.core.practices import Part
from heartwork.domain.appreciation import ITEM_MAX, NOTE_MAX


def _notes(person: Person, notes) -> Iterator[dict[str, Any]]:
    notes = notes.select_related("thank_you").order_by("created_at", "id")
    for note in notes.iterator(chunk_size=500):
        thank_you = getattr(note, "thank_you", None)
        yield {
            "mine": note.sender_id == person.pk,
            "bond": str(note.bond_id),
            "text": note.text,
            "source": note.source,
            "sent_at": note.created_at,
            "read_at": note.read_at,
            "thank_you": [
                {
                    "mine": thank_you.person_id == person.pk,
                    "reaction": thank_you.reaction,
                    "text": thank_you.text,
                    "written_at": thank_you.created_at,
                }
            ]
            if thank_you is not None
            else [],
        }


def _list(person: Person) -> Iterator[dict[str, Any]]:
    items = ListItem.objects.filter(person=person).order_by("created_at", "id")
    for item in items.iterator(chunk_size=500):
        yield {
            "bond": str(item.bond_id),
            "text": item.text,
            "written_at": item.created_at,
            "shared_at": item.shared_at,
        }


def export(person: Person) -> Part:
    in_my_bonds = Note.objects.filter(bond__in=bonds_for_person(person).values("pk"))
    return {
        "notes": _notes(person, in_my_bonds.filter(Q(sender=person) | Q(recipient=person))),
        "private_list": _list(person),
    }


def story(person: Person, bond: Bond) -> Part:
    members = bond.memberships.values("person_id")
    return {"notes": _notes(person, Note.objects.filter(bond=bond, sender__in=members))}


def restore(person: Person, bonds: Mapping[str, Bond], part: Mapping[str, Any]) -> None:
    memberships = {m.bond_id: m for m in Membership.objects.filter(person=person)}
    for record in part.get("notes", []):
        if record.get("mine") is False:
            continue  # the other member's note, and my thank-you to it, are not mine to keep
        read = Reader(record, "a note of thanks")
        bond = read.bond(bonds)
        note = Note(
            bond=bond,
            sender=person,
            sender_membership=memberships[bond.pk],
            recipient=None,  # the other member is not here; invite them again
            source=read.choice("source", Note.Source.values),
            read_at=read.moment("read_at", required=False),
        )
        note.text = read.text("text", limit=NOTE_MAX, required=True)
        note.save()
        keep_created(note, read.moment("sent_at"))
    for record in part.get("private_list", []):
        read = Reader(record, "your private list")
        bond = read.bond(bonds)
        item = ListItem(
            bond=bond,
            person=person,
            membership=memberships[bond.pk],
            shared_at=read.moment("shared_at", required=False),
        )
        item.text = read.text("text", limit=ITEM_MAX, required=True)
        item.save()
        keep_created(item, read.moment("written_at"))
