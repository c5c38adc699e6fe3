"""Repair after a breach of trust: who may do what, at which stage.

A repair has two people in it: the one who was hurt and the one who caused the hurt.
The one who caused it writes what they did and what it cost (accountability), an
apology, and concrete commitments, then sends them. From then on the hurt person
decides everything: whether and when to read, to accept, to say "not yet" or "no", to
ask for time (a cooling-off during which nothing can be sent again), or to end the
repair. Nothing moves forward without them; their "no" and their "end" always work.

After an acceptance, both rebuild: each week each privately rates how each commitment
is going, and the week's ratings open to both once both have rated (the reveal rule).
There is no deadline and no score to hit.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from heartwork.domain.reveal import Contribution, is_revealed


class Role(enum.StrEnum):
    HURT = "hurt"
    RESPONSIBLE = "responsible"


class Stage(enum.StrEnum):
    DRAFTING = "drafting"  # the one responsible is writing; the other sees nothing yet
    SENT = "sent"  # waiting for the hurt person, who decides in their own time
    NOT_YET = "not-yet"  # the hurt person said "not yet": it can be revised and sent again
    REBUILDING = "rebuilding"  # accepted: both rate the commitments week by week
    DECLINED = "declined"  # the hurt person said no
    CLOSED = "closed"  # either ended it


FINAL = frozenset({Stage.DECLINED, Stage.CLOSED})


class Action(enum.StrEnum):
    WRITE = "write"  # accountability, apology, commitments
    SEND = "send"
    ACCEPT = "accept"
    NOT_YET = "not-yet"
    DECLINE = "decline"
    ASK_FOR_TIME = "ask-for-time"
    RATE = "rate"
    AGREE_TO_RESTART = "agree-to-restart"
    CLOSE = "close"


# What a decision moves the repair to.
_DECISIONS = {
    Action.ACCEPT: Stage.REBUILDING,
    Action.NOT_YET: Stage.NOT_YET,
    Action.DECLINE: Stage.DECLINED,
}

COOLING_OFF_CHOICES = (1, 3, 7, 14, 30)  # days the hurt person may ask for


@dataclass(frozen=True, slots=True)
class RepairFacts:
    stage: Stage
    cooling_until: datetime.datetime | None = None  # nothing may be sent again before this


def cooling_off(facts: RepairFacts, now: datetime.datetime) -> bool:
    return facts.cooling_until is not None and now < facts.cooling_until


def allowed(facts: RepairFacts, role: Role, now: datetime.datetime) -> frozenset[Action]:
    """Everything ``role`` may do now. The hurt person can always end an open repair."""
    if facts.stage in FINAL:
        return frozenset()
    actions = {Action.CLOSE}
    if role is Role.RESPONSIBLE:
        if facts.stage in (Stage.DRAFTING, Stage.NOT_YET):
            actions.add(Action.WRITE)
            if not cooling_off(facts, now):
                actions.add(Action.SEND)
    else:
        if facts.stage is Stage.SENT:
            actions |= {Action.ACCEPT, Action.NOT_YET, Action.DECLINE, Action.ASK_FOR_TIME}
        elif facts.stage is Stage.NOT_YET:
            actions |= {Action.ASK_FOR_TIME, Action.DECLINE}
    if facts.stage is Stage.REBUILDING:
        actions |= {Action.RATE, Action.AGREE_TO_RESTART}
    return frozenset(actions)


class NotAllowed(Exception):
    """The action is not one this person may take at this stage."""


def next_stage(facts: RepairFacts, role: Role, action: Action, now: datetime.datetime) -> Stage:
    """Where ``action`` by ``role`` takes the repair, or NotAllowed."""
    if action not in allowed(facts, role, now):
        raise NotAllowed(f"{role} may not {action} at {facts.stage}")
    if action is Action.SEND:
        return Stage.SENT
    if action is Action.CLOSE:
        return Stage.CLOSED
    if action in _DECISIONS:
        return _DECISIONS[action]
    return facts.stage  # writing, asking for time, rating and agreeing do not move it


def restart_agreed(hurt_agrees: bool, responsible_agrees: bool) -> bool:
    """Starting the prompts' depth ladder again takes both."""
    return hurt_agrees and responsible_agrees


# --- Rebuilding, week by week -----------------------------------------------------------

RATING_LABELS = {
    1: "Not yet showing",
    2: "A little",
    3: "Getting there",
    4: "Mostly",
    5: "Clearly, and steadily",
}


@dataclass(frozen=True, slots=True)
class WeekProgress:
    week: datetime.date
    mine: tuple[int | None, ...]  # my rating of each commitment, in order
    theirs: tuple[int | None, ...] | None  # theirs, only once both have rated every one


def _complete(ratings: tuple[int | None, ...]) -> bool:
    return bool(ratings) and all(r is not None for r in ratings)


def week_is_open(mine: tuple[int | None, ...], theirs: tuple[int | None, ...]) -> bool:
    """A week's ratings open to both once both have rated every commitment (the reveal
    rule, heartwork.domain.reveal: each person's complete set is their contribution)."""
    written = [
        Contribution(who) for who, ratings in (("me", mine), ("them", theirs)) if _complete(ratings)
    ]
    return is_revealed(("me", "them"), written)


def week_view(
    week: datetime.date, mine: tuple[int | None, ...], theirs: tuple[int | None, ...]
) -> WeekProgress:
    return WeekProgress(week, mine, theirs if week_is_open(mine, theirs) else None)
