"""A person's archive, and a bond's story, written record by record.

``archive_write`` streams the archive into a file: ``heartwork-export.json`` (the
document of heartwork.domain.archive), ``index.html`` (the same records, readable
offline: inline CSS, no scripts, every text escaped by the template) and README.txt.
Each practice hands over its records as iterators over the database
(``Practice.export``), so five years of writing never sit in memory at once
(bench/export_memory.py measures it).
"""

from __future__ import annotations

import datetime
import io
import json
import logging
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from django.template.loader import get_template, render_to_string
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import members_of
from heartwork.core.clock import person_zone
from heartwork.core.practices import Part, exclusion_reason, practices
from heartwork.domain.archive import DOCUMENT_NAME, SCHEMA, STORY_SCHEMA, VERSION
from heartwork.exports.display import Reader, section_title

log = logging.getLogger("heartwork.exports")


def _json_default(zone):
    def default(value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return value.astimezone(zone).isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        raise TypeError(f"{type(value).__name__} is not JSON")

    return default


def person_record(person: Person) -> dict[str, Any]:
    return {
        "email": person.email,
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "reminder_time": person.reminder_time.isoformat(timespec="minutes"),
        "theme": person.theme,
        "date_joined": person.date_joined,
    }


def bond_record(person: Person, membership: Membership, members) -> dict[str, Any]:
    bond = membership.bond
    return {
        "id": str(bond.pk),
        "kind": bond.kind,
        "status": bond.status,
        "name": membership.name,  # as they named it; empty if they never did
        "created_at": bond.created_at,
        "joined_at": membership.created_at,
        "members": [
            {"name": m.display_name, "mine": m.person_id == person.pk}
            for m in members.get(bond.pk, [])
        ],
    }


def bond_records(person: Person, bond: Bond | None = None) -> list[dict[str, Any]]:
    memberships = Membership.objects.filter(person=person).select_related("bond")
    if bond is not None:
        memberships = memberships.filter(bond=bond)
    memberships = list(memberships.order_by("created_at", "id"))
    members = members_of([m.bond_id for m in memberships])
    return [bond_record(person, m, members) for m in memberships]


def reader_for(person: Person, bonds: list[dict[str, Any]]) -> Reader:
    def other(bond: dict[str, Any]) -> str:
        return " and ".join(m["name"] for m in bond["members"] if not m["mine"])

    return Reader(
        zone=person_zone(person),
        bond_names={b["id"]: b["name"] or other(b) or "A bond of one" for b in bonds},
        other_names={b["id"]: other(b) for b in bonds},
    )


class _Writer:
    """The JSON document and its readable page, written side by side, record by record."""

    def __init__(self, json_out: IO[str], html_out: IO[str] | None, reader: Reader, zone) -> None:
        self.json_out = json_out
        self.html_out = html_out
        self.reader = reader
        self.default = _json_default(zone)
        self.entry_template = get_template("exports/_entry.html")
        self.records = 0

    def dump(self, value: Any) -> str:
        return json.dumps(value, default=self.default, ensure_ascii=False)

    def html(self, template: str, context: Mapping[str, Any]) -> None:
        if self.html_out is not None:
            self.html_out.write(render_to_string(template, context))

    def parts(self, parts: Iterable[tuple[str, str, Part]]) -> None:
        self.json_out.write('"practices": {')
        for number, (label, name, part) in enumerate(parts):
            self.json_out.write(("," if number else "") + f"\n {self.dump(label)}: {{")
            self.html("exports/_practice.html", {"name": name})
            for index, (section, records) in enumerate(part.items()):
                self.json_out.write(("," if index else "") + f"\n  {self.dump(section)}: [")
                self.section(section_title(section, name), records)
                self.json_out.write("]")
            if self.html_out is not None:
                self.html_out.write("</section>\n")
            self.json_out.write("}")
        self.json_out.write("}}\n")

    def section(self, title: str, records: Iterable[Mapping[str, Any]]) -> None:
        count = -1
        for count, record in enumerate(records):
            if count == 0:  # a heading only over a section with something in it
                self.html("exports/_section.html", {"title": title})
            self.json_out.write(("," if count else "") + "\n   " + self.dump(record))
            if self.html_out is not None:
                entry = self.reader.entry(record)
                self.html_out.write(self.entry_template.render({"entry": entry}))
            self.records += 1
        if self.html_out is not None and count >= 0:
            self.html_out.write("</div>\n")


def _exported_parts(person: Person) -> Iterator[tuple[str, str, Part]]:
    for practice in practices():
        if practice.export is not None and exclusion_reason(practice) is None:
            yield practice.label, practice.name, practice.export(person)


def _story_parts(person: Person, bond: Bond) -> Iterator[tuple[str, str, Part]]:
    for practice in practices():
        if practice.story is not None:
            yield practice.label, practice.name, practice.story(person, bond)


def left_out() -> list[tuple[str, str]]:
    """Practices that keep themselves out of the archive, and why (for README and page)."""
    return [(p.name, reason) for p in practices() if (reason := exclusion_reason(p)) is not None]


def _write_document(
    *,
    json_out: IO[str],
    html_out: IO[str],
    head: dict[str, Any],
    page: dict[str, Any],
    parts: Iterable[tuple[str, str, Part]],
    person: Person,
    bonds: list[dict[str, Any]],
) -> int:
    zone = person_zone(person)
    writer = _Writer(json_out, html_out, reader_for(person, bonds), zone)
    text = writer.dump(head)
    json_out.write(text[:-1] + ", ")  # the head, left open for the practices
    html_out.write(render_to_string("exports/archive_head.html", page))
    writer.parts(parts)
    html_out.write(render_to_string("exports/archive_foot.html", page))
    return writer.records


def archive_write(*, person: Person, out: IO[bytes], now: datetime.datetime | None = None) -> int:
    """Write ``person``'s archive as a zip into ``out``; returns how many records it holds."""
    now = now or timezone.now()
    bonds = bond_records(person)
    head = {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": now,
        "person": person_record(person),
        "bonds": bonds,
    }
    reader = reader_for(person, bonds)
    page = {
        "person": person,
        "exported_at": reader.moment(now),
        "zone": person.time_zone,
        "bonds": [{"name": reader.bond_names[b["id"]], **b} for b in bonds],
        "left_out": left_out(),
        "story": False,
    }
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile("w+", encoding="utf-8") as html_out,
    ):
        with archive.open(DOCUMENT_NAME, "w", force_zip64=True) as raw:
            json_out = io.TextIOWrapper(raw, encoding="utf-8")
            records = _write_document(
                json_out=json_out,
                html_out=html_out,
                head=head,
                page=page,
                parts=_exported_parts(person),
                person=person,
                bonds=bonds,
            )
            json_out.flush()
            json_out.detach()
        html_out.seek(0)
        with archive.open("index.html", "w", force_zip64=True) as raw:
            html_bytes = io.TextIOWrapper(raw, encoding="utf-8")
            shutil.copyfileobj(html_out, html_bytes)
            html_bytes.flush()
            html_bytes.detach()
        archive.writestr("README.txt", readme(exported_at=page["exported_at"]))
    log.info("archive written person=%s records=%s", person.pk, records)
    return records


