"""Who is calling the API: a personal access token, or the web app's own session.

- ``Authorization: Bearer hwpat_…``: a token its person made in Settings. A read token
  may only read; a write token may read and write. Each use keeps the last-used time.
- The session cookie, for heartwork's own pages: Django's session with its CSRF check
  (django-ninja checks the CSRF token on every unsafe request made with the cookie).

Either way the request then runs as that person, in their own time zone, exactly as the
pages do. Every caller is rate-limited: per token, or per person for the session.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from heartwork.api.selectors import token_from_secret
from heartwork.api.services import token_touch
from heartwork.core.clock import person_zone
from heartwork.core.ratelimit import Limit, hit
from heartwork.domain.api_tokens import allows

# Generous for a phone app and a script, small enough that a leaked token cannot be used
# to hammer the server. Kept in the shared cache table, like every other limit.
RATE = Limit(scope="api", count=120, seconds=60)


def _run_as(request: HttpRequest, person: Any) -> Any:
    request.user = person
    timezone.activate(person_zone(person))  # PersonTimeZoneMiddleware deactivates it after
    return person


class TokenAuth(HttpBearer):
    openapi_description = "A personal access token made in Settings › Access tokens."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = token_from_secret(token)
        if record is None:
            return None
        if not allows(record.scope_enum, request.method or "GET"):
            raise AuthorizationError(message="This token may only read. Make a read and write one.")
        token_touch(token=record)
        request.api_token = record  # type: ignore[attr-defined]
        return _run_as(request, record.person)


class CookieSessionAuth(SessionAuth):
    """The web app's own calls: the session cookie, with Django's CSRF check."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        request.api_token = None  # type: ignore[attr-defined]
        return _run_as(request, user)


class PerCallerThrottle(BaseThrottle):
    """RATE per token, or per person for session calls (heartwork.core.ratelimit)."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "api_token", None)
        key = f"token:{token.pk}" if token is not None else f"person:{request.user.pk}"
        return hit(RATE, key)

    def wait(self) -> float | None:
        return float(RATE.seconds)
