"""Backups an operator can trust, on real files and the real commands: `heartwork backup`
while heartwork runs, `heartwork restore` into a new install only, and
`heartwork rotate-key` with every piece of writing still opening afterwards."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest

from heartwork.core import crypto
from tests.processes import HEARTWORK, heartwork_env

COUNT = """
import json
from heartwork.core.crypto import DecryptionError
from heartwork.checkins.models import CheckIn
from heartwork.prompts.models import Answer

# Real installs in child processes, on SQLite files of their own: the SQLite leg runs these.
ENGINE_FREE = True
opened = refused = 0
for row in list(Answer.objects.all()) + list(CheckIn.objects.all()):
    try:
        row.text if isinstance(row, Answer) else row.payload
        opened += 1
    except DecryptionError:
        refused += 1
print(json.dumps({"opened": opened, "refused": refused}))
"""


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HEARTWORK, *args], env=env, capture_output=True, text=True, timeout=120)


def read(env: dict) -> dict:
    result = run(env, "shell", "-c", COUNT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def install_at(root: Path, name: str) -> dict:
    return heartwork_env(root / name, root / f"{name}.key", HEARTWORK_LOG_LEVEL="ERROR")


@pytest.fixture
def live(tmp_path):
    env = install_at(tmp_path, "live")
    result = run(env, "demo")
    assert result.returncode == 0, result.stderr
    assert read(env)["opened"] > 0
    return env


def tables(path: Path) -> set[str]:
    if not path.exists():
        return set()
    with sqlite3.connect(path) as db:
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    return names


def snapshot(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


def test_a_backup_with_its_keys_restores_into_a_new_install_and_everything_opens(live, tmp_path):
    made = run(live, "backup", str(tmp_path / "b.sqlite3"), "--keys", str(tmp_path / "keys"))
    assert made.returncode == 0, made.stderr
    assert "key file and the" in made.stdout and "keyring" in made.stdout
    assert oct((tmp_path / "b.sqlite3").stat().st_mode & 0o777) == "0o600"
    assert b"keyring_wrappedkey" not in (tmp_path / "b.sqlite3").read_bytes()

    fresh = install_at(tmp_path, "fresh")
    restored = run(fresh, "restore", str(tmp_path / "b.sqlite3"), "--keys", str(tmp_path / "keys"))
    assert restored.returncode == 0, restored.stderr
    assert read(fresh) == read(live)
    assert run(fresh, "check").returncode == 0


def test_restore_never_overwrites_a_live_install(live, tmp_path):
    assert run(live, "backup", str(tmp_path / "b.sqlite3")).returncode == 0
    database = tmp_path / "live" / "heartwork.sqlite3"
    before = snapshot(database)
    refused = run(live, "restore", str(tmp_path / "b.sqlite3"))
    assert refused.returncode != 0 and "already holds data" in refused.stderr
    assert snapshot(database) == before


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50],
    ids=["empty", "text", "truncated"],
)
def test_a_broken_backup_is_refused_and_nothing_is_written(tmp_path, content):
    (tmp_path / "bad.sqlite3").write_bytes(content)
    fresh = install_at(tmp_path, "fresh")
    refused = run(fresh, "restore", str(tmp_path / "bad.sqlite3"))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert tables(tmp_path / "fresh" / "heartwork.sqlite3") == set()


def test_a_database_that_is_not_heartwork_is_refused(tmp_path):
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    db.close()
    refused = run(install_at(tmp_path, "fresh"), "restore", str(other))
    assert refused.returncode != 0 and "not a heartwork database" in refused.stderr


def test_backup_never_overwrites_and_keeps_keys_apart(live, tmp_path):
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"precious")
    refused = run(live, "backup", str(taken))
    assert refused.returncode != 0 and taken.read_bytes() == b"precious"
    beside = run(live, "backup", str(tmp_path / "x" / "b.sqlite3"), "--keys", str(tmp_path / "x"))
    assert beside.returncode != 0


def test_rotating_the_key_file_keeps_everything_readable_and_retires_the_old_key(live, tmp_path):
    key_file = tmp_path / "live.key"
    old = crypto.load_kek(key_file)
    before = read(live)
    rotated = run(live, "rotate-key")
    assert rotated.returncode == 0, rotated.stderr
    new = crypto.load_kek(key_file)
    assert new != old and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert not Path(f"{key_file}.previous").exists() and not Path(f"{key_file}.next").exists()
    assert read(live) == before and run(live, "check").returncode == 0
    with sqlite3.connect(tmp_path / "live.keyring.sqlite3") as db:
        rows = db.execute("SELECT person_id, wrapped FROM keyring_wrappedkey").fetchall()
    db.close()
    assert rows
    for person_id, wrapped in rows:
        owner = str(uuid.UUID(person_id))
        crypto.unwrap_key(wrapped, new, owner=owner)
        with pytest.raises(crypto.DecryptionError):
            crypto.unwrap_key(wrapped, old, owner=owner)


def test_a_running_server_keeps_opening_writing_through_a_rotation(alice, settings, tmp_path):
    """A process that read the key file before the rotation finds the new one by itself."""
    from heartwork.accounts import keys
    from heartwork.keyring.services import rotate_key_file

    settings.ENCRYPTION_KEY_FILE = tmp_path / "k"
    crypto.create_kek_file(tmp_path / "k")
    keys._kek.cache_clear()
    keys._cache.clear()
    try:
        sealed = keys.seal_for(alice.pk, "still mine", "test", "row")
        rotation = rotate_key_file(keep_previous=True)
        assert rotation.rewrapped == 1 and rotation.kept_previous is not None
        keys._cache.clear()  # the data key must be unwrapped again, with the stale key cached
        assert keys.open_for(alice.pk, sealed, "test", "row") == "still mine"
    finally:
        keys._kek.cache_clear()
        keys._cache.clear()


@pytest.mark.postgresql
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL leg of the suite",
)
def test_a_postgresql_dump_restores_into_a_fresh_database_and_opens(tmp_path):
    """What docs/operations.md tells a PostgreSQL operator to do, done: pg_dump, then
    pg_restore into a new database, and heartwork reads everything back."""
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    suffix = uuid.uuid4().hex[:8]
    live_db, copy_db = f"hw_live_{suffix}", f"hw_copy_{suffix}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{live_db}"')
        admin.execute(f'CREATE DATABASE "{copy_db}"')
    try:
        live = install_at(tmp_path, "live") | {"DATABASE_URL": f"{server}/{live_db}"}
        assert run(live, "demo").returncode == 0
        dump = tmp_path / "heartwork.dump"
        for command in (
            ["pg_dump", "--format=custom", f"--file={dump}", f"{server}/{live_db}"],
            ["pg_restore", "--no-owner", f"--dbname={server}/{copy_db}", str(dump)],
        ):
            done = subprocess.run(command, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
        copy = live | {"DATABASE_URL": f"{server}/{copy_db}"}
        assert read(copy) == read(live) and read(copy)["opened"] > 0
        assert run(copy, "backup", str(tmp_path / "x.sqlite3")).returncode != 0  # says pg_dump
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            for name in (live_db, copy_db):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
