"""Repair, as the practice registry sees it (heartwork.core.practices)."""

from heartwork.core.practices import BondSection, Practice
from heartwork.repair import exports
from heartwork.repair.selectors import open_repair
from heartwork.repair.services import forget_person_in_bond
from heartwork.safety.selectors import repair_is_offered


def bond_page(person, bond) -> BondSection | None:
    """Shown in a bond of two; to someone whose safety check was concerning it says why
    it is not offered, privately (the card is theirs alone)."""
    if not bond.memberships.exclude(person=person).exists():
        return None
    return BondSection(
        "repair/_bond.html",
        group="care",
        context={"offered": repair_is_offered(person, bond), "current": open_repair(bond)},
    )


PRACTICE = Practice(
    label="repair",
    name="Repair",
    urls="heartwork.repair.urls",
    bond_page=bond_page,
    forget=forget_person_in_bond,
    export=exports.export,
    api="heartwork.repair.api",
)
