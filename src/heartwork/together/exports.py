"""Time together in a person's archive and in a bond's story (heartwork.exports).

Times belong to the bond: the archive holds every time of the person's bonds, with
their own reflections and the other's shared ones, and their evening check-ins with
the other's once both had given theirs (the reveal rule). A story holds the times, the
reflections either shared and the evenings both gave.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bonds_for_person, members_of
from heartwork.core.archive import Reader, keep_created, mine
from heartwork.core.practices import Part
from heartwork.domain.reveal import Contribution, is_revealed
from heartwork.domain.together import (
    MINUTES_MAX,
    MINUTES_MIN,
    REFLECTION_MAX,
    RITUAL_TEXT_MAX,
    TITLE_MAX,
    ActivityKind,
)
from heartwork.together.models import QualityTime, Reflection, Ritual, RitualEntry


def _times(person: Person, bond_ids: list, *, shared_only: bool) -> Iterator[dict[str, Any]]:
    times = (
        QualityTime.objects.filter(bond_id__in=bond_ids)
        .order_by("when", "id")
        .prefetch_related("reflections")
    )
    if shared_only:
        times = times.exclude(status=QualityTime.Status.CANCELLED)
    for time in times.iterator(chunk_size=500):
        record: dict[str, Any] = {
            "bond": str(time.bond_id),
            "kind": time.kind,
            "when": time.when,
            "minutes": time.minutes,
            "phones_away": time.phones_away,
            "status": time.status,
            "source": time.source,
            "idea_id": time.idea_id,
        }
        if time.title:
            record["title"] = {"mine": time.title_author_id == person.pk, "text": time.title}
        record["reflections"] = [
            {
                "mine": r.person_id == person.pk,
                "text": r.text,
                "shared": r.shared,
                "written_at": r.created_at,
            }
            for r in sorted(time.reflections.all(), key=lambda r: r.created_at)
            if r.shared or (r.person_id == person.pk and not shared_only)
        ]
        yield record


def _evenings(person: Person, bond_ids: list, *, revealed_only: bool) -> Iterator[dict[str, Any]]:
    members = {bond_id: [m.person_id for m in ms] for bond_id, ms in members_of(bond_ids).items()}
    rituals = (
        Ritual.objects.filter(bond_id__in=bond_ids, entries__person=person)
        .order_by("day", "bond__created_at", "id")
        .prefetch_related("entries")
    )
    for ritual in rituals.iterator(chunk_size=500):
        entries = list(ritual.entries.all())
        member_ids = members.get(ritual.bond_id, [])
        revealed = is_revealed(
            member_ids, [Contribution(e.person_id, e.written_alone) for e in entries]
        )
        if revealed_only and not revealed:
            continue
        seen = set(member_ids) if revealed else {person.pk}
        yield {
            "bond": str(ritual.bond_id),
            "day": ritual.day,
            "entries": [
                {
                    "mine": e.person_id == person.pk,
                    "high": e.high,
                    "low": e.low,
                    "feeling": e.feeling,
                    "written_at": e.created_at,
                }
                for e in sorted(entries, key=lambda e: (e.person_id != person.pk, e.created_at))
                if e.person_id in seen
            ],
        }


def export(person: Person) -> Part:
    bond_ids = list(bonds_for_person(person).values_list("pk", flat=True))
    return {
        "times": _times(person, bond_ids, shared_only=False),
        "evenings": _evenings(person, bond_ids, revealed_only=False),
    }


def story(person: Person, bond: Bond) -> Part:
    return {
        "times": _times(person, [bond.pk], shared_only=True),
        "evenings": _evenings(person, [bond.pk], revealed_only=True),
    }


def restore(person: Person, bonds: Mapping[str, Bond], part: Mapping[str, Any]) -> None:
    for record in part.get("times", []):
        read = Reader(record, "a time together")
        time = QualityTime(
            bond=read.bond(bonds),
            kind=read.choice("kind", [k.value for k in ActivityKind]),
            when=read.moment("when"),
            minutes=read.number("minutes", MINUTES_MIN, MINUTES_MAX),
            phones_away=read.flag("phones_away"),
            status=read.choice("status", QualityTime.Status.values),
            source=read.choice("source", QualityTime.Source.values),
            idea_id=read.text("idea_id", limit=60),
            created_by=person,
        )
        title = read.record("title")
        if title is not None and title.get("mine") is not False:
            time.set_title(Reader(title, "a time's title").text("text", limit=TITLE_MAX), person.pk)
        time.save()
        for said in mine(read.records("reflections")):
            said_read = Reader(said, "a reflection")
            said_read.flag("shared")  # it comes back private, like a shared check-in
            reflection = Reflection(quality_time=time, person=person, shared=False)
            reflection.text = said_read.text("text", limit=REFLECTION_MAX, required=True)
            reflection.save()
            keep_created(reflection, said_read.moment("written_at"))
    for record in part.get("evenings", []):
        read = Reader(record, "an evening check-in")
        ritual = Ritual.objects.create(bond=read.bond(bonds), day=read.day("day"))
        for said in mine(read.records("entries")):
            said_read = Reader(said, "an evening check-in")
            entry = RitualEntry(ritual=ritual, person=person, written_alone=True)
            entry.payload = {
                "high": said_read.text("high", limit=RITUAL_TEXT_MAX),
                "low": said_read.text("low", limit=RITUAL_TEXT_MAX),
                "feeling": said_read.text("feeling", limit=40),
            }
            entry.save()
            keep_created(entry, said_read.moment("written_at"))
