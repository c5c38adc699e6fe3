"""Changing today's prompt: what may be asked for, at what depth, and who must agree."""

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.prompt_changes import (
    MAX_ROUNDS_PER_DAY,
    ChangeKind,
    agreed_depth,
    lighter_depth,
    needs_agreement,
    offers,
    pick_allowed,
    what_was_asked,
)
from heartwork.domain.prompts import MAX_DEPTH, MIN_DEPTH

depths = st.integers(MIN_DEPTH, MAX_DEPTH)


def test_a_change_needs_the_others_yes_whenever_there_is_another():
    assert not needs_agreement(1)
    assert needs_agreement(2)


@given(depths, depths)
def test_something_lighter_is_always_lighter_and_never_offered_at_the_lightest(
    round_depth, ladder_depth
):
    lighter = lighter_depth(round_depth=round_depth, ladder_depth=ladder_depth)
    offered = offers(round_depth=round_depth, ladder_depth=ladder_depth, rounds_today=1)
    if round_depth == MIN_DEPTH:
        assert lighter is None and not offered.lighter
    else:
        assert lighter is not None and MIN_DEPTH <= lighter < round_depth and offered.lighter


@given(depths, depths, st.integers(1, 4))
def test_a_deeper_pick_needs_someone_to_agree(prompt_depth, ladder_depth, members):
    allowed = pick_allowed(prompt_depth=prompt_depth, ladder_depth=ladder_depth, members=members)
    if prompt_depth <= ladder_depth:
        assert allowed  # within the ladder: anyone may ask
    else:
        assert allowed is needs_agreement(members)  # a bond of one cannot skip the ladder


@given(st.sampled_from([ChangeKind.ANOTHER, ChangeKind.LIGHTER]), depths, depths)
def test_a_yes_never_brings_something_deeper_than_was_shown(kind, asked, now):
    assert agreed_depth(kind, asked=asked, now=now) <= asked


def test_a_pick_from_the_deck_is_the_prompt_that_was_shown():
    assert agreed_depth(ChangeKind.CHOSEN, asked=3, now=1) == 3


def test_nothing_is_offered_once_the_day_is_full():
    full = offers(round_depth=2, ladder_depth=2, rounds_today=MAX_ROUNDS_PER_DAY)
    assert not full.anything
    assert offers(round_depth=2, ladder_depth=2, rounds_today=MAX_ROUNDS_PER_DAY - 1).anything


def test_every_kind_says_what_was_asked():
    assert {what_was_asked(kind) for kind in ChangeKind} == {
        "another one",
        "something lighter",
        "one from the deck",
    }
