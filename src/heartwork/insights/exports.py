"""Insights in a person's archive (heartwork.exports): nobody writes anything here; the
charts are drawn from the other practices' records, which are exported by them. What is
the person's own is how often they want a "keep your circle warm" idea, per bond."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from heartwork.accounts.models import Person
from heartwork.core.practices import Part
from heartwork.insights.models import CircleSetting


def _circle(person: Person) -> Iterator[dict[str, Any]]:
    settings = CircleSetting.objects.filter(membership__person=person).select_related("membership")
    for setting in settings.order_by("created_at", "id"):
        yield {
            "bond": str(setting.membership.bond_id),
            "mine": True,
            "restorable": False,
            "cadence_days": setting.cadence,
        }


def export(person: Person) -> Part:
    return {"circle": _circle(person)}
