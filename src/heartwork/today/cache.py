"""The Today page's body is kept for a minute per person, and only while nothing changed.

Today is the page people open most, and it asks every practice what is waiting: some
twenty reads and most of the page's rendering. Kept in each worker's memory, it is shown
again as long as the key below is the same. The key holds everything that can change it:

- ``page_version``: the person's own writes (heartwork.core.middleware.PageVersionMiddleware);
- the live token: anything the other member did that the person may see (heartwork.core.live),
  the same token an open page polls to update itself;
- the local date and hour: the day's prompt, the evening card from 17:00, "today" in cards;
- the CSRF secret (as a digest): the page's forms carry a token made from it.

What none of these sees — a reminder falling due, the other person renaming themselves,
an operator's change in the admin — shows within ``TODAY_SECONDS``. The first run is never
kept: its form carries a one-time submission key.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.utils import timezone

TODAY_SECONDS = 60
TODAY_CACHE = "today"


def today_cache_key(request: Any, live_token: str) -> str | None:
    """The key the person's Today body is kept under, or None when it must not be kept."""
    csrf_secret = request.META.get("CSRF_COOKIE")
    if not csrf_secret or not live_token:
        return None  # a token for a secret the browser does not hold yet would not work
    now = timezone.localtime()
    parts = (
        str(request.user.pk),
        str(request.user.page_version),
        live_token,
        now.strftime("%Y-%m-%dT%H"),
        hashlib.sha256(csrf_secret.encode()).hexdigest()[:16],
    )
    return ":".join(parts)
