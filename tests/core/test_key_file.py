"""The key file fails closed: a missing or wrong key file stops heartwork before anyone
gets a 500, and an exposed one is warned about. It is never made on a request."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from heartwork.core import crypto
from tests.processes import HEARTWORK, heartwork_env

# Real installs in child processes, on SQLite files of their own: the SQLite leg runs these.
ENGINE_FREE = True


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([HEARTWORK, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def install(tmp_path):
    """A real data directory, prepared as `heartwork demo` prepares it, with writing in it."""
    env = heartwork_env(tmp_path / "data", tmp_path / "data.key")
    result = run(env, "demo")
    assert result.returncode == 0, result.stderr
    return env, tmp_path


def test_a_new_install_gets_a_key_file_beside_the_data_directory(install):
    env, root = install
    key_file = root / "data.key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert (root / "data.keyring.sqlite3").exists()
    assert oct((root / "data.keyring.sqlite3").stat().st_mode & 0o777) == "0o600"
    result = run(env, "check")
    assert result.returncode == 0, result.stderr


def test_a_missing_key_file_stops_check_and_serve_and_is_not_recreated(install):
    env, root = install
    shutil.move(root / "data.key", root / "elsewhere.key")
    check = run(env, "check")
    assert check.returncode != 0 and "heartwork.E003" in check.stderr
    serve = run(env, "serve", "--port", "1")
    assert serve.returncode != 0 and "missing" in serve.stderr
    demo = run(env, "demo")
    assert demo.returncode != 0
    assert not (root / "data.key").exists(), "a new key file would split people's keys"


def test_the_wrong_key_file_stops_check(install):
    env, root = install
    (root / "data.key").unlink()
    crypto.create_kek_file(root / "data.key")
    check = run(env, "check")
    assert check.returncode != 0 and "heartwork.E004" in check.stderr


def test_an_exposed_key_file_is_warned_about(install):
    env, root = install
    (root / "data.key").chmod(0o644)
    check = run(env, "check")
    assert "heartwork.W002" in check.stderr
    inside = root / "data" / "inside.key"
    shutil.copy(root / "data.key", inside)
    inside.chmod(0o600)
    check = run({**env, "HEARTWORK_KEY_FILE": str(inside)}, "check")
    assert "heartwork.W003" in check.stderr


def test_a_request_never_makes_a_key_file(client, alice, settings, tmp_path):
    from heartwork.accounts import keys

    settings.ENCRYPTION_KEY_FILE = tmp_path / "absent.key"
    keys._kek.cache_clear()
    try:
        with pytest.raises(crypto.KeyFileMissing):
            keys.seal_for(alice.pk, "hello", "test", "row")
        assert not (tmp_path / "absent.key").exists()
    finally:
        keys._kek.cache_clear()
