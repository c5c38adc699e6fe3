"""Django's database sessions, with the per-request session read as one hand-written query.

Every page view reads the session; the ORM spent more time compiling that read than the
database spent answering it (see heartwork.core.rawsql and docs/benchmarks.md). Writing,
expiry and cleanup are Django's own, unchanged. Settings: SESSION_ENGINE points here.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from heartwork.core.rawsql import datetime_param

_LIVE_SESSION_SQL = "SELECT * FROM django_session WHERE session_key = %s AND expire_date > %s"


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        found = list(self.model.objects.raw(_LIVE_SESSION_SQL, [self.session_key, datetime_param(timezone.now())]))
        if not found:
            self._session_key = None
            return None
        return found[0]
