"""Repair's stages: the hurt person decides, and their "no" and "end" always work."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.repair import (
    FINAL,
    Action,
    NotAllowed,
    RepairFacts,
    Role,
    Stage,
    allowed,
    next_stage,
    restart_agreed,
    week_is_open,
    week_view,
)

NOW = datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)
stages = st.sampled_from(list(Stage))
roles = st.sampled_from(list(Role))
coolings = st.one_of(
    st.none(), st.integers(-30, 30).map(lambda d: NOW + datetime.timedelta(days=d))
)
facts = st.builds(RepairFacts, stage=stages, cooling_until=coolings)


@given(facts)
def test_the_hurt_person_can_always_end_an_open_repair(f):
    if f.stage not in FINAL:
        assert Action.CLOSE in allowed(f, Role.HURT, NOW)
        assert next_stage(f, Role.HURT, Action.CLOSE, NOW) is Stage.CLOSED


@given(facts)
def test_a_waiting_repair_can_always_be_refused(f):
    if f.stage in (Stage.SENT, Stage.NOT_YET):
        assert next_stage(f, Role.HURT, Action.DECLINE, NOW) is Stage.DECLINED


@given(facts, st.sampled_from(list(Action)))
def test_nothing_the_responsible_person_does_accepts_or_decides(f, action):
    try:
        stage = next_stage(f, Role.RESPONSIBLE, action, NOW)
    except NotAllowed:
        return
    if stage is not f.stage:  # whatever they do, only the hurt person decides
        assert stage not in (Stage.REBUILDING, Stage.DECLINED, Stage.NOT_YET)
    assert action not in (Action.ACCEPT, Action.DECLINE, Action.NOT_YET, Action.ASK_FOR_TIME)


@given(facts)
def test_nothing_can_be_sent_again_during_a_cooling_off(f):
    if f.cooling_until is not None and f.cooling_until > NOW:
        assert Action.SEND not in allowed(f, Role.RESPONSIBLE, NOW)


@given(facts, roles, st.sampled_from(list(Action)))
def test_a_final_repair_takes_no_action(f, role, action):
    if f.stage in FINAL:
        with pytest.raises(NotAllowed):
            next_stage(f, role, action, NOW)


def test_the_path_of_a_repair():
    f = RepairFacts(Stage.DRAFTING)
    assert Action.SEND not in allowed(f, Role.HURT, NOW)
    f = RepairFacts(next_stage(f, Role.RESPONSIBLE, Action.SEND, NOW))
    assert f.stage is Stage.SENT and Action.WRITE not in allowed(f, Role.RESPONSIBLE, NOW)
    f = RepairFacts(next_stage(f, Role.HURT, Action.NOT_YET, NOW))
    assert Action.WRITE in allowed(f, Role.RESPONSIBLE, NOW)
    f = RepairFacts(next_stage(f, Role.RESPONSIBLE, Action.SEND, NOW))
    f = RepairFacts(next_stage(f, Role.HURT, Action.ACCEPT, NOW))
    assert f.stage is Stage.REBUILDING and Action.RATE in allowed(f, Role.HURT, NOW)
    assert Action.RATE in allowed(f, Role.RESPONSIBLE, NOW)


def test_restarting_the_ladder_takes_both():
    assert restart_agreed(True, True)
    assert not restart_agreed(True, False) and not restart_agreed(False, True)


@given(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=1, max_size=4), st.data())
def test_a_week_opens_only_when_both_rated_every_commitment(mine, data):
    theirs = tuple(data.draw(st.one_of(st.none(), st.integers(1, 5))) for _ in mine)
    view = week_view(datetime.date(2026, 11, 30), tuple(mine), theirs)
    complete = all(r is not None for r in mine) and all(r is not None for r in theirs)
    assert (view.theirs is not None) == complete
    assert week_is_open(tuple(mine), theirs) == complete