def readme(*, exported_at: str) -> str:
    """The archive's README.txt. It names nobody: the folder it sits in may not be private."""
    lines = [
        "Your heartwork archive",
        "======================",
        "",
        f"Made on {exported_at}.",
        "",
        "index.html              Everything you wrote, and what was shared with you, to read",
        "                        in any browser, with no connection. It runs no scripts.",
        f"{DOCUMENT_NAME:<24}The same, as data (format {VERSION}, described in heartwork's",
        "                        docs/export.md). Import it into heartwork from Settings, on",
        "                        this server or another, to bring your own writing back.",
        "",
        "This archive holds your most private writing, unencrypted. Keep it somewhere only",
        "you can open, and delete it from shared computers and phones when you are done.",
    ]
    for name, reason in left_out():
        lines += ["", f"Not included: {name}. {reason}"]
    return "\n".join(lines) + "\n"


def archive_file(*, person: Person) -> IO[bytes]:
    """The archive in a temporary file that disappears once closed, ready to be read."""
    # Closed (and so gone from disk) by whoever streams it; never left in the data directory.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        archive_write(person=person, out=out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def archive_filename(person: Person, now: datetime.datetime | None = None) -> str:
    day = (now or timezone.now()).astimezone(person_zone(person)).date()
    return f"heartwork-{day.isoformat()}.zip"


def story_write(*, person: Person, bond: Bond, out: IO[str]) -> None:
    """A bond's story as JSON: only what the two shared in it (``Practice.story``)."""
    bonds = bond_records(person, bond)
    head = {
        "schema": STORY_SCHEMA,
        "version": VERSION,
        "exported_at": timezone.now(),
        "bond": bonds[0],
    }
    writer = _Writer(out, None, reader_for(person, bonds), person_zone(person))
    out.write(writer.dump(head)[:-1] + ", ")
    writer.parts(_story_parts(person, bond))


def story_sections(person: Person, bond: Bond) -> list[dict[str, Any]]:
    """A bond's story for its page: practices, their sections and readable entries."""
    bonds = bond_records(person, bond)
    reader = reader_for(person, bonds)
    shown = []
    for _label, name, part in _story_parts(person, bond):
        sections = [
            {"title": section_title(section, name), "entries": [reader.entry(r) for r in records]}
            for section, records in part.items()
        ]
        shown.append({"name": name, "sections": [s for s in sections if s["entries"]]})
    return [s for s in shown if s["sections"]]


def story_file(*, person: Person, bond: Bond, out: IO[bytes]) -> None:
    """Write a bond's story as JSON into ``out`` and rewind it for reading."""
    text = io.TextIOWrapper(out, encoding="utf-8")
    story_write(person=person, bond=bond, out=text)
    text.flush()
    text.detach()
    out.seek(0)


def story_filename(person: Person) -> str:
    day = timezone.now().astimezone(person_zone(person)).date()
    return f"heartwork-our-story-{day.isoformat()}.json"
