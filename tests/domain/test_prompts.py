from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError
from heartwork.domain.prompts import (
    IntimacyType,
    PastPrompt,
    build_library,
    content_words,
    count_sentences,
    coverage,
    jaccard,
    pick_prompt,
    prompt_library,
    word_pairs,
)

LIBRARY = prompt_library()
MIN_PER_CELL = 20
# The (type, depth) cells that make sense for each kind of bond.
CELLS = {
    BondKind.PARTNER: list(IntimacyType),
    BondKind.FRIEND: [t for t in IntimacyType if t is not IntimacyType.SEXUAL],
    BondKind.FAMILY: [t for t in IntimacyType if t is not IntimacyType.SEXUAL],
    BondKind.COLLEAGUE: [IntimacyType.EMOTIONAL, IntimacyType.INTELLECTUAL, IntimacyType.SPIRITUAL, IntimacyType.EXPERIENTIAL],
}


def test_library_size():
    assert len(LIBRARY.prompts) >= 450


@pytest.mark.parametrize("kind", list(CELLS))
def test_coverage_of_every_cell_that_makes_sense(kind):
    table = coverage(LIBRARY)
    thin = {
        (t.value, depth): table.get((kind, t, depth), 0)
        for t in CELLS[kind]
        for depth in (1, 2, 3)
        if table.get((kind, t, depth), 0) < MIN_PER_CELL
    }
    assert thin == {}


def test_sexual_prompts_only_for_partners_and_physical_never_for_colleagues():
    for prompt in LIBRARY.prompts:
        if prompt.type is IntimacyType.SEXUAL:
            assert prompt.kinds == {BondKind.PARTNER}, prompt.id
        if prompt.type is IntimacyType.PHYSICAL:
            assert BondKind.COLLEAGUE not in prompt.kinds, prompt.id


def test_no_prompt_is_longer_than_two_sentences():
    assert [p.id for p in LIBRARY.prompts if count_sentences(p.text) > 2] == []


def test_every_theme_is_used_and_some_prompts_teach_follow_ups():
    assert len({p.theme for p in LIBRARY.prompts}) >= 15
    assert sum(1 for p in LIBRARY.prompts if p.follow_ups) >= len(LIBRARY.prompts) // 5


def test_no_near_duplicates():
    """Pairs that share most of their content words, or most of their word pairs (so
    they read almost the same), are not allowed."""
    bags = {p.id: content_words(p.text) for p in LIBRARY.prompts}
    pairs = {p.id: word_pairs(p.text) for p in LIBRARY.prompts}
    too_close = [
        (a.id, b.id)
        for index, b in enumerate(LIBRARY.prompts)
        for a in LIBRARY.prompts[:index]
        if jaccard(bags[a.id], bags[b.id]) >= 0.6 or jaccard(pairs[a.id], pairs[b.id]) >= 0.5
    ]
    assert too_close == []


def test_similarity_measures_catch_reworded_copies():
    a = content_words("What is a small thing that always makes you smile?")
    b = content_words("What small thing always makes you smile these days?")
    assert jaccard(a, b) >= 0.6
    c = word_pairs("When did you last feel truly proud of yourself, and why?")
    d = word_pairs("When did you last feel truly proud of yourself?")
    assert jaccard(c, d) >= 0.5


RAW = {"id": "emotional-1-001", "text": "What made you laugh today?", "type": "emotional", "depth": 1, "kinds": ["friend"], "theme": "humour"}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"text": "One. Two. Three?"}, "two sentences"),
        ({"depth": 4}, "depth"),
        ({"theme": "cats"}, "theme"),
        ({"type": "telepathic"}, "telepathic"),
        ({"kinds": ["friend", "enemy"]}, "enemy"),
        ({"type": "physical-sexual", "id": "physical-sexual-1-001", "kinds": ["partner", "friend"]}, "partners only"),
        ({"type": "physical-nonsexual", "id": "physical-nonsexual-1-001", "kinds": ["colleague"]}, "not for colleagues"),
        ({"id": "Bad Id"}, "shaped"),
    ],
)
def test_schema_violations_are_refused(change, problem):
    with pytest.raises(ContentError, match=problem):
        build_library([("test", {**RAW, **change})])


