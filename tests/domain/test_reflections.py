"""The short reflections: their content, scores and bands, without a database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.reflections import reflections, score_reflection

ALL = reflections()


def test_the_four_reflections_of_the_seeds_are_there():
    assert set(ALL) == {"close", "distance", "moment", "hurt"}
    assert all(r.bands[0].lowest == 0 for r in ALL.values())


@given(st.sampled_from(sorted(ALL)), st.data())
def test_scores_stay_in_range_and_skips_never_invent_one(kind, data):
    reflection = ALL[kind]
    answers = {
        q.id: data.draw(st.one_of(st.none(), st.integers(1, 5))) for q in reflection.questions
    }
    result = score_reflection(reflection, answers)
    answered = sum(v is not None for v in answers.values())
    assert (result.score is None) == (answered < reflection.needed)
    if result.score is not None:
        assert 0 <= result.score <= 100
        assert reflection.band_for(result.score).lowest <= result.score


@given(st.sampled_from(sorted(ALL)))
def test_best_answers_give_100_and_the_top_band(kind):
    reflection = ALL[kind]
    best = {q.id: 1 if q.reverse else 5 for q in reflection.questions}
    result = score_reflection(reflection, best)
    assert result.score == 100 and not result.afraid
    assert reflection.band_for(100) is reflection.bands[-1]


def test_fear_is_noticed_only_when_said_strongly():
    hurt = ALL["hurt"]
    base = {"stress": 3, "broken": 3, "invested": 3, "changing": 3}
    assert score_reflection(hurt, {**base, "afraid": 4}).afraid
    assert not score_reflection(hurt, {**base, "afraid": 2}).afraid


def test_odd_values_are_ignored():
    result = score_reflection(ALL["moment"], {"safe": 9, "free": "5", "invested": True})
    assert result.score is None and result.answered == 0
