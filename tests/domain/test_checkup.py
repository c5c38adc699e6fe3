"""The check-up's items and scoring, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.bonds import BondKind
from heartwork.domain.checkup import (
    CLOSENESS_STEPS,
    HIGHEST,
    LOWEST,
    MIN_ANSWERED,
    NOTABLE,
    SUGGESTIONS,
    TREND_MIN_POINTS,
    ContentError,
    Item,
    circles,
    compare,
    item_bank,
    load_item_bank,
    overlap_share,
    points_to_fear,
    score_checkup,
    trend,
)
from heartwork.domain.content_files import read_content_json

BANK = item_bank()
PARTNER_ALL = BANK.for_bond(BondKind.PARTNER, sexual_allowed=True)
answer = st.one_of(st.none(), st.integers(LOWEST, HIGHEST))
answers_for = st.fixed_dictionaries({i.id: st.tuples(answer, answer) for i in PARTNER_ALL})


def best(item: Item) -> int:
    return LOWEST if item.reverse else HIGHEST


def test_every_dimension_has_items_for_every_kind_it_is_asked_of():
    for kind in BondKind:
        items = BANK.for_bond(kind, sexual_allowed=True)
        by_dimension: dict[str, int] = {}
        for item in items:
            by_dimension[item.dimension] = by_dimension.get(item.dimension, 0) + 1
        assert all(count >= MIN_ANSWERED for count in by_dimension.values()), (kind, by_dimension)
        assert {"emotional", "safety", "communication", "experiential"} <= set(by_dimension)


def test_items_fit_the_bond_kind():
    for kind in (BondKind.FAMILY, BondKind.COLLEAGUE):
        dims = {i.dimension for i in BANK.for_bond(kind, sexual_allowed=True)}
        assert "physical" not in dims and "sexual" not in dims
    friend = {i.dimension for i in BANK.for_bond(BondKind.FRIEND, sexual_allowed=True)}
    assert "sexual" not in friend
    assert BANK.for_bond(BondKind.OTHER, sexual_allowed=True) == BANK.for_bond(
        BondKind.FRIEND, sexual_allowed=True
    )


def test_sexual_items_only_for_partners_who_both_opted_in():
    without = {i.dimension for i in BANK.for_bond(BondKind.PARTNER, sexual_allowed=False)}
    assert "sexual" not in without and "physical" in without
    assert "sexual" in {i.dimension for i in PARTNER_ALL}


def test_the_loader_refuses_items_that_break_the_kind_rules():
    raw = read_content_json("checkup.json")
    bad = dict(raw, items=[*raw["items"], dict(raw["items"][10], id="x", kinds=["friend"])])
    with pytest.raises(ContentError, match="partners only"):
        load_item_bank(bad)
    touch = dict(raw["items"][6], id="y", kinds=["family"])
    with pytest.raises(ContentError, match="family or colleagues"):
        load_item_bank(dict(raw, items=[*raw["items"], touch]))


def test_reverse_items_are_documented_in_the_data():
    reverse = [i.id for i in BANK.items if i.reverse]
    assert reverse and all(i.counted(1) == 5 and i.counted(5) == 1 for i in BANK.items if i.reverse)


def test_a_plain_example():
    items = [i for i in PARTNER_ALL if i.dimension == "emotional"]
    result = score_checkup(items, {"emo-1": (4, 5), "emo-2": (3, 5), "emo-3": (2, 1)})
    emotional = result.of("emotional")
    # now: 4, 3 and a reversed 2 (counts as 4) → mean 11/3 → 66.7 → 67; wished: all best → 100
    assert (emotional.now, emotional.wished, emotional.gap) == (67, 100, 33)


@given(answers_for)
def test_scores_stay_in_range(answers):
    for score in score_checkup(PARTNER_ALL, answers).scores:
        for value in (score.now, score.wished):
            assert value is None or 0 <= value <= 100


def test_all_best_gives_100_and_all_worst_gives_0():
    top = score_checkup(PARTNER_ALL, {i.id: (best(i), best(i)) for i in PARTNER_ALL})
    assert {s.now for s in top.scores} == {100} and {s.wished for s in top.scores} == {100}
    bottom = {i.id: (6 - best(i), 6 - best(i)) for i in PARTNER_ALL}
    assert {s.now for s in score_checkup(PARTNER_ALL, bottom).scores} == {0}


@given(answers_for, st.sampled_from(PARTNER_ALL), st.integers(LOWEST, HIGHEST - 1))
def test_agreeing_more_moves_the_dimension_the_right_way(answers, item, value):
    lower = dict(answers, **{item.id: (value, None)})
    higher = dict(answers, **{item.id: (value + 1, None)})
    before = score_checkup(PARTNER_ALL, lower).of(item.dimension).now
    after = score_checkup(PARTNER_ALL, higher).of(item.dimension).now
    if before is None or after is None:
        return
    # Agreeing more with a close item raises its dimension; with a distant one, lowers it.
    assert (after >= before) if not item.reverse else (after <= before)


@given(answers_for)
def test_skipping_never_invents_a_score(answers):
    result = score_checkup(PARTNER_ALL, answers)
    for score in result.scores:
        asked = [i for i in PARTNER_ALL if i.dimension == score.dimension]
        now = sum(1 for i in asked if answers[i.id][0] is not None)
        wished = sum(1 for i in asked if answers[i.id][1] is not None)
        assert (score.now is None) == (now < score.needed)
        assert (score.wished is None) == (wished < score.needed)
        assert score.answered_now == now


def test_nothing_answered_means_no_score_anywhere():
    assert all(s.now is None and s.wished is None for s in score_checkup(PARTNER_ALL, {}).scores)


@given(st.dictionaries(st.text(max_size=8), st.tuples(st.integers(), st.integers())))
def test_odd_answers_are_ignored(answers):
    result = score_checkup(PARTNER_ALL, answers)
    for score in result.scores:
        assert score.now is None or 0 <= score.now <= 100


def test_being_on_edge_points_to_help():
    assert points_to_fear(PARTNER_ALL, {"saf-3": (4, 1)})
    assert not points_to_fear(PARTNER_ALL, {"saf-3": (2, 1)})
    assert not points_to_fear(PARTNER_ALL, {"saf-3": (None, 5)})  # only how it is now


def test_compare_finds_where_views_differ_and_where_both_want_more():
    order = ["emotional", "safety", "experiential"]
    mine = {"emotional": (80, 90), "safety": (90, 90), "experiential": (40, 90)}
    theirs = {"emotional": (30, 80), "safety": (85, 90), "experiential": (50, 85)}
    result = compare(order, mine, theirs)
    assert result.differ_most.dimension == "emotional"
    assert result.want_most.dimension == "experiential"
    assert [r.dimension for r in result.rows] == order


def test_compare_says_nothing_when_views_are_close():
    same = {"emotional": (70, 70 + NOTABLE - 1)}
    result = compare(["emotional"], same, same)
    assert result.differ_most is None


def test_compare_skips_dimensions_only_one_was_asked():
    result = compare(
        ["sexual", "emotional"], {"sexual": (50, 50), "emotional": (1, 1)}, {"emotional": (1, 1)}
    )
    assert [r.dimension for r in result.rows] == ["emotional"]


def test_every_dimension_has_a_suggestion():
    assert {d.id for d in BANK.dimensions} == set(SUGGESTIONS)


def test_the_circles_move_closer_step_by_step():
    shares = [overlap_share(step) for step in range(1, CLOSENESS_STEPS + 1)]
    assert shares[0] == 0 and shares == sorted(shares) and shares[-1] > 0.8
    assert circles(1).right_x - circles(1).left_x > 2 * circles(1).radius
    with pytest.raises(ValueError):
        circles(0)


def test_no_trend_from_too_few_check_ups():
    assert trend([]) is None and trend([40, None, 80]) is None
    assert trend([40, 50, 80]).direction == "up"
    assert trend([80, 70, 60]).words == "down 20 points over your last 3 check-ups"
    assert trend([50, 60, 55]).direction == "steady"


@given(st.lists(st.one_of(st.none(), st.integers(0, 100)), max_size=12))
def test_a_trend_needs_enough_scored_points_and_agrees_with_its_change(values):
    found = trend(values)
    scored = [v for v in values if v is not None]
    assert (found is None) == (len(scored) < TREND_MIN_POINTS)
    if found is not None:
        assert found.change == scored[-1] - scored[0]
        assert (found.direction == "steady") == (abs(found.change) < NOTABLE)
