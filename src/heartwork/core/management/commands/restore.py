"""``heartwork restore SRC [--keys FOLDER]``: put a backup into a new, empty install.

It refuses to overwrite a database, keyring or key file that already holds anything, and
checks that each file is a heartwork database and undamaged before writing a byte.

    HEARTWORK_DATA_DIR=/srv/heartwork-new heartwork restore /backups/heartwork.sqlite3 \\
        --keys /secure/heartwork-keys-2026-12-02
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heartwork.core.backups import BackupProblem, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty data directory (never over a live one)."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="a database backup made by heartwork backup")
        parser.add_argument(
            "--keys", type=Path, metavar="FOLDER", help="the keys folder made by backup --keys"
        )

    def handle(self, *args, source: Path, keys: Path | None, **options):
        try:
            written = restore(source, keys_folder=keys)
        except BackupProblem as problem:
            raise CommandError(str(problem)) from problem
        for path in written:
            self.stdout.write(f"Restored {path}.")
        if keys is None:
            self.stdout.write(
                "Only the database was restored: writing opens with the key file and keyring "
                "already in place (or restore them with --keys)."
            )
        self.stdout.write("Run `heartwork migrate` if this heartwork is newer than the backup.")
