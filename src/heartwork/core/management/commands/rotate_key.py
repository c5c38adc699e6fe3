"""``heartwork rotate-key``: wrap every person's data key under a new key file, without
stopping heartwork. The old key file is kept beside the new one until every key is
wrapped again and checked, then removed (``--keep-previous`` keeps it as
``<key file>.previous``). Back up the new key file and keyring afterwards."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from heartwork.core.crypto import DecryptionError
from heartwork.keyring.services import KeyFileProblem, rotate_key_file


class Command(BaseCommand):
    help = "Re-wrap every data key under a new key file, while heartwork keeps running."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-previous",
            action="store_true",
            help="keep the old key file as <key file>.previous instead of removing it",
        )

    def handle(self, *args, keep_previous: bool, **options):
        try:
            rotation = rotate_key_file(keep_previous=keep_previous)
        except (KeyFileProblem, DecryptionError) as problem:
            raise CommandError(str(problem)) from problem
        self.stdout.write(
            f"Rotated: {rotation.rewrapped} data keys now wrapped by key {rotation.new_kek_id} "
            f"(was {rotation.old_kek_id})."
        )
        if rotation.kept_previous:
            self.stdout.write(f"The old key file is kept at {rotation.kept_previous}.")
        self.stdout.write("Back up the new key file and the keyring now, apart from the data.")
