"""Personal access tokens for the JSON API: made at random, stored only as a hash.

A token is shown once, to the person who made it. It carries a fixed prefix so that a
leaked one is easy to recognise (and to cut out of a log line), and one of two scopes.
"""

from __future__ import annotations

import enum
import hashlib
import re
import secrets

PREFIX = "hwpat_"  # heartwork personal access token
TOKEN_BYTES = 32  # 256 bits of randomness, like the invite tokens
NAME_MAX = 60

# The shape of a token, for redacting logs and for a cheap check before any lookup.
TOKEN_PATTERN = re.compile(r"hwpat_[A-Za-z0-9_-]{20,64}")


class Scope(enum.StrEnum):
    READ = "read"
    WRITE = "write"  # read and write

    @property
    def label(self) -> str:
        return "Read" if self is Scope.READ else "Read and write"


# Methods that change nothing: a read token may use these only.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The database keeps only this digest, so a copy of it cannot be used to sign in."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(token: str) -> bool:
    return TOKEN_PATTERN.fullmatch(token) is not None


def allows(scope: Scope, method: str) -> bool:
    """Whether a token of ``scope`` may make a request with ``method``."""
    return scope is Scope.WRITE or method.upper() in SAFE_METHODS
