"""The reveal rule, alone: property tests over every order of writing and joining."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.reveal import Contribution, is_revealed, visible_to, waiting_for_other

PEOPLE = ["alice", "bob", "carol"]
contributions = st.lists(
    st.builds(Contribution, author=st.sampled_from(PEOPLE), written_alone=st.booleans()), max_size=6
)
members = st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=2, unique=True)


def test_both_written_together_opens():
    assert is_revealed(["alice", "bob"], [Contribution("alice"), Contribution("bob")])


def test_one_alone_never_opens():
    assert not is_revealed(["alice"], [Contribution("alice")])
    assert not is_revealed(["alice", "bob"], [Contribution("alice")])


def test_what_was_written_alone_stays_private_when_the_other_joins_and_writes():
    written = [Contribution("alice", written_alone=True), Contribution("bob")]
    assert not is_revealed(["alice", "bob"], written)
    assert visible_to("bob", ["alice", "bob"], written) == [Contribution("bob")]
    # ...until Alice chooses to share it (it is then written together).
    assert is_revealed(["alice", "bob"], [Contribution("alice"), Contribution("bob")])


@given(members, contributions, st.sampled_from(PEOPLE))
def test_before_the_reveal_a_viewer_sees_only_their_own(member_ids, written, viewer):
    seen = visible_to(viewer, member_ids, written)
    if not is_revealed(member_ids, written):
        assert all(c.author == viewer for c in seen)


@given(members, contributions)
def test_a_reveal_needs_every_member_to_have_written_together(member_ids, written):
    if is_revealed(member_ids, written):
        assert len(member_ids) == 2
        for person in member_ids:
            assert Contribution(person, written_alone=False) in written


@given(members, contributions, st.sampled_from(PEOPLE))
def test_a_stranger_never_sees_anything(member_ids, written, stranger):
    if stranger not in member_ids:
        assert visible_to(stranger, member_ids, written) == []


@given(members, contributions, st.sampled_from(PEOPLE))
def test_waiting_is_never_true_after_the_reveal(member_ids, written, viewer):
    if is_revealed(member_ids, written):
        assert not waiting_for_other(viewer, member_ids, written)
