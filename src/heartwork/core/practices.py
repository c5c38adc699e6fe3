"""The practice registry: the one place a practice plugs into heartwork.

A practice is a Django app that helps two people do something together (prompts,
check-ins, notes of thanks, time together, reminders…). It declares what it adds to
the shared pages in ``<app>/practice.py`` as ``PRACTICE = Practice(...)``:

- ``urls``: its URL module, mounted at the site root;
- ``today``: its section of the Today page, for one person (or None);
- ``bond_page``: its section of a bond's page, for one person and bond (or None);
- ``forget``: what it removes when a person leaves a bond (their writing there);
- ``live``: what, written by one member, the other's open page should show within
  seconds (``LiveSource``s; only what the other is meant to see, never a draft);
- ``waiting``: the things waiting for one person, each a ``Waiting`` (one card on the
  Today page, and on its bond's page), said from that person's side.
- ``export``: its part of a person's archive (``heartwork.exports``): everything they
  wrote, and everything shared with them, as ``{section: records}``;
- ``story``: its part of a bond's "our story": only what the two shared in that bond;
- ``restore``: recreates a person's own writing from their archive, on import.
- ``api``: its JSON API, the dotted path of a module exposing a django-ninja ``router``,
  mounted under ``/api/v1/`` (heartwork.api.api).

A practice that keeps what people write (it has ``forget``) must declare ``export``, so
nothing a person wrote is left out of their archive by accident; one that deliberately
keeps something out says so with ``not_exported(reason)``.

Records are plain dicts of JSON values, datetimes and dates (the archive writes times in
the person's own zone). Two keys have a shared meaning everywhere: ``bond`` (the id of
the bond a record belongs to, from the archive's ``bonds``) and ``mine`` (false for
what the other member wrote; an import restores only what is ``mine``).

The Today page, the bond page, leaving a bond, the root URLconf and the API read it;
nothing lists apps by hand. ``tests/core/test_practices.py`` checks that every practice
honours the contract, and docs/architecture.md has the checklist for adding one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps

# How a bond's page groups its practices: by what the two people want to do.
GROUPS = {
    "talk": "Talk",
    "feel": "Feel",
    "thank": "Thank",
    "time": "Spend time",
    "care": "Look after yourselves",
}


@dataclass(frozen=True)
class TodaySection:
    """One practice's part of the Today page: ``template`` renders ``context`` as ``section``."""

    template: str
    context: Mapping[str, Any]
    priority: int = 50  # lower comes first


@dataclass(frozen=True)
class Waiting:
    """One thing waiting for a person: one card on Today (and on its bond's page).

    ``text`` is said from the viewer's side ("Sam answered today's prompt — your turn");
    ``detail`` may hold words someone wrote (shown as written, never marked safe);
    ``action`` labels the one link, to ``url``, the thing itself.
    """

    text: str
    url: str
    action: str
    bond_id: Any = None
    bond_name: str = ""
    detail: str = ""
    kind: str = ""  # a CSS hook: "prompt", "feeling", "thanks", "talk", "time"…
    priority: int = 50  # lower comes first: what someone is waiting on now before plans


@dataclass(frozen=True)
class LiveSource:
    """Rows whose arrival or change an open page shows without a reload: ``model``
    ("app.Model") reaches its bond through ``bond`` ("round__bond"); ``stamp`` is the
    field that moves when something visible changes; ``only`` narrows the rows to what
    the other member may see (heartwork.core.live reads these)."""

    model: str
    bond: str = "bond"
    stamp: str = "updated_at"
    only: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BondSection:
    """One practice's card on a bond's page: ``template`` renders with ``bond`` and ``section``."""

    template: str
    group: str
    context: Mapping[str, Any] = field(default_factory=dict)


# A practice's part of an archive or a story: section name -> records, each a dict of
# JSON values, datetimes and dates. Sections may be generators: the archive is written
# record by record, never held whole in memory.
Part = Mapping[str, Iterable[Mapping[str, Any]]]


