"""The appreciation part of the Today page.

New notes and new thank-yous are cards of their own (``waiting``); the day's gentle
suggestion is the practice's Today section (``today_context``, rendered by
``appreciation/_today.html`` as ``section``). Each is one query.
"""

from __future__ import annotations

from django.urls import reverse

from heartwork.accounts.models import Person
from heartwork.appreciation.selectors import today_section
from heartwork.core.practices import Waiting


def today_context(person: Person) -> dict | None:
    """The day's gentle suggestion; None when there's none. (New notes and thank-yous are
    cards of their own: ``waiting``.)"""
    section = today_section(person)
    if not section.nudge:
        return None
    return {"new_notes": [], "new_thanks": [], "nudge": section.nudge}


def _card(new, text: str, action: str, priority: int) -> Waiting:
    """One waiting note (or answer to one) in its bond, opening at the note itself."""
    return Waiting(
        text=text,
        url=reverse("appreciation:note", args=[new.bond_id, new.note_id]),
        action=action,
        bond_id=new.bond_id,
        bond_name=new.bond_name,
        kind="thanks",
        priority=priority,
    )


def waiting(person: Person) -> list[Waiting]:
    section = today_section(person, with_nudge=False)
    found = []
    for new in section.new_notes:
        what = "a note of thanks" if new.count == 1 else f"{new.count} notes of thanks"
        found.append(_card(new, f"{new.other_name} sent you {what}.", "Open it", 25))
    for new in section.new_thanks:
        what = "your note" if new.count == 1 else f"{new.count} of your notes"
        found.append(_card(new, f"{new.other_name} answered {what}.", "See what they said", 35))
    return found
