"""The ideas list and the plain rules of time together, without a database."""

import copy
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.together import (
    FORGOTTEN_SESSION_MINUTES,
    MIN_IDEAS,
    SESSION_STALE_AFTER,
    ActivityKind,
    Cost,
    build_ideas,
    clock_label,
    day_label,
    duration_label,
    forgotten_session_minutes,
    idea_kind_for,
    idea_library,
    is_evening,
    is_planned,
    is_stale,
    minutes_problem,
    session_minutes,
    text_problem,
    when_label,
    when_problem,
)

NOW = datetime.datetime(2026, 5, 14, 18, 0, tzinfo=datetime.UTC)


def raw_ideas() -> dict:
    return copy.deepcopy(read_content_json("together_ideas.json"))


# --- The ideas list ----------------------------------------------------------------------


def test_the_shipped_list_loads_and_is_big_enough():
    library = idea_library()
    assert len(library) >= MIN_IDEAS >= 60
    assert len({idea.id for idea in library.ideas}) == len(library)


def test_every_kind_of_time_is_covered():
    library = idea_library()
    for kind in ActivityKind:
        assert library.filter(kind=kind), kind


def test_low_cost_and_at_home_ideas_are_there_for_every_bond_kind():
    library = idea_library()
    assert len(library.filter(max_cost=Cost.FREE)) >= 20
    assert library.filter(max_cost=Cost.LOW, at_home=False)
    for kind in BondKind:
        assert library.filter(bond_kind=kind, max_cost=Cost.FREE, at_home=True), kind


def test_other_bonds_use_the_friend_ideas():
    library = idea_library()
    assert idea_kind_for(BondKind.OTHER) is BondKind.FRIEND
    assert library.filter(bond_kind=BondKind.OTHER) == library.filter(bond_kind=BondKind.FRIEND)
    assert idea_kind_for(BondKind.PARTNER) is BondKind.PARTNER


def test_filters_combine():
    library = idea_library()
    found = library.filter(
        kind=ActivityKind.WALK, max_cost=Cost.LOW, at_home=False, bond_kind=BondKind.FAMILY
    )
    assert found
    for idea in found:
        assert idea.kind is ActivityKind.WALK and idea.cost in (Cost.FREE, Cost.LOW)
        assert not idea.at_home and BondKind.FAMILY in idea.kinds
    assert all(i.cost is Cost.FREE for i in library.filter(max_cost=Cost.FREE))
    assert len(library.filter()) == len(library)


def test_colleague_ideas_exclude_the_ones_not_meant_for_them():
    library = idea_library()
    colleague = library.filter(bond_kind=BondKind.COLLEAGUE)
    assert 0 < len(colleague) < len(library)
    assert all(BondKind.COLLEAGUE in idea.kinds for idea in colleague)


def test_get_finds_by_id():
    library = idea_library()
    first = library.ideas[0]
    assert library.get(first.id) is first
    assert library.get("no-such-idea") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda idea: idea.pop("title"), "missing field"),
        (lambda idea: idea.update(kind="picnic"), "kind"),
        (lambda idea: idea.update(cost="cheap"), "cost"),
        (lambda idea: idea.update(at_home="yes"), "at_home"),
        (lambda idea: idea.update(kinds=[]), "kinds"),
        (lambda idea: idea.update(kinds=["other"]), "kinds"),
        (lambda idea: idea.update(kinds=["stranger"]), "kinds"),
        (lambda idea: idea.update(minutes=0), "minutes"),
        (lambda idea: idea.update(minutes=1441), "minutes"),
        (lambda idea: idea.update(minutes="30"), "minutes"),
        (lambda idea: idea.update(minutes=True), "minutes"),
        (lambda idea: idea.update(title=" "), "title"),
        (lambda idea: idea.update(title="x" * 61), "title"),
        (lambda idea: idea.update(description=""), "description"),
        (lambda idea: idea.update(description="x" * 241), "description"),
        (lambda idea: idea.update(id="Not An Id"), "id"),
    ],
)
def test_a_broken_idea_is_refused_with_where_it_is(change, message):
    data = raw_ideas()
    change(data["ideas"][3])
    with pytest.raises(ContentError, match=message) as error:
        build_ideas(data)
    assert "ideas[3]" in str(error.value)


def test_duplicates_and_gaps_are_refused():
    data = raw_ideas()
    data["ideas"][5]["id"] = data["ideas"][4]["id"]
    with pytest.raises(ContentError, match="duplicate id"):
        build_ideas(data)
    data = raw_ideas()
    data["ideas"][5]["title"] = data["ideas"][4]["title"].upper()
    with pytest.raises(ContentError, match="duplicate title"):
        build_ideas(data)
    data = raw_ideas()
    data["ideas"] = [i for i in data["ideas"] if i["kind"] != "laughter"]
    with pytest.raises(ContentError, match="laughter"):
        build_ideas(data)
    data = raw_ideas()
    data["ideas"] = data["ideas"][: MIN_IDEAS - 1]
    with pytest.raises(ContentError, match="at least"):
        build_ideas(data)


