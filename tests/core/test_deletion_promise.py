"""The promise made to someone who deletes their account, tested end to end on real files:
back up the database (`heartwork backup`), delete the person, restore the earlier backup
(`heartwork restore`), and try to read.

What they wrote must not open from the backup (their data key was only ever in the
keyring, and is gone from it), while everyone else's writing still opens. Their wrapped
key and ciphertexts must also be gone from the live files, WAL included.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.processes import HEARTWORK, heartwork_env

WRITE = """
from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.checkins.services import checkin_record
from heartwork.prompts import services as prompts
from heartwork.keyring.models import WrappedKey
alex = Person.objects.get(email="alex@demo.heartwork")
bond = Bond.objects.get()
round_ = prompts.round_for_today(bond=bond)
answer = prompts.answer_submit(person=alex, bond=bond, round_=round_, text="ALEX-CANARY answer")
checkin = checkin_record(person=alex, feelings=["hopeful"], intensity=3, note="ALEX-CANARY note")
import json
print(json.dumps({
    "alex": str(alex.pk),
    "wrapped": bytes(WrappedKey.objects.get(person_id=alex.pk).wrapped).hex(),
    "sealed": [answer.text_sealed, checkin.payload_sealed],
}))
"""

DELETE = """
from heartwork.accounts.models import Person
from heartwork.accounts.services import person_delete
person_delete(person=Person.objects.get(email="alex@demo.heartwork"))
"""

READ = """
import json
from heartwork.core.crypto import DecryptionError
from heartwork.prompts.models import Answer
from heartwork.checkins.models import CheckIn

# Real installs in child processes, on SQLite files of their own: the SQLite leg runs these.
ENGINE_FREE = True
opened, refused = {}, {}
for row in list(Answer.objects.all()) + list(CheckIn.objects.all()):
    who = str(row.person_id)
    try:
        row.text if isinstance(row, Answer) else row.payload
        opened[who] = opened.get(who, 0) + 1
    except DecryptionError:
        refused[who] = refused.get(who, 0) + 1
print(json.dumps({"opened": opened, "refused": refused}))
"""


def environment(data_dir: Path, key_file: Path) -> dict:
    return heartwork_env(data_dir, key_file, HEARTWORK_LOG_LEVEL="ERROR")


def shell(env: dict, code: str) -> str:
    result = subprocess.run(
        [HEARTWORK, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def file_bytes(path: Path) -> bytes:
    data = path.read_bytes() if path.exists() else b""
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_a_deleted_persons_writing_cannot_be_read_from_an_earlier_backup(tmp_path):
    live_dir, key_file = tmp_path / "live", tmp_path / "live.key"
    env = environment(live_dir, key_file)
    subprocess.run([HEARTWORK, "demo"], env=env, check=True, capture_output=True, timeout=120)
    written = json.loads(shell(env, WRITE))
    alex = written["alex"]

    backup = tmp_path / "backup-before-deletion.sqlite3"
    made = subprocess.run(
        [HEARTWORK, "backup", str(backup)], env=env, capture_output=True, text=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    before = json.loads(shell(env, READ))
    assert before["opened"].get(alex) == 2 and not before["refused"]

    shell(env, DELETE)

    # The live files no longer hold Alex's wrapped key or writing, WAL included.
    keyring = tmp_path / "live.keyring.sqlite3"
    assert bytes.fromhex(written["wrapped"]) not in file_bytes(keyring)
    for sealed in written["sealed"]:
        assert sealed.encode() not in file_bytes(live_dir / "heartwork.sqlite3")

    # Restore the earlier backup beside today's key file and keyring, and try to read.
    restored_dir = tmp_path / "restored"
    restored_env = environment(restored_dir, key_file) | {"HEARTWORK_KEYRING_FILE": str(keyring)}
    restored = subprocess.run(
        [HEARTWORK, "restore", str(backup)],
        env=restored_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restored.returncode == 0, restored.stderr
    after = json.loads(shell(restored_env, READ))
    assert after["refused"].get(alex) == 2, after
    assert alex not in after["opened"]
    assert sum(after["opened"].values()) >= 2, "everyone else's writing still opens"
