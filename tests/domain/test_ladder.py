from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.ladder import (
    ROUNDS_TO_GO_DEEPER,
    SKIPS_TO_STEP_BACK,
    Round,
    next_depth,
)

rounds = st.builds(
    Round,
    both_answered=st.booleans(),
    comfort=st.lists(st.integers(1, 5), max_size=2).map(tuple),
    skipped=st.booleans(),
)
depths = st.integers(1, 3)
histories = st.lists(rounds, max_size=20)
new_ratings = st.none() | st.integers(1, 5)

COMFY = Round(both_answered=True, comfort=(5, 4))


@given(depths, histories, new_ratings)
def test_never_jumps_more_than_one_level_and_stays_in_range(depth, history, new_rating):
    step = next_depth(depth, history, new_rating=new_rating)
    assert abs(step.depth - depth) <= 1
    assert 1 <= step.depth <= 3


@given(depths, histories, new_ratings)
def test_never_goes_deeper_without_both_members_answers(depth, history, new_rating):
    step = next_depth(depth, history, new_rating=new_rating)
    if step.depth > depth:
        both = [r for r in history if r.both_answered and not r.skipped and len(r.comfort) >= 2]
        assert len(both) >= ROUNDS_TO_GO_DEEPER


@given(depths, histories, st.integers(1, 2), st.integers(1, 5))
def test_always_steps_back_after_discomfort(depth, history, low, other):
    step = next_depth(depth, [*history, Round(both_answered=True, comfort=(low, other))])
    assert step.depth == max(1, depth - 1)
    assert step.reason == "discomfort"


@given(depths, histories, st.integers(1, 2))
def test_a_newly_uneasy_rating_on_any_prompt_steps_back_whatever_came_before(depth, history, low):
    # The rated prompt may sit at another depth (chosen from the deck, a lighter one, an
    # older day): the rating alone is enough.
    step = next_depth(depth, history, new_rating=low)
    assert (step.depth, step.reason) == (max(1, depth - 1), "discomfort")


@given(depths, histories)
def test_a_run_of_skips_steps_back(depth, history):
    skips = [Round(both_answered=False, skipped=True)] * SKIPS_TO_STEP_BACK
    assert next_depth(depth, [*history, *skips]).depth == max(1, depth - 1)


@given(st.lists(rounds, max_size=20))
def test_solo_bonds_never_go_deeper(history):
    solo = [Round(both_answered=False, comfort=r.comfort[:1], skipped=r.skipped) for r in history]
    assert next_depth(1, solo).depth <= 1


def test_enough_comfortable_shared_rounds_go_one_deeper():
    assert next_depth(1, [COMFY] * (ROUNDS_TO_GO_DEEPER - 1)).reason == "stay"
    step = next_depth(1, [COMFY] * ROUNDS_TO_GO_DEEPER)
    assert (step.depth, step.reason) == (2, "deeper")
    assert next_depth(3, [COMFY] * 10).depth == 3


def test_lukewarm_comfort_stays():
    lukewarm = Round(both_answered=True, comfort=(3, 4))
    assert next_depth(1, [lukewarm] * 10).reason == "stay"


def test_any_discomfort_at_this_depth_holds_the_bond_back():
    history = [Round(both_answered=True, comfort=(2, 5)), *[COMFY] * 6]
    assert next_depth(2, history).depth == 2


def test_unrated_rounds_do_not_count():
    unrated = Round(both_answered=True, comfort=(5,))
    assert next_depth(1, [unrated] * 10).depth == 1