def test_the_file_needs_its_version_and_a_list():
    for data in ({}, {"version": 2, "ideas": []}, {"version": 1, "ideas": {}}, []):
        with pytest.raises(ContentError):
            build_ideas(data)
    with pytest.raises(ContentError, match="object"):
        build_ideas({"version": 1, "ideas": ["not an idea"]})


def test_every_bond_kind_needs_free_ideas_at_home():
    data = raw_ideas()
    data["ideas"] = [
        i
        for i in data["ideas"]
        if not ("colleague" in i["kinds"] and i["cost"] == "free" and i["at_home"])
    ]
    with pytest.raises(ContentError, match="colleague"):
        build_ideas(data)


# --- Rules for logging -------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [1, 30, 1440])
def test_sensible_lengths_pass(minutes):
    assert minutes_problem(minutes) is None


@pytest.mark.parametrize("minutes", [0, -5, 1441, 10_000, "30", None, True, 2.5])
def test_lengths_out_of_range_are_refused(minutes):
    assert "1 minute to 1440" in minutes_problem(minutes)


def test_dates_more_than_a_year_away_are_refused():
    assert when_problem(NOW + datetime.timedelta(days=30), NOW) is None
    assert when_problem(NOW - datetime.timedelta(days=300), NOW) is None
    assert "more than a year away" in when_problem(NOW + datetime.timedelta(days=400), NOW)
    assert "more than a year ago" in when_problem(NOW - datetime.timedelta(days=400), NOW)


def test_a_moment_ahead_is_a_plan():
    assert is_planned(NOW + datetime.timedelta(minutes=1), NOW)
    assert not is_planned(NOW, NOW)
    assert not is_planned(NOW - datetime.timedelta(days=1), NOW)


def test_text_problems():
    assert text_problem("fine", limit=10, what="your high") is None
    assert "Write a few words for your high" in text_problem("  ", limit=10, what="your high")
    assert "10 characters" in text_problem("x" * 11, limit=10, what="your low")


# --- No-phone sessions -------------------------------------------------------------------


def test_session_minutes_round_to_the_nearest_minute_and_never_go_below_one():
    start = NOW
    assert session_minutes(start, start + datetime.timedelta(seconds=10)) == 1
    assert session_minutes(start, start + datetime.timedelta(minutes=42, seconds=20)) == 42
    assert session_minutes(start, start + datetime.timedelta(minutes=42, seconds=40)) == 43
    assert (
        session_minutes(start, start - datetime.timedelta(minutes=5)) == 1
    )  # a clock that went back


def test_sessions_are_capped_and_forgotten_ones_get_a_modest_length():
    start = NOW
    assert session_minutes(start, start + datetime.timedelta(hours=30)) == 12 * 60
    assert (
        forgotten_session_minutes(start, start + datetime.timedelta(hours=30))
        == FORGOTTEN_SESSION_MINUTES
    )
    assert forgotten_session_minutes(start, start + datetime.timedelta(minutes=50)) == 50


def test_a_session_goes_stale_after_twelve_hours():
    assert not is_stale(NOW, NOW + SESSION_STALE_AFTER)
    assert is_stale(NOW, NOW + SESSION_STALE_AFTER + datetime.timedelta(seconds=1))


@given(st.integers(min_value=-(10**6), max_value=10**7))
def test_session_minutes_always_fit_a_log(seconds):
    minutes = session_minutes(NOW, NOW + datetime.timedelta(seconds=seconds))
    assert minutes_problem(minutes) is None
    assert (
        1
        <= forgotten_session_minutes(NOW, NOW + datetime.timedelta(seconds=seconds))
        <= FORGOTTEN_SESSION_MINUTES
    )


# --- Words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "label"), [(5, "5 min"), (60, "1 hr"), (95, "1 hr 35 min"), (1440, "24 hr")]
)
def test_duration_label(minutes, label):
    assert duration_label(minutes) == label


@pytest.mark.parametrize(
    ("seconds", "label"), [(0, "0:00"), (65, "1:05"), (3725, "1:02:05"), (-3, "0:00")]
)
def test_clock_label(seconds, label):
    assert clock_label(seconds) == label


def test_day_and_when_labels():
    today = datetime.date(2026, 5, 14)  # a Thursday
    assert day_label(today, today) == "Today"
    assert day_label(today + datetime.timedelta(days=1), today) == "Tomorrow"
    assert day_label(today - datetime.timedelta(days=1), today) == "Yesterday"
    assert day_label(today + datetime.timedelta(days=3), today) == "Sunday"
    assert day_label(datetime.date(2026, 6, 20), today) == "Sat 20 June"
    assert day_label(datetime.date(2027, 6, 20), today) == "Sun 20 June 2027"
    local_now = datetime.datetime(2026, 5, 14, 9, 0)
    assert when_label(datetime.datetime(2026, 5, 14, 19, 30), local_now) == "Today at 19:30"


def test_every_kind_has_a_label_and_a_phrase():
    for kind in ActivityKind:
        assert kind.label and kind.phrase and kind.phrase != kind.label
    assert {c.label for c in Cost} == {"Free", "Costs a little", "Worth saving for"}


def test_evening_begins_at_five():
    assert not is_evening(datetime.datetime(2026, 5, 14, 16, 59))
    assert is_evening(datetime.datetime(2026, 5, 14, 17, 0))
