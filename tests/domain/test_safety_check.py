"""The private safety check: any sign of danger is concerning; silence is never 'no'."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.safety_check import QUESTIONS, Answer, SafeNow, score_safety_check

ALL_NO = {q.id: Answer.NO for q in QUESTIONS}


def test_all_clear_is_not_concerning():
    result = score_safety_check(ALL_NO, SafeNow.YES)
    assert not result.concerning and result.kinds == () and not result.held_back


def test_each_question_points_to_its_kind():
    for question in QUESTIONS:
        result = score_safety_check(ALL_NO | {question.id: Answer.ONCE_OR_TWICE}, SafeNow.YES)
        assert result.concerning and question.kind in result.kinds


def test_not_feeling_safe_now_is_concerning_on_its_own():
    for safe_now in (SafeNow.UNSURE, SafeNow.NO):
        assert score_safety_check(ALL_NO, safe_now).kinds == ("unsafe_now",)


def test_a_missing_answer_is_never_read_as_no():
    result = score_safety_check({}, SafeNow.YES)
    assert result.held_back and not result.concerning


answers = st.fixed_dictionaries({q.id: st.sampled_from(list(Answer)) for q in QUESTIONS})


@given(answers, st.sampled_from(list(SafeNow)))
def test_more_worrying_answers_never_make_it_less_concerning(given_answers, safe_now):
    before = score_safety_check(given_answers, safe_now)
    worse = {k: (Answer.MORE if v is Answer.NO else v) for k, v in given_answers.items()}
    after = score_safety_check(worse, safe_now)
    assert set(before.kinds) <= set(after.kinds) and (after.concerning or not before.concerning)
