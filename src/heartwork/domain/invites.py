"""One-time invite tokens: made at random, stored only as a hash, used once."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from datetime import datetime

TOKEN_BYTES = 32  # 256 bits of randomness, well past ASVS's 128-bit floor


class InviteState(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    REVOKED = "revoked"


def new_invite_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_invite_token(token: str) -> str:
    """The database keeps only this digest, so a copy of it cannot be turned into a link."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_invite_token(token), stored_hash)


def looks_like_token(token: str) -> bool:
    """Cheap shape check before any database lookup (urlsafe base64, right length)."""
    return 20 <= len(token) <= 64 and all(c.isalnum() or c in "-_" for c in token)


def invite_state(
    *,
    now: datetime,
    expires_at: datetime,
    accepted_at: datetime | None,
    revoked_at: datetime | None,
) -> InviteState:
    if accepted_at is not None:
        return InviteState.ACCEPTED
    if revoked_at is not None:
        return InviteState.REVOKED
    if now >= expires_at:
        return InviteState.EXPIRED
    return InviteState.OPEN
