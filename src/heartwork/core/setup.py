"""Getting a data directory ready to serve: both databases migrated, the key file in place.

`heartwork serve` and `heartwork demo` call this, so a fresh clone needs no other step.
The keyring is migrated first because moving data keys out of an older main database
writes into it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

from heartwork.keyring.router import KEYRING
from heartwork.keyring.services import KeyFileState, key_file_ensure


def prepare_databases() -> KeyFileState:
    call_command("migrate", database=KEYRING, interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)  # rate limits and throttle counts
    return key_file_ensure()


STAMP = ".heartwork-static-stamp"


def static_fingerprint() -> str:
    """A digest of every static source file's path, size and modification time."""
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list([]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_changed(err=sys.stderr) -> bool:
    """Collect static files only when they changed since the last start.

    Collecting on every start rewrote every file (and failed outright on a full disk); now
    an unchanged install starts without writing, and a failed collection over a complete
    earlier one is reported but does not stop the server.
    """
    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP
    fingerprint = static_fingerprint()
    if (
        stamp.exists()
        and stamp.read_text(encoding="utf-8") == fingerprint
        and (root / "staticfiles.json").exists()
    ):
        return False
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except OSError as error:
        if not (root / "staticfiles.json").exists():
            raise
        err.write(
            f"Static files could not be refreshed ({error.strerror}); serving the ones "
            f"collected earlier.\n"
        )
        return False
    stamp.write_text(fingerprint, encoding="utf-8")
    return True
