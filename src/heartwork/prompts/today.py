"""Today's prompt on the Today page: a card when the other person asked to change today's
prompt (a yes or no waits on this person), when they have answered and it is this
person's turn, or when they replied since this person last did.

It never says that the other person has *not* answered: nothing waits on them by name.
"""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse

from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import day_of, members_of_my_bonds, my_bond_names
from heartwork.core.practices import Waiting
from heartwork.domain.bonds import BondStatus
from heartwork.domain.prompt_changes import what_was_asked
from heartwork.domain.reveal import Contribution
from heartwork.domain.reveal import is_revealed as reveal_rule
from heartwork.prompts.models import Answer, PromptChange, PromptRound, Reply


def waiting(person) -> list[Waiting]:
    members = members_of_my_bonds(person)
    pairs = {bond_id: found for bond_id, found in members.items() if len(found) > 1}
    if not pairs:
        return []
    active = set(
        Bond.objects.filter(pk__in=pairs, status=BondStatus.ACTIVE.value).values_list(
            "pk", flat=True
        )
    )
    names = my_bond_names(person)
    cards = []
    for bond_id in active:
        in_bond = pairs[bond_id]
        round_ = (
            PromptRound.objects.filter(bond_id=bond_id, day=day_of(in_bond))
            .order_by("-sequence")
            .first()
        )
        if round_ is None or round_.status != PromptRound.Status.OPEN:
            continue
        answers = list(
            Answer.objects.filter(round=round_).values_list(
                "person_id", "written_alone", "created_at"
            )
        )
        ids = [m.person_id for m in in_bond]
        other = next((m for m in in_bond if m.person_id != person.pk), None)
        other_name = other.display_name if other else "They"
        mine = next((at for who, _, at in answers if who == person.pk), None)
        theirs = next((at for who, alone, at in answers if who != person.pk and not alone), None)
        url = reverse("prompts:today", args=[bond_id])
        base = {"bond_id": bond_id, "bond_name": names.get(bond_id, ""), "kind": "prompt"}
        request = (
            PromptChange.objects.filter(round=round_, status=PromptChange.Status.OPEN)
            .exclude(proposer=person)
            .values_list("kind", flat=True)
            .first()
        )
        if request:
            text = f"{other_name} asked to change today's prompt: {what_was_asked(request)}."
            cards.append(Waiting(text, url, "Say yes or no", priority=20, **base))
        if theirs and not mine:
            text = f"{other_name} answered today's prompt. Your turn, whenever you're ready."
            cards.append(Waiting(text, url, "Answer", priority=22, **base))
            continue
        if not reveal_rule(ids, [Contribution(who, alone) for who, alone, _ in answers]):
            continue
        # The latest reply of each: a thread, so the newest one decides.
        replies = dict(
            Reply.objects.filter(round=round_)
            .values("person_id")
            .annotate(at=Max("created_at"))
            .values_list("person_id", "at")
        )
        their_reply = next((at for who, at in replies.items() if who != person.pk), None)
        my_reply = replies.get(person.pk)
        if their_reply and (my_reply is None or their_reply > my_reply):
            text = f"{other_name} replied to your answer to today's prompt."
            cards.append(Waiting(text, url, "See the reply", priority=30, **base))
        elif my_reply is None and theirs and mine and theirs > mine:
            text = f"{other_name} answered too: your answers to today's prompt are open."
            cards.append(Waiting(text, url, "See both answers", priority=24, **base))
    return cards
