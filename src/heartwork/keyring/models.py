"""The keyring: each person's data key, wrapped by the key file, kept in its own database.

It lives apart from the main database (see ``heartwork.keyring.router``) so that a backup
of the main database never contains a data key. Deleting a person deletes their row here;
from then on their writing in every earlier backup of the main database is unreadable.
"""

from __future__ import annotations

from django.db import models


class WrappedKey(models.Model):
    # No foreign key: the person lives in the other database.
    person_id = models.UUIDField(primary_key=True)
    wrapped = models.BinaryField()
    kek_id = models.CharField(max_length=16, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"data key for {self.person_id}"
