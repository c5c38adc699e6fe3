"""A unique marker written through every free-text field of every practice appears
nowhere it must not: the SQLite file and its WAL, a PostgreSQL dump, the server's logs,
or the e-mails sent.

The fields are found by walking the models for ``SealedText`` (and ``SealedJSON``)
descriptors, so a new practice's field is checked the day it is written: the test fails
if any of them was left without the marker. The marker must also come out in the
person's own archive, so the test cannot pass by writing nothing.
"""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from heartwork.accounts.services import password_reset_request
from heartwork.reminders.models import ReminderPreference
from heartwork.reminders.services import reminder_send, reminders_claim_due
from tests.exports.world import write_everything
from tests.processes import HEARTWORK, heartwork_env

REPO = Path(__file__).resolve().parents[2]

WRITE = """
import io, json, zipfile
from django.apps import apps
from heartwork.accounts.models import Person
from heartwork.core.sealed import SealedText
from heartwork.exports.services import archive_write
from tests.exports.world import write_everything

MARKER = {marker!r}
alice = Person.objects.create_user("marker-a@example.com", "a-long-pass-1", display_name="A")
bob = Person.objects.create_user("marker-b@example.com", "a-long-pass-1", display_name="B")
world = write_everything(alice, bob, lambda what: f"{{MARKER}} {{what}}")

# Sealed fields that hold no free text (check-up answers are numbers, a TOTP secret is hex)
# get the marker written straight into them, to prove their columns are sealed too.
from heartwork.accounts.models import TOTPDevice
from heartwork.checkup import services as checkup
from heartwork.checkup.models import ReflectionEntry
entry = checkup.checkup_record(person=alice, bond=world["bond"], answers={{"emo-1": (2, 5)}})
entry.answers = {{MARKER: "check-up answers"}}
entry.save()
reflection = ReflectionEntry(bond=world["bond"], person=alice, kind="close", score=50)
reflection.answers = {{MARKER: 3}}
reflection.save()
device = TOTPDevice(user=bob, name="marker")
device.key = f"{{MARKER}} totp"
device.save()
# An invite link's token is random, not text; the marker goes straight into it the same way.
from heartwork.bonds import services as bonds
from heartwork.domain.bonds import BondKind
solo = bonds.bond_create(person=alice, name="marker solo", kind=BondKind.FRIEND)
invite = bonds.invite_create(person=alice, bond=solo).invite
invite.token = f"{{MARKER}} invite link"
invite.save()

covered = {{}}
for model in apps.get_models():
    for name, attr in vars(model).items():
        if isinstance(attr, SealedText):
            rows = model._default_manager.all()
            covered[f"{{model._meta.label}}.{{name}}"] = sum(
                MARKER in json.dumps(getattr(row, name)) for row in rows
            )
out = io.BytesIO()
archive_write(person=alice, out=out)
with zipfile.ZipFile(out) as archive:
    in_archive = MARKER in archive.read("heartwork-export.json").decode()
print(json.dumps({{"covered": covered, "in_archive": in_archive}}))
"""


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [HEARTWORK, *args], env=env, capture_output=True, text=True, timeout=300, cwd=REPO
    )


def _write_everything(env: dict, marker: str) -> tuple[dict, str]:
    """Fill an install through every practice; what it printed, and its logs."""
    made = _run(env, "demo")
    assert made.returncode == 0, made.stderr
    done = _run(env, "shell", "-c", WRITE.format(marker=marker))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    missed = [field for field, rows in result["covered"].items() if not rows]
    assert not missed, f"no marker written through {missed}: teach tests/exports/world.py"
    assert len(result["covered"]) >= 20 and result["in_archive"]
    return result, made.stdout + made.stderr + done.stderr


def _install(tmp_path: Path, **extra: str) -> dict:
    pythonpath = os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(REPO)]))
    return heartwork_env(
        tmp_path / "data",
        tmp_path / "heartwork.key",
        HEARTWORK_LOG_LEVEL="DEBUG",
        PYTHONPATH=pythonpath,
        **extra,
    )


def _everything_under(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file())


def test_the_marker_is_nowhere_in_the_sqlite_files_or_the_logs(tmp_path):
    marker = f"MARKER-{uuid.uuid4().hex}"
    env = _install(tmp_path)
    _, logs = _write_everything(env, marker)
    database = tmp_path / "data" / "heartwork.sqlite3"
    wal = database.with_name(database.name + "-wal")
    assert database.exists()
    for path in (database, wal, tmp_path / "data.keyring.sqlite3"):
        if path.exists():
            assert marker.encode() not in path.read_bytes(), path.name
    # Nothing else the install keeps (the e-mail outbox among it) holds it either.
    assert marker.encode() not in _everything_under(tmp_path / "data")
    assert "heartwork" in logs and marker not in logs


@pytest.mark.postgresql
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL leg of the suite",
)
def test_the_marker_is_nowhere_in_a_postgresql_dump(tmp_path):
    import psycopg

    marker = f"MARKER-{uuid.uuid4().hex}"
    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"hw_marker_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _install(tmp_path, DATABASE_URL=f"{server}/{name}")
        _, logs = _write_everything(env, marker)
        dump = subprocess.run(
            ["pg_dump", "--format=plain", f"{server}/{name}"],
            capture_output=True,
            timeout=120,
        )
        assert dump.returncode == 0, dump.stderr
        assert b"heartwork_answer" in dump.stdout or b"prompts_answer" in dump.stdout
        assert marker.encode() not in dump.stdout
        assert marker not in logs
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_marker_is_in_no_log_record_or_e_mail(client, alice, bob, caplog, settings):
    """In the running app: every practice written, the archive downloaded, a story read,
    a bad import refused, a reset and every reminder e-mailed; logs caught at DEBUG."""
    marker = f"MARKER-{uuid.uuid4().hex}"
    caplog.set_level(logging.DEBUG)
    world = write_everything(alice, bob, lambda what: f"{marker} {what}")
    client.force_login(alice)
    archive = client.post(reverse("exports:export"))
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as unpacked:
        assert marker in unpacked.read("index.html").decode()  # it really was written
    client.get(reverse("exports:story", args=[world["bond"].pk]))
    client.post(reverse("exports:import"), {"archive": ("x.zip", b"PK broken")})
    for kind in ("checkin", "appreciation", "prompt", "quality_time"):
        ReminderPreference.objects.update_or_create(
            person=bob, kind=kind, defaults={"enabled": True}
        )
    with time_machine.travel("2030-01-07 01:00:00+00:00"):  # Sunday, 20:00 for Bob
        for delivery in reminders_claim_due():
            reminder_send(delivery_id=str(delivery.pk))
    password_reset_request(email=alice.email, send=True)
    assert len(mail.outbox) >= 5, [m.subject for m in mail.outbox]  # four reminders, a reset
    for message in mail.outbox:
        whole = message.message().as_string()
        assert marker not in whole, message.subject
    assert caplog.records and marker not in caplog.text
