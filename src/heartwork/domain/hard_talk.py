"""A guided hard conversation for two: who may do what, at which step.

The shape comes from what helps couples argue well: agree to start (either can say
"not now"); a light moment first; phones away; then turns. In a turn the speaker says one
thing, the listener reflects back what they heard in their own words, the speaker confirms
or corrects, and the listener says why it makes sense before the turn passes to them. Once
both have spoken, each proposes one small step and both agree on one.

Either of them can call a break at any moment. A break lasts at least twenty minutes
(a flooded body needs about that long to settle), and the conversation waits where it was.
Either can end it at any time. Nothing here knows about Django: the talk app stores these
facts and asks this module what comes next.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Hashable
from dataclasses import dataclass, field, replace

BREAK_MINUTES = (20, 30, 45, 60)  # never shorter than twenty
MIN_TURNS_BEFORE_STEPS = 2  # each has spoken once


class Step(enum.StrEnum):
    INVITED = "invited"  # one asked; the other hasn't answered
    NOT_NOW = "not-now"  # the other said not now (perhaps with a time): it rests here
    LIGHT = "light"  # an optional light moment together
    PHONES = "phones"  # phones away
    TALKING = "talking"  # the turns
    STEPS = "steps"  # one small step each, then one agreed
    AGREED = "agreed"  # done, with a step both chose
    ENDED = "ended"  # either ended it


FINISHED = frozenset({Step.NOT_NOW, Step.AGREED, Step.ENDED})


class Phase(enum.StrEnum):
    """Where a turn is, while talking."""

    SPEAKING = "speaking"  # the speaker says one thing
    REFLECTING = "reflecting"  # the listener says back what they heard
    CONFIRMING = "confirming"  # the speaker: "yes, that's it", or a correction
    VALIDATING = "validating"  # the listener: "that makes sense, because…"


class Action(enum.StrEnum):
    JOIN = "join"
    NOT_NOW = "not-now"
    CONTINUE = "continue"  # past the light moment, or the phones
    SAY = "say"
    REFLECT = "reflect"
    CONFIRM = "confirm"
    CORRECT = "correct"
    VALIDATE = "validate"
    TO_STEPS = "to-steps"
    PROPOSE = "propose"
    CHOOSE = "choose"
    BREAK = "break"
    END = "end"


class NotAllowed(Exception):
    """Not something this person may do at this point."""


@dataclass(frozen=True, slots=True)
class TalkFacts:
    starter: Hashable
    other: Hashable
    step: Step = Step.INVITED
    phase: Phase = Phase.SPEAKING
    speaker: Hashable | None = None  # whose turn it is to speak, while talking
    turns_done: int = 0  # completed turns (said, heard, confirmed, validated)
    break_until: datetime.datetime | None = None
    proposed: frozenset[Hashable] = field(default_factory=frozenset)  # who has proposed a step
    choices: tuple[tuple[Hashable, Hashable], ...] = ()  # (chooser, whose proposal)

    @property
    def members(self) -> tuple[Hashable, Hashable]:
        return (self.starter, self.other)

    def partner_of(self, person: Hashable) -> Hashable:
        return self.other if person == self.starter else self.starter

    def on_break(self, now: datetime.datetime) -> bool:
        return self.break_until is not None and now < self.break_until

    def choice_of(self, person: Hashable) -> Hashable | None:
        return next((whose for who, whose in self.choices if who == person), None)


def _turn_actions(facts: TalkFacts, person: Hashable) -> set[Action]:
    speaking = person == facts.speaker
    if facts.phase is Phase.SPEAKING:
        actions = {Action.SAY} if speaking else set()
        if facts.turns_done >= MIN_TURNS_BEFORE_STEPS:
            actions.add(Action.TO_STEPS)
        return actions
    if facts.phase is Phase.REFLECTING:
        return set() if speaking else {Action.REFLECT}
    if facts.phase is Phase.CONFIRMING:
        return {Action.CONFIRM, Action.CORRECT} if speaking else set()
    return set() if speaking else {Action.VALIDATE}


def allowed(facts: TalkFacts, person: Hashable, now: datetime.datetime) -> frozenset[Action]:
    """Everything ``person`` may do now. Ending always works while it is open; a break,
    once called, holds everything else until it has passed."""
    if person not in facts.members or facts.step in FINISHED:
        return frozenset()
    actions = {Action.END}
    if facts.on_break(now):
        return frozenset(actions)
    if facts.step is Step.INVITED:
        if person == facts.other:
            actions |= {Action.JOIN, Action.NOT_NOW}
        return frozenset(actions)
    actions.add(Action.BREAK)
    if facts.step in (Step.LIGHT, Step.PHONES):
        actions.add(Action.CONTINUE)
    elif facts.step is Step.TALKING:
        actions |= _turn_actions(facts, person)
    elif facts.step is Step.STEPS:
        actions.add(Action.PROPOSE)
        if len(facts.proposed) == 2:
            actions.add(Action.CHOOSE)
    return frozenset(actions)


def act(
    facts: TalkFacts,
    person: Hashable,
    action: Action,
    now: datetime.datetime,
    *,
    minutes: int = BREAK_MINUTES[0],
    chosen: Hashable | None = None,
) -> TalkFacts:
    """The facts after ``person`` does ``action``, or NotAllowed."""
    if action not in allowed(facts, person, now):
        raise NotAllowed(f"{action} is not possible at {facts.step}/{facts.phase}")
    match action:
        case Action.JOIN:
            return replace(facts, step=Step.LIGHT)
        case Action.NOT_NOW:
            return replace(facts, step=Step.NOT_NOW)
        case Action.END:
            return replace(facts, step=Step.ENDED, break_until=None)
        case Action.BREAK:
            if minutes not in BREAK_MINUTES:
                raise NotAllowed(f"a break is one of {BREAK_MINUTES} minutes")
            return replace(facts, break_until=now + datetime.timedelta(minutes=minutes))
        case Action.CONTINUE:
            if facts.step is Step.LIGHT:
                return replace(facts, step=Step.PHONES)
            # The one who asked for the conversation speaks first.
            return replace(facts, step=Step.TALKING, phase=Phase.SPEAKING, speaker=facts.starter)
        case Action.SAY:
            return replace(facts, phase=Phase.REFLECTING)
        case Action.REFLECT:
            return replace(facts, phase=Phase.CONFIRMING)
        case Action.CORRECT:
            return replace(facts, phase=Phase.REFLECTING)  # heard again, in their words
        case Action.CONFIRM:
            return replace(facts, phase=Phase.VALIDATING)
        case Action.VALIDATE:
            return replace(
                facts,
                phase=Phase.SPEAKING,
                speaker=facts.partner_of(facts.speaker),
                turns_done=facts.turns_done + 1,
            )
        case Action.TO_STEPS:
            return replace(facts, step=Step.STEPS)
        case Action.PROPOSE:
            return replace(facts, proposed=facts.proposed | {person})
        case Action.CHOOSE:
            return _choose(facts, person, chosen)
    raise NotAllowed(str(action))  # pragma: no cover - every action is matched above


def _choose(facts: TalkFacts, person: Hashable, chosen: Hashable | None) -> TalkFacts:
    if chosen not in facts.proposed:
        raise NotAllowed("choose one of the two steps proposed")
    choices = tuple((who, whose) for who, whose in facts.choices if who != person)
    choices += ((person, chosen),)
    agreed = len(choices) == 2 and choices[0][1] == choices[1][1]
    return replace(facts, choices=choices, step=Step.AGREED if agreed else Step.STEPS)


def agreed_step_author(facts: TalkFacts) -> Hashable | None:
    """Whose proposal both chose, once they have."""
    if facts.step is not Step.AGREED:
        return None
    return facts.choices[0][1]
