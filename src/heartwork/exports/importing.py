"""Bringing a person's own writing back from their archive, on this server or another.

Strict, and all or nothing: the upload is read within fixed limits (a zip bomb, a huge
or truncated file, invalid JSON, an unknown or newer format, or a tampered record stops
it with a message), it must be the archive of this account's own e-mail address, and it
goes into an account that has no bonds yet. Everything is restored in one transaction,
so a problem found half way changes nothing.

What comes back: the profile (name, time zone, reminder time), each bond as a bond of
one (named as the person named it; the other member is invited again from its page), and
everything the person wrote that a practice can restore (``Practice.restore``). What the
other member wrote is not restored: they are not here, and it is theirs.
"""

from __future__ import annotations

import datetime
import json
import logging
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from heartwork.accounts.models import Person, validate_time_zone
from heartwork.bonds.models import Bond, Membership
from heartwork.core.archive import ArchiveRecordProblem, keep_created
from heartwork.core.crypto import DecryptionError
from heartwork.core.errors import ApplicationError
from heartwork.core.practices import practices
from heartwork.domain.archive import DOCUMENT_NAME, ArchiveProblem, validate_archive
from heartwork.domain.bonds import BOND_NAME_MAX, BondStatus

log = logging.getLogger("heartwork.exports")

UPLOAD_MAX_BYTES = 64 * 1024 * 1024  # the zip as uploaded
DOCUMENT_MAX_BYTES = 256 * 1024 * 1024  # heartwork-export.json once unpacked
ENTRIES_MAX = 16  # an archive holds three files; a zip of thousands is not ours


class ImportProblem(ApplicationError):
    pass


@dataclass(frozen=True)
class Imported:
    bonds: int
    with_others: int  # bonds that had someone else in them: invite them again
    skipped: tuple[str, ...]  # practices in the archive this server does not have


def _problem(message: str) -> ImportProblem:
    return ImportProblem(f"{message} Nothing was imported.")


def read_archive(upload: IO[bytes], size: int) -> dict[str, Any]:
    """The archive's document, read within limits, or ImportProblem."""
    if size > UPLOAD_MAX_BYTES:
        raise _problem(
            f"That file is larger than an archive can be ({UPLOAD_MAX_BYTES // 2**20} MB)."
        )
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > ENTRIES_MAX:
                raise _problem("That zip holds more than a heartwork archive does.")
            try:
                info = archive.getinfo(DOCUMENT_NAME)
            except KeyError:
                raise _problem(
                    f"That zip has no {DOCUMENT_NAME}: choose the .zip heartwork made, as it "
                    "was downloaded."
                ) from None
            if info.file_size > DOCUMENT_MAX_BYTES:
                raise _problem("The archive inside that zip is larger than heartwork reads.")
            with archive.open(info) as document:
                # Read no more than the limit, whatever the zip claims about its size.
                data = document.read(DOCUMENT_MAX_BYTES + 1)
            if len(data) > DOCUMENT_MAX_BYTES:
                raise _problem("The archive inside that zip is larger than heartwork reads.")
    except ImportProblem:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise _problem(
            "That file is not a complete zip archive (it may have been cut short while "
            "downloading). Download your archive again and choose that."
        ) from None
    except NotImplementedError:  # zipfile's answer to a compression method it lacks
        raise _problem("That zip is packed in a way heartwork does not read.") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _problem(f"The {DOCUMENT_NAME} in that zip is not valid JSON.") from None
    try:
        validate_archive(document)
    except ArchiveProblem as error:
        raise _problem(str(error)) from None
    return document


def _profile(person: Person, record: Mapping[str, Any]) -> None:
    try:
        validate_time_zone(record["time_zone"])
    except ValidationError:
        raise _problem("The archive's time zone is not one this server knows.") from None
    person.display_name = record["display_name"][:60].strip() or person.display_name
    person.time_zone = record["time_zone"]
    person.reminder_time = datetime.time.fromisoformat(record["reminder_time"])
    # Archives from before the theme was a setting have none: the person's stays as it is.
    person.theme = record.get("theme", person.theme)
    person.save(update_fields=["display_name", "time_zone", "reminder_time", "theme"])


def _bonds(person: Person, records: list[dict[str, Any]]) -> dict[str, Bond]:
    made = {}
    for record in records:
        status = record["status"]
        bond = Bond.objects.create(
            kind=record["kind"],
            status=status,
            created_by=person,
            # A pause is lifted only by whoever paused it: here, that can only be them.
            paused_by=person if status == BondStatus.PAUSED else None,
        )
        keep_created(bond, _moment(record["created_at"]))
        membership = Membership(bond=bond, person=person)
        membership.name = record["name"][:BOND_NAME_MAX]
        membership.save()
        keep_created(membership, _moment(record["joined_at"]))
        made[record["id"]] = bond
    return made


def _moment(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)  # checked by validate_archive


def archive_import(*, person: Person, document: Mapping[str, Any]) -> Imported:
    """Restore ``person``'s own writing from a document ``read_archive`` returned."""
    if document["person"]["email"].strip().lower() != person.email.lower():
        raise _problem(
            "That archive belongs to another account. An archive can only be imported by "
            "the person it belongs to, signed in with the same e-mail address."
        )
    if Membership.objects.filter(person=person).exists():
        raise _problem(
            "An archive goes into an account with no bonds yet, so nothing is doubled. "
            "Sign up for a new account with the same e-mail address, then import it there."
        )
    known = {p.label: p for p in practices()}
    parts = document["practices"]
    try:
        with transaction.atomic():
            _profile(person, document["person"])
            bonds = _bonds(person, document["bonds"])
            for label, practice in known.items():
                if practice.restore is not None and label in parts:
                    practice.restore(person, bonds, parts[label])
    except (ImportProblem, ArchiveRecordProblem):
        raise
    except (ValidationError, DatabaseError, DecryptionError, KeyError, TypeError, ValueError):
        log.warning("archive import refused person=%s", person.pk, exc_info=False)
        raise _problem("Part of that archive is not as heartwork wrote it.") from None
    with_others = sum(any(not m["mine"] for m in b["members"]) for b in document["bonds"])
    log.info("archive imported person=%s bonds=%s", person.pk, len(bonds))
    return Imported(
        bonds=len(bonds),
        with_others=with_others,
        skipped=tuple(sorted(set(parts) - set(known))),
    )


def welcome_back(imported: Imported) -> str:
    said = "Welcome back. Your writing is here again"
    if imported.with_others:
        said += (
            ". Each bond is yours alone for now: invite the other person again from its page "
            "when you're ready (what they wrote stays with them)"
        )
    if imported.skipped:
        said += f". This heartwork has no {', '.join(imported.skipped)}, so that part stayed out"
    return said + "."
