"""Repairs in a person's archive (heartwork.exports).

Each repair of the person's bonds exactly as its page shows it to them
(``repair.selectors.repair_view``): the responsible person's words only once they reach
the hurt person, a week's ratings only once both have rated, and never whether the hurt
person has read it. A repair needs both people, so an import cannot bring one back
(``restorable: false``). Repairs are not part of a bond's story (docs/export.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.selectors import bonds_for_person
from heartwork.core.practices import Part
from heartwork.domain.repair import Role
from heartwork.repair.models import Repair
from heartwork.repair.selectors import repair_view


def _written(text: str, author_id, person: Person) -> dict[str, Any] | None:
    return {"mine": author_id == person.pk, "text": text} if text else None


def _repairs(person: Person) -> Iterator[dict[str, Any]]:
    repairs = Repair.objects.filter(bond__in=bonds_for_person(person).values("pk"))
    now = timezone.now()
    for repair in repairs.order_by("created_at", "id").iterator(chunk_size=100):
        view = repair_view(person, repair, "", now)
        record: dict[str, Any] = {
            "bond": str(repair.bond_id),
            "restorable": False,
            "my_role": view.role.value,
            "stage": repair.stage,
            "opened_at": repair.created_at,
            "sent_at": repair.sent_at if view.visible else None,
            "decided_at": repair.decided_at,
            "closed_at": repair.closed_at,
        }
        if view.visible:
            for name in ("accountability", "apology"):
                if said := _written(getattr(repair, name), repair.responsible_id, person):
                    record[name] = said
            record["commitments"] = [
                {"mine": c.author_id == person.pk, "change": c.change, "evidence": c.evidence}
                for c in view.commitments
            ]
        hurt_note = _written(repair.hurt_note, repair.hurt_id, person)
        if hurt_note and (view.role is Role.HURT or repair.decided_at):
            record["hurt_note"] = hurt_note
        record["weeks"] = [
            {
                "week": week.week,
                "ratings": [
                    {"mine": True, "ratings": list(week.mine), "note": week.my_note},
                    *(
                        [{"mine": False, "ratings": list(week.theirs), "note": week.their_note}]
                        if week.theirs is not None
                        else []
                    ),
                ],
            }
            for week in reversed(view.weeks)
        ]
        yield record


def export(person: Person) -> Part:
    return {"repairs": _repairs(person)}
