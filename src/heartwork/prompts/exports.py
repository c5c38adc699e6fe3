"""Conversation prompts in a person's archive and in a bond's story (heartwork.exports).

A round is exported when the person answered it: their answer always, the other's only
once the round is revealed (the reveal rule, as the prompt pages apply it); replies the
same way, the whole thread in the order it was written. Rounds are read a chunk at a
time, never all at once. Requests to change a prompt hold nothing anyone wrote and stay
out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bonds_for_person, members_of
from heartwork.core.archive import Reader, keep_created, mine
from heartwork.core.practices import Part
from heartwork.domain.prompts import prompt_library
from heartwork.domain.reveal import Contribution, is_revealed
from heartwork.prompts.models import ANSWER_MAX, REPLY_MAX, Answer, PromptRound, Reply, SexualOptIn


def _rounds(person: Person, bond_ids: list, *, revealed_only: bool) -> Iterator[dict[str, Any]]:
    members = {bond_id: [m.person_id for m in ms] for bond_id, ms in members_of(bond_ids).items()}
    library = prompt_library()
    rounds = (
        PromptRound.objects.filter(bond_id__in=bond_ids, answers__person=person)
        .order_by("day", "sequence", "bond__created_at", "id")
        .prefetch_related("answers", "replies")
    )
    for round_ in rounds.iterator(chunk_size=500):
        answers = list(round_.answers.all())
        member_ids = members.get(round_.bond_id, [])
        revealed = is_revealed(
            member_ids, [Contribution(a.person_id, a.written_alone) for a in answers]
        )
        if revealed_only and not revealed:
            continue
        seen = set(member_ids) if revealed else {person.pk}
        prompt = library.get(round_.prompt_id)
        yield {
            "bond": str(round_.bond_id),
            "day": round_.day,
            "sequence": round_.sequence,
            "prompt_id": round_.prompt_id,
            "prompt": prompt.text if prompt else "",
            "depth": round_.depth,
            "source": round_.source,
            "status": round_.status,
            "answers": [
                {
                    "mine": a.person_id == person.pk,
                    "text": a.text,
                    "comfort": a.comfort,
                    "written_at": a.created_at,
                }
                for a in sorted(answers, key=lambda a: (a.person_id != person.pk, a.created_at))
                if a.person_id in seen
            ],
            "replies": [
                {
                    "mine": r.person_id == person.pk,
                    "reaction": r.reaction,
                    "text": r.text,
                    "written_at": r.created_at,
                }
                for r in sorted(round_.replies.all(), key=lambda r: (r.created_at, str(r.pk)))
                if r.person_id in seen
            ],
        }


def export(person: Person) -> Part:
    bond_ids = list(bonds_for_person(person).values_list("pk", flat=True))
    return {
        "rounds": _rounds(person, bond_ids, revealed_only=False),
        "desire_prompts": [
            {"bond": str(bond_id)}
            for bond_id in SexualOptIn.objects.filter(person=person, bond_id__in=bond_ids)
            .order_by("created_at")
            .values_list("bond_id", flat=True)
        ],
    }


def story(person: Person, bond: Bond) -> Part:
    return {"rounds": _rounds(person, [bond.pk], revealed_only=True)}


def restore(person: Person, bonds: Mapping[str, Bond], part: Mapping[str, Any]) -> None:
    for record in part.get("rounds", []):
        read = Reader(record, "a conversation prompt")
        round_ = PromptRound.objects.create(
            bond=read.bond(bonds),
            day=read.day("day"),
            sequence=read.number("sequence", 0, 1000),
            prompt_id=read.text("prompt_id", limit=40, required=True),
            depth=read.number("depth", 1, 10),
            source=read.choice("source", PromptRound.Source.values),
            status=read.choice("status", PromptRound.Status.values),
        )
        for said in mine(read.records("answers")):
            said_read = Reader(said, "an answer to a prompt")
            # Restored into a bond of one: it stays the author's own even if someone joins.
            answer = Answer(round=round_, person=person, written_alone=True)
            answer.text = said_read.text("text", limit=ANSWER_MAX, required=True)
            answer.comfort = said_read.number("comfort", 1, 5, required=False)
            answer.save()
            keep_created(answer, said_read.moment("written_at"))
        for said in mine(read.records("replies")):
            said_read = Reader(said, "a reply to a prompt")
            reply = Reply(round=round_, person=person)
            reply.reaction = said_read.choice("reaction", [*Reply.Reaction.values, ""], default="")
            reply.text = said_read.text("text", limit=REPLY_MAX)
            reply.save()
            keep_created(reply, said_read.moment("written_at"))
    for record in part.get("desire_prompts", []):
        bond = Reader(record, "a choice about prompts").bond(bonds)
        SexualOptIn.objects.get_or_create(bond=bond, person=person)
