"""The appreciation part of the Today page.

The lead engineer's Today view calls ``today_context(person)`` and, when it returns a
dict, renders ``appreciation/_today.html`` with it as ``section``.
"""

from __future__ import annotations

from heartwork.accounts.models import Person
from heartwork.appreciation.selectors import today_section


def today_context(person: Person) -> dict | None:
    """New notes, new thank-yous and the day's gentle suggestion; None when there's nothing.

    One database query, always (see ``selectors.today_section``).
    """
    section = today_section(person)
    if not section:
        return None
    return {"new_notes": section.new_notes, "new_thanks": section.new_thanks, "nudge": section.nudge}
