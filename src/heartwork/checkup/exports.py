"""Check-ups and reflections in a person's archive (heartwork.exports).

Only the person's own: their answers (now and as they'd like it), their scores, their
two-circles answer, which items they chose to show, and their private reflections. The
other member's side is theirs to export; it stays in the app. An import does not bring
check-ups back (``restorable: false``): scores belong to a round both took together.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from heartwork.accounts.models import Person
from heartwork.checkup.models import CheckupEntry, ReflectionEntry
from heartwork.core.practices import Part


def _checkups(person: Person) -> Iterator[dict[str, Any]]:
    entries = CheckupEntry.objects.filter(person=person).select_related("round")
    for entry in entries.order_by("taken_at", "id").iterator(chunk_size=100):
        yield {
            "bond": str(entry.round.bond_id),
            "mine": True,
            "restorable": False,
            "when": entry.taken_at,
            "answers": entry.answers or {},
            "scores": entry.scores or {},
            "closeness_now": entry.closeness_now,
            "closeness_wished": entry.closeness_wished,
            "shown_to_them": list(entry.shared_items or []),
        }


def _reflections(person: Person) -> Iterator[dict[str, Any]]:
    for entry in ReflectionEntry.objects.filter(person=person).order_by("created_at", "id"):
        yield {
            "bond": str(entry.bond_id),
            "mine": True,
            "restorable": False,
            "when": entry.created_at,
            "reflection": entry.kind,
            "answers": entry.answers or {},
            "score": entry.score,
        }


def export(person: Person) -> Part:
    return {"checkups": _checkups(person), "reflections": _reflections(person)}
