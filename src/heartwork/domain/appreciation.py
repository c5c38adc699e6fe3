"""Appreciation rules: the limits of a note, the daily nudge, and given and received by week.

The coach that reads a note as it is written lives in ``heartwork.domain.language``; the
week counting and chart geometry in ``heartwork.domain.charts``. Plain Python; nothing
imports Django.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from heartwork.domain.charts import Chart, Column, bar_chart, week_label, week_start, week_starts
from heartwork.domain.language.thanks import NOTE_MAX

REPLY_MAX = 280  # characters in the short thank-you that answers one
ITEM_MAX = 1000  # characters in one "thing I appreciate about you"
WEEKS_SHOWN = 12

__all__ = ["ITEM_MAX", "NOTE_MAX", "REPLY_MAX", "WEEKS_SHOWN"]


# --- The daily nudge --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NudgeCandidate:
    """A bond the person could be nudged about today (active, not resting its nudge)."""

    bond_id: Hashable
    bond_name: str
    other_name: str | None  # None while the person is alone in the bond


@dataclass(frozen=True, slots=True)
class Nudge:
    bond_id: Hashable
    bond_name: str
    other_name: str | None
    suggestion: str

    @property
    def solo(self) -> bool:
        return self.other_name is None


# Questions that help someone find something specific to say. {name} is the other person.
SUGGESTIONS = (
    "What's something {name} did lately that made your day a little easier?",
    "Is there a small thing {name} does that you'd miss if it stopped?",
    "When did {name} last make you laugh? Telling them is a lovely kind of thanks.",
    "What's a quality of {name}'s you noticed this week?",
    "Think of one moment with {name} from the past few days that you're glad about.",
    "Did {name} do something quietly that nobody thanked them for?",
    "What's something about the way {name} treats people that you admire?",
)
SOLO_SUGGESTIONS = (
    "Something you appreciate about {name}? Keep it in your private list, ready for later.",
    "What's one thing about {name} you're grateful for? Jot it in your private list, just for you.",
)


def pick_nudge(
    candidates: Sequence[NudgeCandidate], *, today: datetime.date, gave_today: bool
) -> Nudge | None:
    """At most one gentle suggestion a day, and none once the person has given thanks today.

    Bonds where a note can be sent come before solo ones; among them the choice turns
    with the date, so no bond is always the one mentioned. The nudge only ever speaks
    of what the person might do, never of what anyone else has or hasn't done.
    """
    if gave_today or not candidates:
        return None
    shared = [c for c in candidates if c.other_name is not None]
    pool = shared or list(candidates)
    day = today.toordinal()
    chosen = pool[day % len(pool)]
    if chosen.other_name is not None:
        suggestion = SUGGESTIONS[day % len(SUGGESTIONS)].format(name=chosen.other_name)
    else:
        suggestion = SOLO_SUGGESTIONS[day % len(SOLO_SUGGESTIONS)].format(name=chosen.bond_name)
    return Nudge(chosen.bond_id, chosen.bond_name, chosen.other_name, suggestion)


# --- Given and received, week by week ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Week:
    start: datetime.date  # a Monday
    given: int
    received: int

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)


def weekly_counts(
    given: Iterable[datetime.date],
    received: Iterable[datetime.date],
    *,
    today: datetime.date,
    weeks: int = WEEKS_SHOWN,
) -> tuple[Week, ...]:
    """Notes given and received per week (Monday to Sunday), oldest first, ending this week."""
    starts = week_starts(today, weeks)
    first = starts[0]
    given_by_week = Counter(week_start(d) for d in given if first <= d <= today)
    received_by_week = Counter(week_start(d) for d in received if first <= d <= today)
    return tuple(Week(s, given_by_week[s], received_by_week[s]) for s in starts)


def chart_layout(weeks: Sequence[Week], *, label_every: int = 3) -> Chart:
    """A pair of bars a week: notes given and notes received."""
    columns = [
        Column(week_label(w.start), (("given", w.given), ("received", w.received))) for w in weeks
    ]
    return bar_chart(columns, stacked=False, label_every=label_every)
