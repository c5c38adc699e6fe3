"""Writes for the composer and the guided talk. Every rule that can say no raises
``ConflictError`` with words fit to show; views never decide who may do what."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.conflict.models import DRAFT_MAX, SAID_MAX, Message, Said, Talk, TalkNote
from heartwork.core.errors import ApplicationError
from heartwork.domain.composer import PART_MAX, Parts
from heartwork.domain.hard_talk import BREAK_MINUTES, FINISHED, Action, NotAllowed, Phase, TalkFacts
from heartwork.domain.hard_talk import act as talk_act_rule
from heartwork.safety.selectors import hard_conversation_is_offered

log = logging.getLogger("heartwork.conflict")

NOTE_MAX = 2000


class ConflictError(ApplicationError):
    pass


def _clean(text: str, *, limit: int, what: str, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ConflictError(f"Write {what} first.")
    if len(text) > limit:
        raise ConflictError(
            f"Please keep {what} to {limit} characters or fewer (this is {len(text)})."
        )
    return text


def _the_other(bond: Bond, person: Person) -> int | None:
    return bond.memberships.exclude(person=person).values_list("person_id", flat=True).first()


# --- the composer ------------------------------------------------------------------------


def _parts(raw: dict) -> dict:
    parts = Parts(
        **{
            k: _clean(raw.get(k, ""), limit=PART_MAX, what=f"the {k}", required=False)
            for k in Parts.__dataclass_fields__
        }
    )
    return {k: getattr(parts, k) for k in Parts.__dataclass_fields__}


@transaction.atomic
def message_save(
    *, person: Person, bond: Bond, message: Message | None, text: str, parts: dict
) -> Message:
    """Create or update a draft. Only its author can, and only until it is sent."""
    if not hard_conversation_is_offered(person, bond):
        raise ConflictError("The composer isn't offered to you in this bond right now.")
    if message is None:
        message = Message(bond=bond, author=person)
    elif message.author_id != person.pk or message.is_sent:
        raise ConflictError("A sent message can't be changed.")
    message.text = _clean(text, limit=DRAFT_MAX, what="your message", required=False)
    message.parts = _parts(parts)
    message.save()
    return message


@transaction.atomic
def message_send(*, person: Person, message: Message) -> Message:
    bond = message.bond
    if message.author_id != person.pk or message.is_sent:
        raise ConflictError("This message has already been sent.")
    if not bond.is_active or _the_other(bond, person) is None:
        raise ConflictError("Sending needs the two of you in an active bond.")
    if not hard_conversation_is_offered(person, bond):
        raise ConflictError("The composer isn't offered to you in this bond right now.")
    _clean(message.text, limit=DRAFT_MAX, what="your message")
    message.sent_at = timezone.now()
    message.save(update_fields=["sent_at", "updated_at"])
    log.info("conflict message sent bond=%s message=%s", bond.pk, message.pk)
    return message


@transaction.atomic
def message_remove(*, person: Person, message: Message) -> None:
    """A draft is deleted; a sent message is put away from this person's own list only."""
    if not message.is_sent:
        if message.author_id != person.pk:
            raise ConflictError("That isn't yours to remove.")
        message.delete()
        return
    field = "hidden_by_author" if message.author_id == person.pk else "hidden_by_recipient"
    setattr(message, field, True)
    message.save(update_fields=[field, "updated_at"])


# --- the guided talk -----------------------------------------------------------------


def facts_of(talk: Talk) -> TalkFacts:
    proposed = frozenset(
        str(a) for a in talk.said.filter(kind=Said.Kind.PROPOSE).values_list("author_id", flat=True)
    )
    # People are known to the rules by their ids as strings (as stored in ``choices``).
    return TalkFacts(
        starter=str(talk.starter_id),
        other=str(talk.other_id),
        step=talk.step_enum,
        phase=Phase(talk.phase),
        speaker=str(talk.speaker_id) if talk.speaker_id else None,
        turns_done=talk.turns_done,
        break_until=talk.break_until,
        proposed=proposed,
        choices=tuple((who, whose) for who, whose in talk.choices),
    )


def _store(talk: Talk, facts: TalkFacts) -> None:
    talk.step, talk.phase, talk.speaker_id = facts.step, facts.phase, facts.speaker
    talk.turns_done, talk.break_until = facts.turns_done, facts.break_until
    talk.choices = [list(pair) for pair in facts.choices]
    talk.revision += 1
    if facts.step in FINISHED and talk.finished_at is None:
        talk.finished_at = timezone.now()
    talk.save()


