"""Insights for a bond: what two people shared over the weeks, who tends to start things,
whether things have gone quieter than usual, and a quiet bond in a person's circle.

Every rule here is a pure function over plain values (dates, counts, ids), so it is tested
alone and fast. The web side reads only what both members of a bond can already see
(shared check-ins, notes, time together, revealed prompts, complete check-ups) plus the
viewer's own reflections, and hands the counts in. Nothing here imports Django.

What the rules promise, whatever the numbers:
- honest about little data: no direction is read from fewer than ``MIN_POINTS`` points;
- a balance is symmetric (what one sees mirrors what the other sees), never a score;
- no suggestion without enough history; a new bond has no "usual" to drift from;
- at most one "keep your circle warm" idea, and never about a bond the person rested.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from heartwork.domain.charts import Chart, Column, bar_chart, week_label, week_start, week_starts

WEEKS_SHOWN = 12  # the charts on the insights page
MIN_POINTS = 3  # as for check-up history: fewer points than this show no direction
STEADY_WITHIN = (
    0.25  # a change of a quarter or less (of the earlier level) reads as "about the same"
)


# --- Weeks ------------------------------------------------------------------------------


def count_by_week(
    days: Iterable[datetime.date], *, today: datetime.date, weeks: int = WEEKS_SHOWN
) -> tuple[tuple[datetime.date, int], ...]:
    """How many of ``days`` fall in each of the last ``weeks`` weeks, oldest first."""
    starts = week_starts(today, weeks)
    counts = Counter(week_start(d) for d in days if starts[0] <= d <= today)
    return tuple((s, counts[s]) for s in starts)


def fill_weeks(
    found: dict[datetime.date, int], *, today: datetime.date, weeks: int = WEEKS_SHOWN
) -> tuple[tuple[datetime.date, int], ...]:
    """Per-week totals already added up (by the database), with empty weeks as zeros."""
    return tuple((s, found.get(s, 0)) for s in week_starts(today, weeks))


@dataclass(frozen=True, slots=True)
class Direction:
    """Which way a weekly count has moved: the later half of the weeks against the earlier."""

    direction: str  # "more", "fewer" or "steady"
    earlier: float  # per week
    later: float  # per week

    @property
    def words(self) -> str:
        if self.direction == "more":
            return "more in recent weeks than in the weeks before"
        if self.direction == "fewer":
            return "a little less in recent weeks than in the weeks before"
        return "about the same week to week"


def direction(values: Sequence[int]) -> Direction | None:
    """None until at least ``MIN_POINTS`` weeks have anything in them: a week or two is not
    a direction. Otherwise compares the average of the later half of the weeks with the
    earlier half; a change within ``STEADY_WITHIN`` of the earlier level is "steady"."""
    if sum(1 for v in values if v) < MIN_POINTS or len(values) < 2:
        return None
    half = len(values) // 2
    earlier = sum(values[:half]) / half
    later = sum(values[half:]) / (len(values) - half)
    if earlier == 0:
        return Direction("more", earlier, later) if later else Direction("steady", 0.0, 0.0)
    change = (later - earlier) / earlier
    if change > STEADY_WITHIN:
        return Direction("more", earlier, later)
    if change < -STEADY_WITHIN:
        return Direction("fewer", earlier, later)
    return Direction("steady", earlier, later)


def active_weeks(values: Iterable[int]) -> int:
    return sum(1 for v in values if v)


# --- Charts (the layout is heartwork.domain.charts; these only name the series) --------


def single_chart(
    weeks: Sequence[tuple[datetime.date, int]], *, series: str, label_every: int = 3
) -> Chart:
    """One bar a week."""
    columns = [Column(week_label(start), ((series, value),)) for start, value in weeks]
    return bar_chart(columns, stacked=True, label_every=label_every)


def pair_chart(
    weeks: Sequence[tuple[datetime.date, int, int]],
    *,
    series: tuple[str, str],
    stacked: bool,
    label_every: int = 3,
) -> Chart:
    """Two values a week, side by side (given and received) or stacked (a part of a whole)."""
    columns = [
        Column(week_label(start), ((series[0], first), (series[1], second)))
        for start, first, second in weeks
    ]
    return bar_chart(columns, stacked=stacked, label_every=label_every)


@dataclass(frozen=True, slots=True)
class TimeWeek:
    start: datetime.date
    minutes: int
    phones_away_minutes: int

    @property
    def phones_away_share(self) -> int | None:
        """Per cent of the week's time with phones away; None for a week with no time."""
        if not self.minutes:
            return None
        return round(100 * self.phones_away_minutes / self.minutes)


def time_chart(weeks: Sequence[TimeWeek], *, label_every: int = 3) -> Chart:
    """Minutes together a week, the phones-away part at the bottom of each bar."""
    return pair_chart(
        [(w.start, w.phones_away_minutes, w.minutes - w.phones_away_minutes) for w in weeks],
        series=("away", "nearby"),
        stacked=True,
        label_every=label_every,
    )


