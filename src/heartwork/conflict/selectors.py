"""Reads for the composer and the guided talk, always for one member of the bond.

A draft is returned to its author only; a sent message to both. A talk's private notes
are returned only to the person who wrote them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.conflict.models import Message, Said, Talk, TalkNote
from heartwork.conflict.services import _ALWAYS_OFFERED, facts_of
from heartwork.domain.hard_talk import FINISHED, Action, TalkFacts, allowed
from heartwork.safety.selectors import hard_conversation_is_offered


@dataclass(frozen=True)
class Messages:
    drafts: list[Message]
    sent: list[Message]
    received: list[Message]


def messages_for(person: Person, bond: Bond) -> Messages:
    mine = Message.objects.filter(bond=bond, author=person)
    return Messages(
        drafts=list(mine.filter(sent_at__isnull=True)),
        sent=list(mine.filter(sent_at__isnull=False, hidden_by_author=False).order_by("-sent_at")),
        received=list(
            Message.objects.filter(bond=bond, sent_at__isnull=False, hidden_by_recipient=False)
            .exclude(author=person)
            .order_by("-sent_at")
        ),
    )


def message_for_member(person: Person, bond: Bond, message_id: uuid.UUID | str) -> Message:
    """A message of this bond that this person may see (theirs, or sent to them), or 404."""
    try:
        message = bond.conflict_messages.get(pk=message_id)
    except (Message.DoesNotExist, ValueError, TypeError):
        raise Http404("No such message.") from None
    if message.author_id != person.pk and not message.is_sent:
        raise Http404("No such message.")
    return message


def open_talk(bond: Bond) -> Talk | None:
    return bond.talks.exclude(step__in=[s.value for s in FINISHED]).first()


def talk_for_member(bond: Bond, talk_id: uuid.UUID | str) -> Talk:
    try:
        return bond.talks.select_related("starter", "other").get(pk=talk_id)
    except (Talk.DoesNotExist, ValueError, TypeError):
        raise Http404("No such talk.") from None


@dataclass(frozen=True)
class TalkView:
    talk: Talk
    facts: TalkFacts
    can: frozenset[Action]
    offered: bool  # False: this person's own safety check says not now
    said: list[Said]
    proposals: list[Said]
    my_note: str
    other_name: str
    my_choice: str | None  # the id of the proposal I chose
    their_choice: str | None

    @property
    def my_turn(self) -> bool:
        turn = {Action.SAY, Action.REFLECT, Action.CONFIRM, Action.CORRECT, Action.VALIDATE}
        return bool(self.can & turn)

    @property
    def on_break(self) -> bool:
        return self.facts.on_break(timezone.now())


def talk_view(person: Person, talk: Talk, other_name: str) -> TalkView:
    facts = facts_of(talk)
    offered = hard_conversation_is_offered(person, talk.bond)
    me = str(person.pk)
    can = allowed(facts, me, timezone.now())
    if not offered or not talk.bond.is_active:
        can = can & _ALWAYS_OFFERED
    said = list(talk.said.select_related(None).all())
    proposals = [s for s in said if s.kind == Said.Kind.PROPOSE]
    by_author = {str(p.author_id): str(p.pk) for p in proposals}
    note = TalkNote.objects.filter(talk=talk, person=person).first()
    other = facts.partner_of(me)
    return TalkView(
        talk=talk,
        facts=facts,
        can=frozenset(can),
        offered=offered,
        said=[s for s in said if s.kind != Said.Kind.PROPOSE],
        proposals=proposals,
        my_note=note.text if note else "",
        other_name=other_name,
        my_choice=by_author.get(facts.choice_of(me)),
        their_choice=by_author.get(facts.choice_of(other)),
    )


def talk_token(talk: Talk) -> str:
    """Changes whenever either person moves the talk on, or a break passes."""
    on_break = talk.break_until is not None and timezone.now() < talk.break_until
    return f"{talk.revision}.{int(on_break)}"
