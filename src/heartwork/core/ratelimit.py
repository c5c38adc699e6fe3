"""Fixed-window rate limits kept in Django's cache (a database table, so every worker and
every app server shares the counts).

Keys are hashed before they are stored: a limit keyed on an e-mail address or a client
address keeps neither in the cache table.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int  # allowed per window
    seconds: int


def _cache_key(limit: Limit, key: str, now: float) -> str:
    digest = hashlib.sha256(f"{limit.scope}|{key}".encode()).hexdigest()[:32]
    return f"rl:{limit.scope}:{digest}:{int(now // limit.seconds)}"


def hit(limit: Limit, key: str) -> bool:
    """Count one attempt against ``limit`` for ``key``; True while it is still allowed."""
    cache_key = _cache_key(limit, key.lower(), time.time())
    if cache.add(cache_key, 1, timeout=limit.seconds):
        return True
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a fresh window
        cache.add(cache_key, 1, timeout=limit.seconds)
        return True
    return used <= limit.count


def exhausted(limit: Limit, key: str) -> bool:
    """Whether ``key`` has used up ``limit`` in this window, without counting."""
    used = cache.get(_cache_key(limit, key.lower(), time.time()), 0)
    return used >= limit.count