@transaction.atomic
def talk_start(*, person: Person, bond: Bond) -> Talk:
    other = _the_other(bond, person)
    if not bond.is_active or other is None:
        raise ConflictError("A talk needs the two of you in an active bond.")
    if not hard_conversation_is_offered(person, bond):
        raise ConflictError("Guided talks aren't offered to you in this bond right now.")
    try:
        with transaction.atomic():
            talk = Talk.objects.create(bond=bond, starter=person, other_id=other, step="invited")
    except IntegrityError:
        raise ConflictError("There's already a talk open between you.") from None
    log.info("talk started bond=%s talk=%s", bond.pk, talk.pk)
    return talk


# What each action writes down, if anything, and how it is described when it is missing.
_WRITES = {
    Action.SAY: (Said.Kind.SAY, "what you want to say"),
    Action.REFLECT: (Said.Kind.REFLECT, "what you heard"),
    Action.CORRECT: (Said.Kind.CORRECT, "what they missed"),
    Action.VALIDATE: (Said.Kind.VALIDATE, "why it makes sense"),
    Action.PROPOSE: (Said.Kind.PROPOSE, "one small step"),
}
# Someone whose safety check for this bond was concerning can still say no, or end it.
_ALWAYS_OFFERED = {Action.NOT_NOW, Action.END}


@transaction.atomic
def talk_act(
    *,
    person: Person,
    talk: Talk,
    action: Action,
    text: str = "",
    minutes: int = BREAK_MINUTES[0],
    chosen: str = "",
) -> Talk:
    talk = Talk.objects.select_for_update().get(pk=talk.pk)
    if action not in _ALWAYS_OFFERED and not hard_conversation_is_offered(person, talk.bond):
        raise ConflictError("Guided talks aren't offered to you in this bond right now.")
    if action not in _ALWAYS_OFFERED and not talk.bond.is_active:
        raise ConflictError("This bond is resting, so the talk waits too.")
    written = ""
    if action in _WRITES:
        _kind, what = _WRITES[action]
        written = _clean(text, limit=SAID_MAX, what=what)
    chosen_id = _chosen(talk, chosen) if action is Action.CHOOSE else None
    now = timezone.now()
    try:
        facts = talk_act_rule(
            facts_of(talk), str(person.pk), action, now, minutes=minutes, chosen=chosen_id
        )
    except NotAllowed:
        raise ConflictError(_refusal(talk, action, now)) from None
    if written:
        _write(talk, person, action, written)
    if action is Action.NOT_NOW:
        talk.not_now_note = _clean(text, limit=280, what="a time that would suit", required=False)
    _store(talk, facts)
    return talk


def _chosen(talk: Talk, chosen: str):
    """The person whose proposal was chosen, from the proposal's id."""
    try:
        found = (
            talk.said.filter(kind=Said.Kind.PROPOSE, pk=chosen)
            .values_list("author_id", flat=True)
            .first()
        )
    except (ValueError, ValidationError):
        found = None
    if found is None:
        raise ConflictError("Choose one of the two steps.")
    return str(found)


def _write(talk: Talk, person: Person, action: Action, text: str) -> None:
    kind = _WRITES[action][0]
    if kind == Said.Kind.PROPOSE:
        # One proposal each; proposing again replaces it, and any choices start over.
        talk.said.filter(kind=kind, author=person).delete()
        talk.choices = []
    said = Said(talk=talk, author=person, kind=kind, turn=talk.turns_done)
    said.text = text
    said.save()


def _refusal(talk: Talk, action: Action, now) -> str:
    if talk.step_enum in FINISHED:
        return "This talk has finished."
    if talk.break_until and now < talk.break_until:
        return "You're on a break. The talk waits until it has passed."
    if action is Action.CHOOSE:
        return "Once you've both proposed a step, each choose one."
    if action is Action.TO_STEPS:
        return "Small steps come once you've each had a turn to speak."
    return "That's the other person's part just now."


@transaction.atomic
def note_save(*, person: Person, talk: Talk, text: str) -> TalkNote:
    note, _ = TalkNote.objects.get_or_create(talk=talk, person=person)
    note.text = _clean(text, limit=NOTE_MAX, what="your note", required=False)
    note.save()
    return note


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """As someone leaves: their messages go, messages to them go, and every talk of the
    bond goes (each was between the two of them). The one who stays keeps their drafts."""
    Message.objects.filter(bond=bond, author=person).delete()
    Message.objects.filter(bond=bond, sent_at__isnull=False).exclude(author=person).delete()
    Talk.objects.filter(bond=bond).delete()
