"""The guided hard conversation: turns in order, breaks that hold, an end that always works."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.hard_talk import (
    BREAK_MINUTES,
    FINISHED,
    Action,
    NotAllowed,
    Phase,
    Step,
    TalkFacts,
    act,
    agreed_step_author,
    allowed,
)

NOW = datetime.datetime(2026, 12, 2, 20, tzinfo=datetime.UTC)
A, B = "ana", "ben"


def talking() -> TalkFacts:
    facts = TalkFacts(starter=A, other=B)
    facts = act(facts, B, Action.JOIN, NOW)
    facts = act(facts, A, Action.CONTINUE, NOW)  # past the light moment
    return act(facts, B, Action.CONTINUE, NOW)  # phones away


def one_turn(facts: TalkFacts) -> TalkFacts:
    speaker = facts.speaker
    listener = facts.partner_of(speaker)
    facts = act(facts, speaker, Action.SAY, NOW)
    facts = act(facts, listener, Action.REFLECT, NOW)
    facts = act(facts, speaker, Action.CONFIRM, NOW)
    return act(facts, listener, Action.VALIDATE, NOW)


def test_the_one_who_asked_speaks_first_and_turns_pass_after_validation():
    facts = talking()
    assert facts.step is Step.TALKING and facts.speaker == A and facts.phase is Phase.SPEAKING
    facts = one_turn(facts)
    assert facts.speaker == B and facts.turns_done == 1


def test_a_correction_sends_the_listener_back_to_reflect_again():
    facts = act(talking(), A, Action.SAY, NOW)
    facts = act(facts, B, Action.REFLECT, NOW)
    facts = act(facts, A, Action.CORRECT, NOW)
    assert facts.phase is Phase.REFLECTING and facts.speaker == A
    assert Action.VALIDATE not in allowed(facts, B, NOW)


def test_the_listener_cannot_speak_over_the_speaker():
    facts = talking()
    assert Action.SAY not in allowed(facts, B, NOW)
    with pytest.raises(NotAllowed):
        act(facts, B, Action.SAY, NOW)


def test_small_steps_come_only_after_both_have_spoken():
    facts = talking()
    assert Action.TO_STEPS not in allowed(facts, A, NOW)
    facts = one_turn(one_turn(facts))
    assert Action.TO_STEPS in allowed(facts, B, NOW)


def test_both_choose_the_same_step_to_agree():
    facts = act(one_turn(one_turn(talking())), A, Action.TO_STEPS, NOW)
    assert Action.CHOOSE not in allowed(facts, A, NOW)
    facts = act(act(facts, A, Action.PROPOSE, NOW), B, Action.PROPOSE, NOW)
    facts = act(facts, A, Action.CHOOSE, NOW, chosen=B)
    facts = act(facts, B, Action.CHOOSE, NOW, chosen=A)
    assert facts.step is Step.STEPS  # different choices: still talking it through
    facts = act(facts, B, Action.CHOOSE, NOW, chosen=B)
    assert facts.step is Step.AGREED and agreed_step_author(facts) == B
    with pytest.raises(NotAllowed):
        act(facts, A, Action.CHOOSE, NOW, chosen="someone else")


def test_choosing_a_step_nobody_proposed_is_refused():
    facts = act(one_turn(one_turn(talking())), A, Action.TO_STEPS, NOW)
    facts = act(act(facts, A, Action.PROPOSE, NOW), B, Action.PROPOSE, NOW)
    with pytest.raises(NotAllowed):
        act(facts, A, Action.CHOOSE, NOW, chosen="carol")


def test_not_now_is_the_invited_persons_to_say():
    facts = TalkFacts(starter=A, other=B)
    assert allowed(facts, A, NOW) == {Action.END}
    assert act(facts, B, Action.NOT_NOW, NOW).step is Step.NOT_NOW


@pytest.mark.parametrize("minutes", [0, 5, 19, 90])
def test_a_break_is_never_shorter_than_twenty_minutes(minutes):
    with pytest.raises(NotAllowed):
        act(talking(), A, Action.BREAK, NOW, minutes=minutes)


def test_a_break_holds_the_conversation_where_it_was():
    facts = act(act(talking(), A, Action.SAY, NOW), B, Action.BREAK, NOW, minutes=20)
    during = NOW + datetime.timedelta(minutes=19, seconds=59)
    assert allowed(facts, B, during) == {Action.END} == allowed(facts, A, during)
    after = NOW + datetime.timedelta(minutes=20)
    assert Action.REFLECT in allowed(facts, B, after) and facts.phase is Phase.REFLECTING


# --- properties over any sequence of attempts ----------------------------------------

attempts = st.lists(
    st.tuples(
        st.sampled_from([A, B, "stranger"]),
        st.sampled_from(list(Action)),
        st.integers(0, 90),  # minutes later
        st.sampled_from(BREAK_MINUTES),
        st.sampled_from([A, B]),
    ),
    max_size=40,
)


def _run(sequence):
    facts, now = TalkFacts(starter=A, other=B), NOW
    for person, action, later, minutes, chosen in sequence:
        now = now + datetime.timedelta(minutes=later)
        with contextlib.suppress(NotAllowed):
            facts = act(facts, person, action, now, minutes=minutes, chosen=chosen)
        yield facts, now


@given(attempts)
def test_either_can_always_end_an_open_conversation_and_strangers_can_do_nothing(sequence):
    for facts, now in _run(sequence):
        assert allowed(facts, "stranger", now) == frozenset()
        for person in (A, B):
            assert (Action.END in allowed(facts, person, now)) is (facts.step not in FINISHED)


@given(attempts)
def test_during_a_break_nothing_moves_but_the_end(sequence):
    for facts, now in _run(sequence):
        if facts.on_break(now):
            assert allowed(facts, A, now) <= {Action.END}
            assert allowed(facts, B, now) <= {Action.END}


@given(attempts)
def test_one_person_at_a_time_holds_the_turn(sequence):
    for facts, now in _run(sequence):
        if facts.step is Step.TALKING and not facts.on_break(now):
            turn = {Action.SAY, Action.REFLECT, Action.CONFIRM, Action.CORRECT, Action.VALIDATE}
            holders = [p for p in (A, B) if allowed(facts, p, now) & turn]
            assert len(holders) == 1
