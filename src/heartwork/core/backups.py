"""Backing up and restoring an SQLite install, for operators (`heartwork backup`, `restore`).

A backup is made with SQLite's online backup API from the live connection, so it is
consistent while heartwork serves (a plain file copy of a database in WAL mode is not).
What people wrote can only be read with two more things, which a data backup never holds:
the key file and the keyring (each person's data key). Keeping them apart is what makes
a deleted person's writing unreadable in every earlier data backup (docs/security.md), so
`backup` writes them only when asked, and only to a place of their own.

PostgreSQL installs use `pg_dump` and `pg_restore` (docs/operations.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

from heartwork.keyring.router import KEYRING

# A file is a heartwork database when it has these tables.
MAIN_TABLES = {"django_migrations", "accounts_person", "bonds_bond"}
KEYRING_TABLES = {"django_migrations", "keyring_wrappedkey"}


class BackupProblem(Exception):
    """Said plainly to the operator; nothing was written or overwritten."""


@dataclass(frozen=True)
class Backup:
    data: Path
    keys: Path | None  # the folder holding the keyring and key file, if asked for


def _sqlite_path(alias: str) -> Path:
    database = settings.DATABASES[alias]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise BackupProblem(
            "This install keeps its data in PostgreSQL: back it up with pg_dump and restore "
            "it with pg_restore (docs/operations.md says how, keyring included)."
        )
    return Path(database["NAME"])


def _owner_only(path: Path) -> None:
    """Create ``path`` empty and readable by its owner alone; refuse if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError as error:
        raise BackupProblem(f"{path} already exists; heartwork never overwrites it.") from error


def _copy_live(alias: str, target: Path) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    _owner_only(target)
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    copy.close()


def _tables(path: Path) -> set[str]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        db.close()
    except sqlite3.DatabaseError as error:
        raise BackupProblem(f"{path} is not an SQLite database ({error}).") from error
    return {name for (name,) in rows}


def backup(data_target: Path, *, keys_folder: Path | None = None) -> Backup:
    """Copy the main database to ``data_target``; with ``keys_folder``, also the keyring and
    the key file there (a folder that must not exist yet)."""
    _sqlite_path("default")
    if keys_folder is not None:
        _sqlite_path(KEYRING)
        if keys_folder.exists():
            raise BackupProblem(f"{keys_folder} already exists; choose a new folder for keys.")
        if keys_folder.resolve() == data_target.resolve().parent:
            raise BackupProblem("Keep the keys apart from the data: choose another folder.")
    _copy_live("default", data_target)
    if keys_folder is not None:
        keys_folder.mkdir(parents=True, mode=0o700)
        _copy_live(KEYRING, keys_folder / "keyring.sqlite3")
        key_copy = keys_folder / "key"
        _owner_only(key_copy)
        shutil.copyfile(settings.ENCRYPTION_KEY_FILE, key_copy)
    return Backup(data_target, keys_folder)


def _is_live(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0 and bool(_tables(path))


def _check_source(source: Path, needed: set[str], what: str) -> None:
    if not source.is_file():
        raise BackupProblem(f"{source} is not a file.")
    missing = needed - _tables(source)
    if missing:
        raise BackupProblem(
            f"{source} is not a heartwork {what} (no {', '.join(sorted(missing))})."
        )
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as db:
        (verdict,) = db.execute("PRAGMA integrity_check").fetchone()
    db.close()
    if verdict != "ok":
        raise BackupProblem(f"{source} is damaged: {verdict}")


def _write_copy(source: Path, target: Path) -> None:
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)  # the empty file or stale WAL of a new install
    _owner_only(target)
    with (
        sqlite3.connect(f"file:{source}?mode=ro", uri=True) as live,
        sqlite3.connect(target) as copy,
    ):
        live.backup(copy)
    live.close()
    copy.close()


def restore(data_source: Path, *, keys_folder: Path | None = None) -> list[Path]:
    """Restore a backup into this install, which must hold nothing yet: a database (or
    keyring) with tables in it is live, and is never overwritten. Returns what was written."""
    data_target = _sqlite_path("default")
    targets = [(data_source, data_target, MAIN_TABLES, "database")]
    key_file = Path(settings.ENCRYPTION_KEY_FILE)
    if keys_folder is not None:
        keyring_target = _sqlite_path(KEYRING)
        targets.append((keys_folder / "keyring.sqlite3", keyring_target, KEYRING_TABLES, "keyring"))
        if not (keys_folder / "key").is_file():
            raise BackupProblem(f"{keys_folder} holds no key file.")
        if key_file.exists():
            raise BackupProblem(f"A key file already exists at {key_file}; it is never replaced.")
    for source, target, needed, what in targets:
        _check_source(source, needed, what)
        if _is_live(target):
            raise BackupProblem(
                f"The {what} at {target} already holds data; restore only into a new, empty "
                "data directory (set HEARTWORK_DATA_DIR to one)."
            )
    for alias in ("default", KEYRING):
        connections[alias].close()
    for source, target, _needed, _what in targets:
        _write_copy(source, target)
    written = [target for _source, target, _needed, _what in targets]
    if keys_folder is not None:
        _owner_only(key_file)
        shutil.copyfile(keys_folder / "key", key_file)
        written.append(key_file)
    return written
