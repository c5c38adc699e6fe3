"""Django's database sessions, refusing session keys Django could not have made.

A cookie holding anything but a key's own letters and digits (a NUL byte, say, which
PostgreSQL refuses in a query) is simply no session. Everything else is Django's own.
Settings: SESSION_ENGINE points here.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(key) and 8 <= len(key) <= 64 and key.isascii() and key.isalnum()
