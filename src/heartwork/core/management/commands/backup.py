"""``heartwork backup DEST [--keys FOLDER]``: a consistent copy of the database while
heartwork runs, and, only when asked, the keys that open it, kept in a place of their own.

    heartwork backup /backups/heartwork-2026-12-02.sqlite3
    heartwork backup /backups/heartwork.sqlite3 --keys /secure/heartwork-keys-2026-12-02
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heartwork.core.backups import BackupProblem, backup

AFTER = """\
The backup holds what people wrote, sealed: it opens only with the key file and the
keyring, which it does not contain. Keep those apart from data backups, few and
short-lived (docs/operations.md): a keyring backup older than an account's deletion can
open that person's writing in a data backup of the same age."""


class Command(BaseCommand):
    help = "Back up the SQLite database while heartwork runs (the keys only with --keys)."

    def add_arguments(self, parser):
        parser.add_argument("destination", type=Path, help="a new file for the database copy")
        parser.add_argument(
            "--keys",
            type=Path,
            metavar="FOLDER",
            help="also copy the keyring and the key file into this new folder, apart from the data",
        )

    def handle(self, *args, destination: Path, keys: Path | None, **options):
        try:
            made = backup(destination, keys_folder=keys)
        except BackupProblem as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(f"Database backed up to {made.data}.")
        if made.keys is not None:
            self.stdout.write(f"Keyring and key file copied to {made.keys}: store it elsewhere.")
        self.stdout.write(AFTER)
