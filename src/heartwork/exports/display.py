"""Turning archive records into something a person can read: the archive's index.html
and the "our story" page show the same records as the JSON, with names instead of ids
and times in the reader's own zone.

Any practice's records read sensibly here without code of their own: the keys with a
shared meaning (``bond``, ``mine``, the times) are understood, the rest are labelled
from their names. Everything ends up in a template, escaped there.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# When a record happened: the first of these it has.
WHEN_KEYS = ("day", "when", "week", "started_at", "opened_at", "sent_at", "written_at")
# Kept in the JSON for an import; of no use to a reader.
TECHNICAL = frozenset(
    {
        "id",
        "bond",
        "mine",
        "restorable",
        "prompt_id",
        "idea_id",
        "sequence",
        "source",
        "prompt",
        "depth",
    }
)

SECTION_TITLES = {
    "rounds": "Prompts and answers",
    "desire_prompts": "Desire prompts you chose to see",
    "mine": "Your check-ins",
    "shared_with_me": "Check-ins shared with you",
    "shared": "Check-ins you shared",
    "notes": "Notes of thanks",
    "private_list": "Your private list of things you appreciate",
    "times": "Time together",
    "evenings": "Evening check-ins",
    "messages": "Messages from the composer",
    "talks": "Guided hard conversations",
    "repairs": "Repairs",
    "preferences": "Your reminders",
    "checkups": "Your check-ups",
    "reflections": "Your reflections",
    "circle": "How often to suggest getting in touch",
}

LABELS = {
    "text": "",
    "note": "What happened",
    "statement": "In a sentence",
    "intensity": "How strongly (1 to 5)",
    "comfort": "How it felt to answer (1 to 5)",
    "phones_away": "Phones away",
    "put_away": "Put away from the list",
    "read_at": "Read",
    "shared_at": "Shared",
    "sent_at": "Sent",
    "written_at": "Written",
    "shared_with": "Shared with",
    "my_notes": "Your private notes",
    "not_now": "Not now",
    "thank_you": "Thank-you",
    "answers": "",
    "replies": "Reply",
    "said": "",
    "entries": "",
    "reflections": "Reflection",
}


@dataclass
class Line:
    label: str
    text: str


@dataclass
class Entry:
    heading: str = ""
    when: str = ""
    where: str = ""  # the bond, as the reader calls it
    who: str = ""
    lines: list[Line] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)


def section_title(name: str, practice: str = "") -> str:
    """A section's heading; none when it would only repeat its practice's name."""
    title = SECTION_TITLES.get(name) or name.replace("_", " ").capitalize()
    return "" if title.casefold() == practice.casefold() else title


def label_for(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


@dataclass
class Reader:
    """How one reader sees a document: their zone, their bonds' names, who is who."""

    zone: zoneinfo.ZoneInfo
    bond_names: Mapping[str, str]  # bond id -> what the reader calls it
    other_names: Mapping[str, str]  # bond id -> the other member's name
    me: str = "You"

    def moment(self, value: Any) -> str:
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(value, datetime.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(self.zone)
            return f"{value:%a} {value.day} {value:%B %Y, %H:%M}"
        if isinstance(value, datetime.date):
            return f"{value:%a} {value.day} {value:%B %Y}"
        return str(value)

    def who(self, record: Mapping[str, Any], bond: str | None) -> str:
        if "mine" not in record:
            return ""
        if record["mine"]:
            return self.me
        return self.other_names.get(bond or "", "") or "The other member"

    def value(self, key: str, value: Any) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if key == "shared_with":
            return self.bond_names.get(value, "") if value else "kept private"
        if key.endswith("_at") or isinstance(value, datetime.date):
            return self.moment(value)
        if isinstance(value, list):
            return ", ".join("–" if v is None else str(v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{label_for(k)}: {v}" for k, v in value.items() if v)
        return str(value)

    def entry(self, record: Mapping[str, Any], bond: str | None = None) -> Entry:
        bond = record.get("bond") or bond
        entry = Entry(
            heading=str(record.get("prompt") or ""),
            where=self.bond_names.get(bond or "", "") if "bond" in record else "",
            who=self.who(record, bond),
        )
        when_key = next((k for k in WHEN_KEYS if record.get(k)), None)
        if when_key:
            entry.when = self.moment(record[when_key])
        for key, value in record.items():
            if key in TECHNICAL or key == when_key or value in (None, "", [], {}):
                continue
            nested = value if isinstance(value, list) else [value]
            if all(isinstance(v, dict) and ("mine" in v or "text" in v) for v in nested):
                for child in nested:
                    shown = self.entry(child, bond)
                    shown.heading = shown.heading or label_for(key)
                    entry.children.append(shown)
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                for child in value:
                    entry.children.append(self.entry(child, bond))
            else:
                entry.lines.append(Line(label_for(key), self.value(key, value)))
        return entry