def phones_away_share(weeks: Sequence[TimeWeek]) -> int | None:
    total = sum(w.minutes for w in weeks)
    return round(100 * sum(w.phones_away_minutes for w in weeks) / total) if total else None


@dataclass(frozen=True, slots=True)
class Point:
    """One dated value: a check-up's score, a reflection's result."""

    when: datetime.date
    value: int


def point_chart(
    points: Sequence[tuple[datetime.date, int | None, int | None]],
    *,
    series: tuple[str, str],
) -> Chart:
    """One column per dated moment (not per week), with up to two bars, on a 0–100 scale."""
    columns = [
        Column(f"{when.day} {when:%b}", ((series[0], a or 0), (series[1], b or 0)))
        for when, a, b in points
    ]
    label_every = max(1, (len(columns) + 5) // 6)
    return bar_chart(columns, stacked=False, label_every=label_every)


def points_direction(values: Sequence[int | None]) -> Direction | None:
    """A direction over dated scores (0–100): from ``MIN_POINTS`` scores; 10 points either
    way or less is steady."""
    scored = [v for v in values if v is not None]
    if len(scored) < MIN_POINTS:
        return None
    change = scored[-1] - scored[0]
    if change >= 10:
        return Direction("more", scored[0], scored[-1])
    if change <= -10:
        return Direction("fewer", scored[0], scored[-1])
    return Direction("steady", scored[0], scored[-1])


# --- Reciprocity: who starts things -----------------------------------------------------

RECIPROCITY_WINDOWS = (30, 90)  # days
MIN_HISTORY_DAYS = 30  # both must have been in the bond this long before a balance is shown
MIN_STARTS = 6  # fewer starts than this in a window tell nothing about balance
LEANS_AT = 0.7  # one side starting this share or more "leans"; below it reads as shared


@dataclass(frozen=True, slots=True)
class Balance:
    """How the starting of one kind of thing was shared, seen by one member."""

    kind: str
    mine: int
    theirs: int

    @property
    def total(self) -> int:
        return self.mine + self.theirs

    @property
    def my_share(self) -> int:
        """Per cent started by the viewer (0–100)."""
        return round(100 * self.mine / self.total) if self.total else 50

    @property
    def lean(self) -> str:
        """ "me", "them" or "shared": who has been starting most of these."""
        if self.total == 0:
            return "shared"
        share = self.mine / self.total
        if share >= LEANS_AT:
            return "me"
        if share <= 1 - LEANS_AT:
            return "them"
        return "shared"

    def mirrored(self) -> Balance:
        """The same balance as the other member sees it."""
        return Balance(self.kind, self.theirs, self.mine)


def balance(
    kind: str,
    mine: int,
    theirs: int,
    *,
    history_days: int,
) -> Balance | None:
    """A balance for one kind of thing, or None when there isn't enough to say anything:
    the two have shared the bond for less than ``MIN_HISTORY_DAYS``, or fewer than
    ``MIN_STARTS`` things were started in the window. Symmetric by construction."""
    if mine < 0 or theirs < 0:
        raise ValueError("counts are never negative")
    if history_days < MIN_HISTORY_DAYS or mine + theirs < MIN_STARTS:
        return None
    return Balance(kind, mine, theirs)


def starts_in_window(
    starts: Iterable[tuple[Hashable, datetime.date]],
    *,
    viewer: Hashable,
    today: datetime.date,
    days: int,
) -> tuple[int, int]:
    """(started by the viewer, started by the other) among ``starts`` in the last ``days``."""
    since = today - datetime.timedelta(days=days - 1)
    mine = theirs = 0
    for who, day in starts:
        if since <= day <= today:
            if who == viewer:
                mine += 1
            else:
                theirs += 1
    return mine, theirs


# Said to the viewer only, about what they might do next: never a verdict on either.
_LEAN_WORDS = {
    ("prompts", "me"): (
        "You've often been the first to answer your prompts lately. You could tell {name} "
        "you'd love to read theirs first sometimes."
    ),
    ("prompts", "them"): (
        "{name} has often answered your prompts first lately. Answering the next one first "
        "yourself could be a nice surprise."
    ),
    ("notes", "me"): (
        "Most of the notes of thanks lately have come from you. That's generous. If you'd like "
        "more coming back, it's fine to say what it means to you to hear it."
    ),
    ("notes", "them"): (
        "Most of the notes of thanks lately have come from {name}. Is there something small "
        "you could thank them for this week?"
    ),
    ("checkins", "me"): (
        "You've been the one sharing how you feel more often lately. You could ask {name} "
        "how they've been, in whatever way suits them."
    ),
    ("checkins", "them"): (
        "{name} has been sharing how they feel more often lately. Sharing one of yours "
        "could help them feel met."
    ),
    ("time", "me"): (
        "You've been the one noting your time together more often. Perhaps {name} would "
        "enjoy planning the next one."
    ),
    ("time", "them"): (
        "{name} has been the one noting your time together more often. You could suggest "
        "the next one."
    ),
}

KIND_LABELS = {
    "prompts": "Prompts answered first",
    "notes": "Notes of thanks sent",
    "checkins": "Check-ins shared",
    "time": "Time together logged",
}


def lean_words(item: Balance, other_name: str) -> str:
    """A gentle, inviting sentence for a balance that leans; empty when it is shared."""
    if item.lean == "shared":
        return ""
    return _LEAN_WORDS[(item.kind, item.lean)].replace("{name}", other_name or "them")


# --- Drift: quieter than this bond's own usual ------------------------------------------

BASELINE_WEEKS = 12  # the bond's usual: the median of these weeks, before the recent ones
RECENT_WEEKS = 3  # every one of these must be quiet (one holiday week is not a drift)
MIN_USUAL = 3  # a bond that usually shares less than this a week has no drift to notice
QUIET_BELOW = 0.5  # a week under half the usual is quiet


@dataclass(frozen=True, slots=True)
class Drift:
    usual: float  # things shared in a usual week
    recent: tuple[int, ...]  # the recent weeks, oldest first


def drift(weekly: Sequence[int]) -> Drift | None:
    """Whether contact has fallen well below the bond's own usual level.

    ``weekly`` is things shared per *complete* week, oldest first, only since both were in
    the bond. A new bond (fewer than ``BASELINE_WEEKS + RECENT_WEEKS`` weeks) has no usual
    and never drifts; a usually quiet bond (median under ``MIN_USUAL``) is just quiet; and
    only when every one of the last ``RECENT_WEEKS`` weeks is under half the usual does it
    say anything, so a week or two away does not set it off.
    """
    if len(weekly) < BASELINE_WEEKS + RECENT_WEEKS or any(v < 0 for v in weekly):
        return None
    recent = tuple(weekly[-RECENT_WEEKS:])
    usual = statistics.median(weekly[-(BASELINE_WEEKS + RECENT_WEEKS) : -RECENT_WEEKS])
    if usual < MIN_USUAL:
        return None
    if all(v < usual * QUIET_BELOW for v in recent):
        return Drift(float(usual), recent)
    return None


# --- Keep your circle warm --------------------------------------------------------------

CADENCES = (0, 14, 21, 30, 60)  # days of quiet before an idea; 0 is off
CADENCE_LABELS = {
    0: "Never",
    14: "After two quiet weeks",
    21: "After three quiet weeks",
    30: "After a quiet month",
    60: "After two quiet months",
}
DEFAULT_CADENCE = 21
PARTNER_DEFAULT_CADENCE = 0  # partners see each other in other ways; off unless chosen


def default_cadence(kind: str) -> int:
    return PARTNER_DEFAULT_CADENCE if kind == "partner" else DEFAULT_CADENCE


@dataclass(frozen=True, slots=True)
class Circle:
    """One of a person's bonds, as "keep your circle warm" sees it."""

    bond_id: Hashable
    bond_name: str
    other_name: str
    kind: str
    together_since: datetime.date  # the day both were first in the bond
    last_contact: datetime.date | None  # the last thing either shared, or None
    cadence: int  # days; 0 is off
    resting_until: datetime.date | None = None  # "not now" until this day


@dataclass(frozen=True, slots=True)
class CircleIdea:
    bond_id: Hashable
    bond_name: str
    other_name: str
    quiet_days: int
    idea: str


_IDEAS = (
    "A short message to {name} to say you thought of them is plenty.",
    "You could send {name} a note about something you remember fondly.",
    "Maybe answer a light prompt with {name}, or plan a call.",
    "A small plan with {name} — a walk, a call, a coffee — could be nice.",
)


def quiet_days(circle: Circle, today: datetime.date) -> int:
    since = circle.last_contact or circle.together_since
    return (today - max(since, circle.together_since)).days


def circle_idea(circles: Sequence[Circle], *, today: datetime.date) -> CircleIdea | None:
    """At most one gentle idea: the bond quiet longest past its own cadence.

    A bond is considered only if its cadence is on, it is not resting, and both have been
    in it for at least a cadence (a new bond is not "quiet"). Ties go to the earliest in
    the list; the idea's wording turns with the date.
    """
    best: tuple[int, Circle] | None = None
    for circle in circles:
        if circle.cadence <= 0:
            continue
        if circle.resting_until is not None and today < circle.resting_until:
            continue
        if (today - circle.together_since).days < circle.cadence:
            continue
        quiet = quiet_days(circle, today)
        if quiet < circle.cadence:
            continue
        if best is None or quiet - circle.cadence > best[0]:
            best = (quiet - circle.cadence, circle)
    if best is None:
        return None
    chosen = best[1]
    idea = _IDEAS[today.toordinal() % len(_IDEAS)].replace("{name}", chosen.other_name or "them")
    return CircleIdea(
        chosen.bond_id, chosen.bond_name, chosen.other_name, quiet_days(chosen, today), idea
    )