@dataclass(frozen=True)
class Practice:
    label: str  # the Django app label
    name: str  # what people call it
    urls: str | None = None  # dotted path of its URL module
    today: Callable[[Any], TodaySection | None] | None = None
    bond_page: Callable[[Any, Any], BondSection | None] | None = None
    forget: Callable[..., None] | None = None  # forget(person=, bond=) as the person leaves
    export: Callable[[Any], Part] | None = None  # export(person): their archive's part
    story: Callable[[Any, Any], Part] | None = None  # story(person, bond): shared in the bond
    # restore(person, bonds_by_old_id, part): recreate their own writing from an archive.
    restore: Callable[[Any, Mapping[str, Any], Mapping[str, Any]], None] | None = None

    waiting: Callable[[Any], list[Waiting]] | None = None  # what waits for a person, or []
    live: tuple[LiveSource, ...] = ()  # what the other member's open page updates for

    api: str | None = None  # dotted path of a module with a ninja ``router`` (heartwork.api)


def not_exported(reason: str) -> Callable[[Any], Part]:
    """An ``export`` hook that deliberately keeps a practice out of the archive, and says
    why (the archive's README and docs/export.md list the reason)."""

    def export(person: Any) -> Part:
        return {}

    export.not_exported = reason  # type: ignore[attr-defined]
    return export


def exclusion_reason(practice: Practice) -> str | None:
    return getattr(practice.export, "not_exported", None)


def today_section(
    template: str, context_of: Callable[[Any], Mapping[str, Any] | None], *, priority: int = 50
) -> Callable[[Any], TodaySection | None]:
    """A Today hook from a function that returns the section's context (or None)."""

    def today(person: Any) -> TodaySection | None:
        context = context_of(person)
        return TodaySection(template, context, priority) if context else None

    return today


def bond_card(
    template: str, group: str, *, active_only: bool = False
) -> Callable[[Any, Any], BondSection | None]:
    """A bond-page hook showing ``template`` in ``group`` (only while active, if asked)."""

    def bond_page(person: Any, bond: Any) -> BondSection | None:
        return None if active_only and not bond.is_active else BondSection(template, group)

    return bond_page


@cache
def practices() -> tuple[Practice, ...]:
    """Every installed practice, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.practice")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.practice":
                raise
            continue
        practice = module.PRACTICE
        if practice.label != config.label:
            raise ValueError(
                f"{config.name}.practice declares label {practice.label!r}, not {config.label!r}"
            )
        found.append(practice)
    return tuple(found)


def today_sections(person: Any) -> list[TodaySection]:
    sections = [s for p in practices() if p.today and (s := p.today(person)) is not None]
    return sorted(sections, key=lambda s: s.priority)


def waiting_for(person: Any, *, bond_id: Any = None) -> list[Waiting]:
    """Everything waiting for ``person`` (in one bond, if given), most important first."""
    found = [w for p in practices() if p.waiting for w in p.waiting(person)]
    if bond_id is not None:
        found = [w for w in found if w.bond_id == bond_id]
    return sorted(found, key=lambda w: w.priority)


def live_sources() -> list[LiveSource]:
    return [source for p in practices() for source in p.live]


def bond_sections(person: Any, bond: Any) -> list[BondSection]:
    return [s for p in practices() if p.bond_page and (s := p.bond_page(person, bond)) is not None]


@dataclass(frozen=True)
class BondGroup:
    """The bond page's sections for one thing people want to do (talk, feel…), in order."""

    key: str
    label: str
    sections: list[BondSection]


def bond_groups(person: Any, bond: Any) -> list[BondGroup]:
    """A bond's sections grouped as ``GROUPS`` orders them (a group no practice fills is left
    out; a group ``GROUPS`` does not name comes last, under its own key)."""
    by_group: dict[str, list[BondSection]] = {}
    for section in bond_sections(person, bond):
        by_group.setdefault(section.group, []).append(section)
    order = [*GROUPS, *(key for key in by_group if key not in GROUPS)]
    return [
        BondGroup(key, GROUPS.get(key, key.replace("_", " ").capitalize()), by_group[key])
        for key in order
        if key in by_group
    ]


def forget_person_in_bond(*, person: Any, bond: Any) -> None:
    for practice in practices():
        if practice.forget is not None:
            practice.forget(person=person, bond=bond)
