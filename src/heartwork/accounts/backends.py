"""Django's ModelBackend, with the per-request user lookup as one hand-written query.

Every page view loads the logged-in person from the session's user id. The ORM spent more
time compiling that lookup than SQLite spent answering it (see heartwork.core.rawsql and
docs/benchmarks.md); authentication itself (passwords, throttling) is unchanged.
"""

from __future__ import annotations

import uuid

from django.contrib.auth.backends import ModelBackend

from heartwork.accounts.models import Person
from heartwork.core.rawsql import uuid_param

_PERSON_BY_ID_SQL = "SELECT * FROM accounts_person WHERE id = %s"


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            person_id = user_id if isinstance(user_id, uuid.UUID) else uuid.UUID(str(user_id))
        except ValueError:
            return None
        found = list(Person.objects.raw(_PERSON_BY_ID_SQL, [uuid_param(person_id)]))
        if not found or not self.user_can_authenticate(found[0]):
            return None
        return found[0]
