from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.invites import (
    InviteState,
    hash_invite_token,
    invite_state,
    looks_like_token,
    new_invite_token,
    token_matches,
)

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_invite_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(looks_like_token(t) and len(t) >= 43 for t in tokens)


def test_only_the_hash_is_compared_and_it_is_not_the_token():
    token = new_invite_token()
    stored = hash_invite_token(token)
    assert stored != token and len(stored) == 64
    assert token_matches(token, stored)
    assert not token_matches(new_invite_token(), stored)


@given(st.text(max_size=200))
def test_shape_check_rejects_anything_that_is_not_a_token(text):
    if looks_like_token(text):
        assert all(c.isalnum() or c in "-_" for c in text) and 20 <= len(text) <= 64


def test_state_open_until_expiry():
    expires = NOW + timedelta(hours=1)
    assert (
        invite_state(now=NOW, expires_at=expires, accepted_at=None, revoked_at=None)
        is InviteState.OPEN
    )
    assert (
        invite_state(now=expires, expires_at=expires, accepted_at=None, revoked_at=None)
        is InviteState.EXPIRED
    )


def test_accepted_wins_over_everything_then_revoked():
    past = NOW - timedelta(days=1)
    assert (
        invite_state(now=NOW, expires_at=past, accepted_at=past, revoked_at=past)
        is InviteState.ACCEPTED
    )
    assert (
        invite_state(now=NOW, expires_at=NOW + timedelta(days=1), accepted_at=None, revoked_at=past)
        is InviteState.REVOKED
    )
