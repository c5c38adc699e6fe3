"""Insights, as the practice registry sees it (heartwork.core.practices): a card on each
bond's page, and at most one "keep your circle warm" idea on Today."""

from __future__ import annotations

from heartwork.core.practices import BondSection, Practice, today_section
from heartwork.insights import exports, selectors
from heartwork.insights.services import forget_person_in_bond


def _circle(person) -> dict | None:
    idea = selectors.circle_idea(person)
    return {"idea": idea} if idea else None


def _bond_card(person, bond) -> BondSection:
    return BondSection(
        "insights/_bond.html",
        group="care",
        context={"summary": selectors.bond_summary(person, bond)},
    )


PRACTICE = Practice(
    label="insights",
    name="Insights",
    urls="heartwork.insights.urls",
    today=today_section("insights/_today.html", _circle, priority=80),
    bond_page=_bond_card,
    forget=forget_person_in_bond,
    export=exports.export,
    api="heartwork.insights.api",
)
