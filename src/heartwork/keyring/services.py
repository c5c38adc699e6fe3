"""The key file and the keyring, for operators: making the key file once, checking that
it matches the keys it wrapped, and erasing a person's key for good."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction

from heartwork.core import crypto
from heartwork.keyring.models import WrappedKey
from heartwork.keyring.router import KEYRING

log = logging.getLogger("heartwork.security")


class KeyFileProblem(Exception):
    """The key file cannot be used with the keys already in the keyring."""


@dataclass(frozen=True)
class KeyFileState:
    path: Path
    exists: bool
    file_kek_id: str | None
    stored_kek_ids: frozenset[str]  # ids of the key files that wrapped the stored keys
    readable_by_others: bool
    inside_data_dir: bool

    @property
    def keys_exist(self) -> bool:
        return bool(self.stored_kek_ids)

    @property
    def matches(self) -> bool:
        return not self.keys_exist or self.stored_kek_ids == {self.file_kek_id}


def stored_kek_ids() -> frozenset[str]:
    """The ids of every key file that wrapped a key in the keyring (none on a new install)."""
    try:
        return frozenset(WrappedKey.objects.values_list("kek_id", flat=True).distinct())
    except DatabaseError:  # not migrated yet: a new install holds no keys
        return frozenset()


def key_file_state() -> KeyFileState:
    path = Path(settings.ENCRYPTION_KEY_FILE)
    exists = path.exists()
    file_id = crypto.kek_id(crypto.load_kek(path)) if exists else None
    data_dir = Path(settings.DATA_DIR).resolve()
    return KeyFileState(
        path=path,
        exists=exists,
        file_kek_id=file_id,
        stored_kek_ids=stored_kek_ids(),
        readable_by_others=exists and bool(path.stat().st_mode & 0o077),
        inside_data_dir=data_dir == path.resolve().parent or data_dir in path.resolve().parents,
    )


def key_file_ensure() -> KeyFileState:
    """Make the key file on a new install; refuse when keys exist that it cannot open.

    Called by `heartwork serve` and `heartwork demo` before anything is written, never by
    a request: a key file made up on the spot would split people's keys in two.
    """
    state = key_file_state()
    if not state.exists:
        if state.keys_exist:
            raise KeyFileProblem(
                f"The key file {state.path} is missing, but the keyring holds keys it wrapped. "
                "Restore the key file (from where you keep it apart from your backups) and "
                "start again."
            )
        crypto.create_kek_file(state.path)
        log.info("key file created path=%s", state.path)
        return key_file_state()
    if not state.matches:
        needed = ", ".join(sorted(state.stored_kek_ids))
        raise KeyFileProblem(
            f"The key file {state.path} is not the one that wrapped the keys in the keyring "
            f"(it is {state.file_kek_id}; the keyring needs {needed}). "
            "Put the right key file back."
        )
    return state


def release_freed_pages(alias: str) -> None:
    """After a deletion, push SQLite's write-ahead log into the main file and truncate it.

    With ``secure_delete`` on (set for every SQLite connection), freed pages are zeroed in
    the main file; the checkpoint makes sure no copy of them lingers in the WAL. PostgreSQL
    keeps dead rows until VACUUM reuses their space (docs/security.md says what to do).
    """
    connection = connections[alias]
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DatabaseError:  # busy readers: the next automatic checkpoint will do it
        log.warning("checkpoint after a deletion did not complete database=%s", alias)


def wrapped_key_delete(person_id) -> None:
    deleted, _ = WrappedKey.objects.filter(person_id=person_id).delete()
    release_freed_pages(KEYRING)
    release_freed_pages("default")
    log.info("data key erased person=%s found=%s", person_id, bool(deleted))


# --- Rotating the key file ------------------------------------------------------------


def rotation_files(key_file: Path | str) -> tuple[Path, Path, Path]:
    """The key file, the next one (while a rotation runs) and the previous one (kept until
    the rotation is done). A server looks in all three for the key that wrapped a row."""
    path = Path(key_file)
    return path, path.with_name(path.name + ".next"), path.with_name(path.name + ".previous")


@dataclass(frozen=True)
class Rotation:
    old_kek_id: str
    new_kek_id: str
    rewrapped: int
    kept_previous: Path | None


def _rewrap(keks: dict[str, bytes], new: bytes, *, batch: int = 500) -> int:
    """Wrap every stored data key that is not yet under ``new`` again, a batch per
    transaction so sign-ups never wait long. Returns how many were rewrapped."""
    new_id, done = crypto.kek_id(new), 0
    while True:
        with transaction.atomic(using=KEYRING):
            rows = list(WrappedKey.objects.select_for_update().exclude(kek_id=new_id)[:batch])
            for row in rows:
                if row.kek_id not in keks:
                    raise KeyFileProblem(
                        f"A data key is wrapped by a key file that is not here ({row.kek_id}). "
                        "Put that key file back as the key file and rotate again."
                    )
                owner = str(row.person_id)
                data_key = crypto.unwrap_key(bytes(row.wrapped), keks[row.kek_id], owner=owner)
                row.wrapped = crypto.wrap_key(data_key, new, owner=owner)
                row.kek_id = new_id
                row.save(update_fields=["wrapped", "kek_id"])
        done += len(rows)
        if len(rows) < batch:
            return done


def rotate_key_file(*, keep_previous: bool = False) -> Rotation:
    """Re-wrap every person's data key under a new key file, while heartwork keeps serving.

    1. The new key is written beside the key file as ``<key>.next`` (a stopped rotation
       resumes with it).
    2. Every data key is wrapped again under it. Servers find the key that wrapped a row by
       its id in any of the three files, so nothing fails to open meanwhile.
    3. The old key file is kept as ``<key>.previous`` and the new one takes its place;
       keys made meanwhile by a server still holding the old key are wrapped again.
    4. Every key is checked to open under the new file alone; then the previous file is
       removed (or kept, if asked), and from then on the old key opens nothing.
    The data itself is never re-encrypted: only the small data keys are.
    """
    path, next_path, previous_path = rotation_files(settings.ENCRYPTION_KEY_FILE)
    old = crypto.load_kek(path)
    keks = {crypto.kek_id(old): old}
    if previous_path.exists():  # a rotation that stopped after the swap
        previous = crypto.load_kek(previous_path)
        keks[crypto.kek_id(previous)] = previous
    new = crypto.load_kek(next_path) if next_path.exists() else crypto.create_kek_file(next_path)
    keks[crypto.kek_id(new)] = new
    rewrapped = _rewrap(keks, new)
    if not previous_path.exists():
        os.link(path, previous_path)  # the old key stays reachable until the end
    os.replace(next_path, path)
    rewrapped += _rewrap(keks, new)  # anything wrapped under the old key meanwhile
    for row in WrappedKey.objects.all().iterator():
        crypto.unwrap_key(bytes(row.wrapped), new, owner=str(row.person_id))
    if not keep_previous:
        previous_path.unlink()
    log.info(
        "key file rotated old=%s new=%s rewrapped=%d",
        crypto.kek_id(old),
        crypto.kek_id(new),
        rewrapped,
    )
    return Rotation(
        crypto.kek_id(old), crypto.kek_id(new), rewrapped, previous_path if keep_previous else None
    )
