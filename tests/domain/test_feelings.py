import copy

import pytest

from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.feelings import Tone, feelings_wheel, granularity, parse_wheel

WHEEL = feelings_wheel()
RAW = read_content_json("feelings_wheel.json")


def test_wheel_shape():
    assert 6 <= len(WHEEL.cores) <= 8
    assert len(WHEEL.feelings) >= 120
    tones = {WHEEL.get(core).tone for core in WHEEL.cores}
    assert tones == {Tone.PLEASANT, Tone.UNPLEASANT}


def test_every_word_is_defined_and_reachable_from_a_core():
    for feeling in WHEEL.feelings.values():
        assert feeling.definition and len(feeling.definition) <= 90
        path = WHEEL.path(feeling.word)
        assert path[0].word in WHEEL.cores and path[-1] == feeling and len(path) == feeling.ring
        assert (
            feeling.word in {child.word for child in WHEEL.children(feeling.parent)}
            or feeling.ring == 1
        )


def test_closest_leads_an_everyday_word_to_the_wheel():
    assert [f.word for f in WHEEL.closest("stressing")] == ["stressed"]
    assert [f.word for f in WHEEL.closest("Confusion ")] == ["confused"]
    assert [f.word for f in WHEEL.closest("worry")] == ["worried"]
    assert WHEEL.closest("mad") == []  # a definition's "made" is not a match
    assert WHEEL.closest("") == []
    assert len(WHEEL.closest("happy")) <= 3


def test_search_finds_words_by_start_then_substring():
    assert WHEEL.search("lonel")[0].word == "lonely"
    assert WHEEL.search("") == []
    assert all(f.word for f in WHEEL.search("a", limit=5))


def test_granularity_counts_distinct_specific_words_only():
    assert granularity(["sad", "lonely", "lonely", "worried", "not-a-feeling"], WHEEL) == 2
    assert granularity([], WHEEL) == 0


def _mutated(change):
    data = copy.deepcopy(RAW)
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda d: d["cores"][1]["children"][0].update(word=d["cores"][0]["word"]),
            "more than once",
        ),
        (lambda d: d["cores"][0]["children"][0].update(definition=""), "no definition"),
        (lambda d: d["cores"][0].update(tone="meh"), "needs a tone"),
        (lambda d: d["cores"][0]["children"][0].update(children=[]), "must open into"),
        (
            lambda d: d["cores"][0]["children"][0]["children"][0].update(
                children=[{"word": "x", "definition": "y"}]
            ),
            "fourth",
        ),
        (lambda d: d.update(cores=d["cores"][:3]), "6 to 8"),
        (lambda d: d["cores"][0].update(word="Joyful"), "lowercase"),
    ],
)
def test_broken_wheels_are_refused(change, problem):
    with pytest.raises(ContentError, match=problem):
        parse_wheel(_mutated(change))
