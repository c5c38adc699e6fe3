"""Hard conversations in a person's archive (heartwork.exports).

The archive holds the person's own messages (drafts too), the messages the other member
sent them, and each guided talk of their bonds: what both said in it (visible to both)
and the person's own private notes, never the other's. A guided talk needs both people,
so an import cannot bring one back (``restorable: false``); the messages come back.
Hard conversations are not part of a bond's story, which keeps what the two shared to
treasure (docs/export.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import Q

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bonds_for_person
from heartwork.conflict.models import DRAFT_MAX, Message, Talk, TalkNote
from heartwork.core.archive import Reader, keep_created
from heartwork.core.practices import Part
from heartwork.domain.composer import PART_MAX, Parts


def _messages(person: Person, bond_ids: list) -> Iterator[dict[str, Any]]:
    messages = Message.objects.filter(bond_id__in=bond_ids).filter(
        Q(author=person) | Q(sent_at__isnull=False)
    )
    for message in messages.order_by("created_at", "id").iterator(chunk_size=500):
        own = message.author_id == person.pk
        yield {
            "mine": own,
            "bond": str(message.bond_id),
            "text": message.text,
            "parts": message.parts or {},
            "written_at": message.created_at,
            "sent_at": message.sent_at,
            "put_away": message.hidden_by_author if own else message.hidden_by_recipient,
        }


def _talks(person: Person, bond_ids: list) -> Iterator[dict[str, Any]]:
    talks = Talk.objects.filter(bond_id__in=bond_ids).filter(Q(starter=person) | Q(other=person))
    notes = {note.talk_id: note for note in TalkNote.objects.filter(person=person)}
    for talk in talks.order_by("created_at", "id").prefetch_related("said").iterator(100):
        record: dict[str, Any] = {
            "bond": str(talk.bond_id),
            "restorable": False,
            "started_at": talk.created_at,
            "step": talk.step,
            "finished_at": talk.finished_at,
        }
        if talk.not_now_note:
            record["not_now"] = {"mine": talk.other_id == person.pk, "text": talk.not_now_note}
        record["said"] = [
            {
                "mine": said.author_id == person.pk,
                "kind": said.kind,
                "turn": said.turn,
                "text": said.text,
                "written_at": said.created_at,
            }
            for said in sorted(talk.said.all(), key=lambda s: s.created_at)
        ]
        if talk.pk in notes and notes[talk.pk].text:
            record["my_notes"] = notes[talk.pk].text
        yield record


def export(person: Person) -> Part:
    bond_ids = list(bonds_for_person(person).values_list("pk", flat=True))
    return {"messages": _messages(person, bond_ids), "talks": _talks(person, bond_ids)}


def restore(person: Person, bonds: Mapping[str, Bond], part: Mapping[str, Any]) -> None:
    for record in part.get("messages", []):
        if record.get("mine") is False:
            continue
        read = Reader(record, "a message from the composer")
        message = Message(
            bond=read.bond(bonds),
            author=person,
            sent_at=read.moment("sent_at", required=False),
            hidden_by_author=read.flag("put_away"),
        )
        message.text = read.text("text", limit=DRAFT_MAX)
        parts = read.record("parts") or {}
        parts_read = Reader(parts, "a message's four parts")
        message.parts = (
            {name: parts_read.text(name, limit=PART_MAX) for name in Parts.__dataclass_fields__}
            if parts
            else None
        )
        message.save()
        keep_created(message, read.moment("written_at"))
