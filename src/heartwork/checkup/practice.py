"""The check-up, as the practice registry sees it (heartwork.core.practices)."""

from __future__ import annotations

from django.db.models import Count

from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import name_bonds
from heartwork.checkup import exports, selectors
from heartwork.checkup.services import forget_person_in_bond
from heartwork.core.practices import BondSection, Practice, today_section
from heartwork.domain.bonds import BondStatus


def bond_page(person, bond) -> BondSection | None:
    return BondSection(
        "checkup/_bond.html",
        group="care",
        context={
            "taken": selectors.my_latest(person, bond) is not None,
            "due": bond.is_active and selectors.retake_due(person, bond),
        },
    )


def _invitations(person) -> dict | None:
    """Bonds where this person's own last check-up was a month ago or more (or never, once
    someone has joined). Nothing here depends on what the other member has done."""
    bonds = (
        Bond.objects.filter(
            pk__in=Membership.objects.filter(person=person).values("bond_id"),
            status=BondStatus.ACTIVE,
        )
        .annotate(members=Count("memberships"))
        .filter(members__gte=2)
    )
    due = [
        b
        for b in bonds
        if selectors.my_latest(person, b) is not None and selectors.retake_due(person, b)
    ]
    return {"bonds": name_bonds(person, due)} if due else None


PRACTICE = Practice(
    label="checkup",
    name="Check-up",
    urls="heartwork.checkup.urls",
    today=today_section("checkup/_today.html", _invitations, priority=70),
    bond_page=bond_page,
    forget=forget_person_in_bond,
    export=exports.export,
    api="heartwork.checkup.api",
)
