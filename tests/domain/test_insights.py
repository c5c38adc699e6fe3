"""The insights rules, alone and fast (heartwork.domain.insights)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain import insights as rules

TODAY = datetime.date(2026, 3, 11)  # a Wednesday
counts = st.integers(min_value=0, max_value=200)


# --- Weeks and directions ---------------------------------------------------------------


def test_count_by_week_puts_days_in_their_monday_week():
    weeks = rules.count_by_week(
        [TODAY, datetime.date(2026, 3, 9), datetime.date(2026, 3, 8), datetime.date(2025, 1, 1)],
        today=TODAY,
        weeks=2,
    )
    assert weeks == ((datetime.date(2026, 3, 2), 1), (datetime.date(2026, 3, 9), 2))


def test_no_direction_from_fewer_than_three_active_weeks():
    assert rules.direction([0] * 10 + [5, 9]) is None
    assert rules.direction([1, 0, 0, 0, 0, 0, 4, 4]) is not None


def test_direction_reads_more_fewer_and_steady():
    assert rules.direction([1, 1, 1, 5, 5, 5]).direction == "more"
    assert rules.direction([5, 5, 5, 1, 1, 1]).direction == "fewer"
    assert rules.direction([4, 5, 4, 5, 4, 4]).direction == "steady"


@given(st.lists(counts, min_size=0, max_size=30))
def test_a_direction_needs_enough_weeks(values):
    if rules.active_weeks(values) < rules.MIN_POINTS:
        assert rules.direction(values) is None


def test_points_direction_needs_three_scores():
    assert rules.points_direction([40, None, 80]) is None
    assert rules.points_direction([40, 50, 80]).direction == "more"
    assert rules.points_direction([60, 55, 58]).direction == "steady"


def test_phones_away_share():
    weeks = [rules.TimeWeek(TODAY, 60, 30), rules.TimeWeek(TODAY, 0, 0)]
    assert weeks[0].phones_away_share == 50 and weeks[1].phones_away_share is None
    assert rules.phones_away_share(weeks) == 50
    assert rules.phones_away_share([]) is None


def test_charts_use_the_shared_layout():
    chart = rules.time_chart([rules.TimeWeek(TODAY, 90, 60)])
    assert {b.series for b in chart.bars} == {"away", "nearby"}
    assert not chart.empty


# --- Reciprocity ------------------------------------------------------------------------


@given(counts, counts, st.integers(min_value=0, max_value=3000))
def test_balance_is_symmetric(mine, theirs, days):
    """What one member sees mirrors what the other sees."""
    a = rules.balance("notes", mine, theirs, history_days=days)
    b = rules.balance("notes", theirs, mine, history_days=days)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a.mirrored() == b
        assert a.my_share + b.my_share in (99, 100, 101)  # rounding only
        assert {a.lean, b.lean} in ({"shared"}, {"me", "them"})


@given(counts, counts, st.integers(min_value=0, max_value=rules.MIN_HISTORY_DAYS - 1))
def test_no_balance_without_enough_history(mine, theirs, days):
    assert rules.balance("time", mine, theirs, history_days=days) is None


@given(st.integers(0, rules.MIN_STARTS - 1), st.integers(0, rules.MIN_STARTS - 1))
def test_no_balance_from_a_handful(mine, theirs):
    if mine + theirs < rules.MIN_STARTS:
        assert rules.balance("prompts", mine, theirs, history_days=365) is None


def test_lean_words_invite_and_name_no_blame():
    even = rules.balance("notes", 5, 5, history_days=90)
    assert even is not None and even.lean == "shared" and rules.lean_words(even, "Bob") == ""
    mine = rules.balance("notes", 9, 1, history_days=90)
    them = rules.balance("notes", 1, 9, history_days=90)
    assert mine is not None and them is not None
    for words in (rules.lean_words(mine, "Bob"), rules.lean_words(them, "Bob")):
        assert words and not any(w in words.lower() for w in ("never", "always", "fault", "score"))
    assert "Bob" in rules.lean_words(them, "Bob")


def test_negative_counts_are_a_bug():
    with pytest.raises(ValueError):
        rules.balance("notes", -1, 3, history_days=90)


def test_starts_in_window():
    starts = [("a", TODAY), ("b", TODAY), ("a", TODAY - datetime.timedelta(days=40))]
    assert rules.starts_in_window(starts, viewer="a", today=TODAY, days=30) == (1, 1)
    assert rules.starts_in_window(starts, viewer="a", today=TODAY, days=90) == (2, 1)


# --- Drift ------------------------------------------------------------------------------

WEEKS = rules.BASELINE_WEEKS + rules.RECENT_WEEKS


@given(st.lists(counts, max_size=WEEKS - 1))
def test_drift_never_fires_for_a_new_bond(weekly):
    assert rules.drift(weekly) is None


def test_drift_fires_when_every_recent_week_is_well_below_usual():
    found = rules.drift([10] * rules.BASELINE_WEEKS + [2, 1, 3])
    assert found is not None and found.usual == 10 and found.recent == (2, 1, 3)


def test_one_or_two_quiet_weeks_are_a_holiday_not_a_drift():
    assert rules.drift([10] * rules.BASELINE_WEEKS + [0, 0, 9]) is None
    assert rules.drift([10] * rules.BASELINE_WEEKS + [10, 0, 0]) is None


def test_a_usually_quiet_bond_does_not_drift():
    assert rules.drift([2] * rules.BASELINE_WEEKS + [0, 0, 0]) is None


@given(st.lists(counts, min_size=WEEKS, max_size=40))
def test_drift_never_fires_when_the_recent_weeks_are_at_the_usual(weekly):
    usual = sorted(weekly[-WEEKS : -rules.RECENT_WEEKS])
    steady = weekly[: -rules.RECENT_WEEKS] + [max(usual)] * rules.RECENT_WEEKS
    assert rules.drift(steady) is None


# --- Keep your circle warm --------------------------------------------------------------


def circle(bond_id="b", *, last=None, since=TODAY - datetime.timedelta(days=400), **kw):
    defaults = dict(bond_name="Sam", other_name="Sam", kind="friend", cadence=21)
    defaults.update(kw)
    return rules.Circle(bond_id=bond_id, together_since=since, last_contact=last, **defaults)


def test_a_quiet_bond_gets_one_idea():
    idea = rules.circle_idea([circle(last=TODAY - datetime.timedelta(days=30))], today=TODAY)
    assert idea is not None and idea.quiet_days == 30 and "Sam" in idea.idea


def test_at_most_one_idea_the_quietest():
    circles = [
        circle("a", last=TODAY - datetime.timedelta(days=25)),
        circle("b", last=TODAY - datetime.timedelta(days=60)),
    ]
    idea = rules.circle_idea(circles, today=TODAY)
    assert idea is not None and idea.bond_id == "b"


def test_no_idea_when_off_resting_recent_or_new():
    quiet = TODAY - datetime.timedelta(days=90)
    assert rules.circle_idea([circle(last=quiet, cadence=0)], today=TODAY) is None
    resting = circle(last=quiet, resting_until=TODAY + datetime.timedelta(days=1))
    assert rules.circle_idea([resting], today=TODAY) is None
    assert rules.circle_idea([circle(last=TODAY)], today=TODAY) is None
    new = circle(since=TODAY - datetime.timedelta(days=5))
    assert rules.circle_idea([new], today=TODAY) is None


def test_partners_are_off_by_default():
    assert rules.default_cadence("partner") == 0
    assert rules.default_cadence("friend") > 0


@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 400), st.sampled_from(rules.CADENCES)),
        max_size=8,
    )
)
def test_an_idea_is_always_about_a_bond_past_its_cadence(specs):
    circles = [
        circle(
            str(n),
            since=TODAY - datetime.timedelta(days=age),
            last=TODAY - datetime.timedelta(days=min(quiet, age)),
            cadence=cadence,
        )
        for n, (age, quiet, cadence) in enumerate(specs)
    ]
    idea = rules.circle_idea(circles, today=TODAY)
    if idea is not None:
        chosen = next(c for c in circles if c.bond_id == idea.bond_id)
        assert chosen.cadence > 0 and idea.quiet_days >= chosen.cadence