def test_an_unknown_field_is_refused_rather_than_dropped():
    with pytest.raises(ContentError, match="unknown field.*follow_up"):
        build_library([("a", {**RAW, "follow_up": ["Why?"]})])


def test_duplicate_ids_and_texts_are_refused():
    with pytest.raises(ContentError, match="duplicate id"):
        build_library([("a", RAW), ("b", {**RAW, "text": "Another?"})])
    with pytest.raises(ContentError, match="duplicate text"):
        build_library([("a", RAW), ("b", {**RAW, "id": "emotional-1-002", "text": "what made you LAUGH today"})])


# --- choosing -------------------------------------------------------------------------

def run_days(kind, depth, days, sexual_allowed=False):
    history = []
    for day in range(days):
        prompt = pick_prompt(LIBRARY, kind=kind, depth=depth, history=history, sexual_allowed=sexual_allowed, seed=f"bond|{day}")
        history.append(PastPrompt(prompt.id, prompt.type))
    return history


def test_history_from_ids_keeps_order_and_repeats_and_drops_retired_prompts():
    first, second = LIBRARY.prompts[0], LIBRARY.prompts[1]
    history = LIBRARY.history([first.id, "retired-prompt-id", second.id, first.id])
    assert history == [PastPrompt(first.id, first.type), PastPrompt(second.id, second.type), PastPrompt(first.id, first.type)]
    assert LIBRARY.history([]) == []


@pytest.mark.parametrize("kind", list(BondKind))
def test_no_repeat_until_the_pool_is_exhausted(kind):
    pool = [p for p in LIBRARY.eligible(kind=kind, sexual_allowed=False) if p.depth == 2]
    history = run_days(kind, 2, len(pool) + 5)
    first_round = [h.prompt_id for h in history[: len(pool)]]
    assert len(set(first_round)) == len(pool)
    assert {h.prompt_id for h in history[len(pool):]} <= set(first_round)


@pytest.mark.parametrize("kind", [BondKind.PARTNER, BondKind.COLLEAGUE])
def test_rotation_across_types(kind):
    history = run_days(kind, 1, 24)
    types = [h.type for h in history]
    per_type = Counter(types)
    assert max(per_type.values()) - min(per_type.values()) <= 1  # no type neglected
    assert all(a != b for a, b in zip(types, types[1:]))  # never the same type twice in a row


def test_sexual_prompts_only_when_allowed():
    without = run_days(BondKind.PARTNER, 1, 40)
    assert IntimacyType.SEXUAL not in {h.type for h in without}
    with_opt_in = run_days(BondKind.PARTNER, 1, 40, sexual_allowed=True)
    assert IntimacyType.SEXUAL in {h.type for h in with_opt_in}


@settings(max_examples=50, deadline=None)
@given(kind=st.sampled_from(list(BondKind)), depth=st.integers(1, 3), seed=st.text(max_size=10))
def test_pick_respects_kind_and_depth_and_is_deterministic(kind, depth, seed):
    a = pick_prompt(LIBRARY, kind=kind, depth=depth, history=[], sexual_allowed=False, seed=seed)
    b = pick_prompt(LIBRARY, kind=kind, depth=depth, history=[], sexual_allowed=False, seed=seed)
    assert a == b and a.depth == depth and a.suits(kind) and a.type is not IntimacyType.SEXUAL


def test_exclude_gives_a_different_prompt():
    first = pick_prompt(LIBRARY, kind=BondKind.FRIEND, depth=1, history=[], sexual_allowed=False, seed="s")
    second = pick_prompt(LIBRARY, kind=BondKind.FRIEND, depth=1, history=[], sexual_allowed=False, seed="s", exclude=[first.id])
    assert second.id != first.id
