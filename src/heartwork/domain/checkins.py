"""Rules for feelings check-ins: the "I feel … when … because …" statement, and the
summaries a person sees of their own check-ins (calendar, weekly chart, granularity)."""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from heartwork.domain.charts import Chart, Column, bar_chart, week_label, week_start, week_starts
from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.feelings import FeelingsWheel, granularity

INTENSITY_LABELS = {1: "A little", 2: "Somewhat", 3: "Clearly", 4: "Strongly", 5: "Very strongly"}
GRANULARITY_DAYS = 30


@dataclass(frozen=True, slots=True)
class CheckInFacts:
    """What the summaries need from one check-in (already decrypted, never stored like this)."""

    day: datetime.date
    feelings: tuple[str, ...]
    intensity: int


def i_statement(feel: str, when: str, because: str) -> str:
    """Join the parts a person wrote into one sentence; empty parts are left out."""
    feel, when, because = (part.strip().rstrip(".") for part in (feel, when, because))
    if not feel:
        return ""
    sentence = f"I feel {feel}"
    if when:
        sentence += f" when {when}"
    if because:
        sentence += f" because {because}"
    return sentence + "."


def granularity_last_days(
    facts: Iterable[CheckInFacts],
    wheel: FeelingsWheel,
    today: datetime.date,
    days: int = GRANULARITY_DAYS,
) -> int:
    since = today - datetime.timedelta(days=days - 1)
    return granularity((w for f in facts if f.day >= since for w in f.feelings), wheel)


@dataclass(frozen=True, slots=True)
class WeekBar:
    week_start: datetime.date
    by_core: tuple[tuple[str, int], ...]  # (core, count) in wheel order, zeros included

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_core)


def weekly_core_counts(
    facts: Sequence[CheckInFacts], wheel: FeelingsWheel, today: datetime.date, weeks: int = 8
) -> list[WeekBar]:
    """How often each core feeling family was named, week by week (Monday starts), oldest first."""
    starts = week_starts(today, weeks)
    counts: dict[datetime.date, Counter[str]] = {start: Counter() for start in starts}
    for fact in facts:
        monday = week_start(fact.day)
        if monday in counts:
            for word in fact.feelings:
                feeling = wheel.get(word)
                if feeling is not None:
                    counts[monday][feeling.core] += 1
    return [
        WeekBar(start, tuple((core, counts[start][core]) for core in wheel.cores))
        for start in starts
    ]


def weekly_chart(bars: Sequence[WeekBar]) -> Chart:
    """The stacked weekly chart of feelings named (series are core feelings)."""
    columns = [Column(week_label(bar.week_start), bar.by_core) for bar in bars]
    return bar_chart(columns, stacked=True, width=320, height=180)


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: datetime.date | None  # None pads the grid before the 1st and after the last day
    count: int = 0


def month_grid(year: int, month: int, facts: Iterable[CheckInFacts]) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of one month, each day with how many check-ins it had."""
    per_day = Counter(f.day for f in facts)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [CalendarDay(d, per_day[d]) if d.month == month else CalendarDay(None) for d in week]
        )
    return weeks


@cache
def acknowledgement_phrases() -> dict[str, str]:
    """The ready phrases someone can send back when another shares how they feel."""
    data = read_content_json("acknowledgements.json")
    phrases = {item["id"]: item["text"] for item in data.get("acknowledgements", [])}
    if len(phrases) < 3 or not all(isinstance(t, str) and t.strip() for t in phrases.values()):
        raise ContentError("acknowledgements.json needs at least three phrases with text")
    return phrases
