"""The shape of a person's archive (``heartwork-export.json``) and of a bond's story, and
the strict check an archive passes before anything of it is imported.

Plain Python, no Django: docs/export.md documents the same shape, and
tests/domain/test_archive.py holds the two together.

The document::

    {"schema": "heartwork-export", "version": 1, "exported_at": "<ISO 8601, with offset>",
     "person": {"email", "display_name", "time_zone", "reminder_time", "theme",
                "date_joined"},
     "bonds": [{"id", "kind", "status", "name", "created_at", "joined_at",
                "members": [{"name", "mine"}]}],
     "practices": {"<practice label>": {"<section>": [record, ...]}}}

A record is an object of JSON values. ``bond`` names a bond of ``bonds`` by its id;
``mine`` is false for what the other member wrote; ``restorable: false`` marks what an
import cannot bring back (it needs both people, like a guided talk).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

SCHEMA = "heartwork-export"
STORY_SCHEMA = "heartwork-story"
VERSION = 1
DOCUMENT_NAME = "heartwork-export.json"

BOND_KINDS = frozenset({"partner", "friend", "family", "colleague", "other"})
BOND_STATUSES = frozenset({"active", "paused", "ended"})

TEXT_MAX = 20_000  # longer than anything heartwork lets anyone write
DEPTH_MAX = 12  # the document, a practice, a section, a record, and some nesting

PERSON_FIELDS = {
    "email": str,
    "display_name": str,
    "time_zone": str,
    "reminder_time": str,
    "theme": str,
    "date_joined": str,
}
# Fields an older archive may lack (written before heartwork had them).
PERSON_OPTIONAL = frozenset({"theme"})
THEMES = frozenset({"system", "light", "dark"})
BOND_FIELDS = {
    "id": str,
    "kind": str,
    "status": str,
    "name": str,
    "created_at": str,
    "joined_at": str,
    "members": list,
}
MEMBER_FIELDS = {"name": str, "mine": bool}
TOP_FIELDS = {
    "schema": str,
    "version": int,
    "exported_at": str,
    "person": dict,
    "bonds": list,
    "practices": dict,
}


class ArchiveProblem(ValueError):
    """The document is not an archive heartwork can read. The message is safe to show."""


def _moment(value: str, where: str) -> None:
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise ArchiveProblem(f"{where} is not a date and time.") from None
    if parsed.tzinfo is None:
        raise ArchiveProblem(f"{where} has no time zone offset.")


def _fields(
    value: Any, fields: Mapping[str, type], where: str, optional: frozenset[str] = frozenset()
) -> None:
    if not isinstance(value, dict):
        raise ArchiveProblem(f"{where} should be an object.")
    missing = sorted(set(fields) - set(value) - optional)
    if missing:
        raise ArchiveProblem(f"{where} is missing {', '.join(missing)}.")
    extra = sorted(set(value) - set(fields))
    if extra:
        raise ArchiveProblem(f"{where} has fields heartwork does not know: {', '.join(extra)}.")
    for name, kind in fields.items():
        if name not in value:
            continue
        # bool is an int in Python; a version of true is still not a number.
        if not isinstance(value[name], kind) or (kind is int and isinstance(value[name], bool)):
            raise ArchiveProblem(f"{where}: {name} should be {kind.__name__}.")


def _plain(value: Any, where: str, depth: int) -> None:
    """Only JSON values, within bounds of length and nesting."""
    if depth > DEPTH_MAX:
        raise ArchiveProblem(f"{where} is nested too deeply.")
    if isinstance(value, str):
        if len(value) > TEXT_MAX:
            raise ArchiveProblem(f"{where} holds a text longer than heartwork allows.")
    elif isinstance(value, dict):
        for item in value.values():
            _plain(item, where, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _plain(item, where, depth + 1)
    elif value is not None and not isinstance(value, bool | int | float):
        raise ArchiveProblem(f"{where} holds something that is not JSON.")


def check_version(document: Any, schema: str = SCHEMA) -> None:
    if not isinstance(document, dict) or document.get("schema") != schema:
        raise ArchiveProblem("This is not a heartwork archive.")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveProblem("The archive does not say which version of heartwork wrote it.")
    if version > VERSION:
        raise ArchiveProblem(
            f"This archive was made by a newer heartwork (format {version}; this one reads "
            f"format {VERSION}). Update heartwork, then import it again."
        )


def validate_archive(document: Any) -> None:
    """Raise ArchiveProblem unless ``document`` has the archive's shape, exactly."""
    check_version(document)
    _fields(document, TOP_FIELDS, "The archive")
    _moment(document["exported_at"], "exported_at")
    person = document["person"]
    _fields(person, PERSON_FIELDS, "person", PERSON_OPTIONAL)
    if person.get("theme", "system") not in THEMES:
        raise ArchiveProblem("person.theme should be system, light or dark.")
    _moment(person["date_joined"], "person.date_joined")
    try:
        datetime.time.fromisoformat(person["reminder_time"])
    except ValueError:
        raise ArchiveProblem("person.reminder_time is not a time of day.") from None
    _plain(person, "person", 1)
    ids = set()
    for number, bond in enumerate(document["bonds"], start=1):
        where = f"bond {number}"
        _fields(bond, BOND_FIELDS, where)
        if bond["kind"] not in BOND_KINDS or bond["status"] not in BOND_STATUSES:
            raise ArchiveProblem(f"{where} has an unknown kind or status.")
        for moment in ("created_at", "joined_at"):
            _moment(bond[moment], f"{where}.{moment}")
        for member in bond["members"]:
            _fields(member, MEMBER_FIELDS, f"{where}'s members")
        if sum(m["mine"] for m in bond["members"]) != 1:
            raise ArchiveProblem(f"{where} should name its owner once among its members.")
        if bond["id"] in ids:
            raise ArchiveProblem(f"{where} appears twice.")
        ids.add(bond["id"])
        _plain(bond, where, 1)
    for label, part in document["practices"].items():
        if not isinstance(part, dict):
            raise ArchiveProblem(f"practices.{label} should be an object.")
        for section, records in part.items():
            where = f"practices.{label}.{section}"
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                raise ArchiveProblem(f"{where} should be a list of objects.")
            for record in records:
                _plain(record, where, 3)
                if any(record.get(k) not in ids for k in ("bond", "shared_with") if record.get(k)):
                    raise ArchiveProblem(f"{where} names a bond the archive does not have.")


# What an import does not bring back as it was (see ``comparable``).
ASIDE = frozenset({"id", "exported_at", "date_joined", "shared", "shared_with"})


def comparable(document: Mapping[str, Any]) -> dict[str, Any]:
    """What an import brings back: the document without its ids, its export time and the
    account's sign-up time (the new account's own), what
    the other member wrote (``mine: false``), what only both can restore
    (``restorable: false``) and what was shared (``shared``, ``shared_with``: it comes
    back private). Two exports of the same writing compare equal through this, before
    and after an import (the round trip, tests/exports/test_import.py)."""
    names = {bond["id"]: f"bond-{n}" for n, bond in enumerate(document.get("bonds", []))}

    def keep(value: Any) -> bool:
        return not (
            isinstance(value, dict)
            and (value.get("mine") is False or value.get("restorable") is False)
        )

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: names.get(item, item) if key == "bond" else clean(item)
                for key, item in value.items()
                if key not in ASIDE and keep(item)
            }
        if isinstance(value, list):
            return [clean(item) for item in value if keep(item)]
        return value

    return {key: clean(value) for key, value in document.items() if key not in ASIDE}
