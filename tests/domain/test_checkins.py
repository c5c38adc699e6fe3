import datetime

from heartwork.domain.checkins import (
    CheckInFacts,
    acknowledgement_phrases,
    granularity_last_days,
    i_statement,
    month_grid,
    weekly_core_counts,
)
from heartwork.domain.feelings import feelings_wheel

WHEEL = feelings_wheel()
TODAY = datetime.date(2026, 11, 21)  # a Saturday


def test_i_statement_joins_the_parts_it_has():
    assert i_statement("hurt", "plans change last minute", "I was looking forward to it.") == (
        "I feel hurt when plans change last minute because I was looking forward to it."
    )
    assert i_statement("calm", "", "") == "I feel calm."
    assert i_statement("", "x", "y") == ""


def test_granularity_counts_the_last_30_days_only():
    facts = [
        CheckInFacts(TODAY, ("worried", "sad"), 3),
        CheckInFacts(TODAY - datetime.timedelta(days=29), ("lonely",), 3),
        CheckInFacts(TODAY - datetime.timedelta(days=30), ("bitter",), 3),
    ]
    assert granularity_last_days(facts, WHEEL, TODAY) == 2


def test_weekly_counts_group_by_core_and_monday():
    facts = [
        CheckInFacts(TODAY, ("worried", "lonely"), 3),
        CheckInFacts(TODAY - datetime.timedelta(days=7), ("cozy",), 2),
    ]
    bars = weekly_core_counts(facts, WHEEL, TODAY, weeks=3)
    assert [b.week_start.weekday() for b in bars] == [0, 0, 0]
    assert dict(bars[-1].by_core)["scared"] == 1 and dict(bars[-1].by_core)["sad"] == 1
    assert dict(bars[-2].by_core)["peaceful"] == 1 and bars[0].total == 0


def test_month_grid_pads_and_counts():
    grid = month_grid(
        2026, 11, [CheckInFacts(TODAY, ("sad",), 1), CheckInFacts(TODAY, ("sad",), 1)]
    )
    days = [cell for week in grid for cell in week if cell.day]
    assert len(days) == 30 and all(len(week) == 7 for week in grid)
    assert next(c for c in days if c.day == TODAY).count == 2


def test_acknowledgement_phrases_are_short_and_many():
    phrases = acknowledgement_phrases()
    assert len(phrases) >= 5 and all(len(text) <= 40 for text in phrases.values())
