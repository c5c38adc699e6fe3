"""Middleware that applies heartwork's privacy defaults to every response."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from heartwork.core.clock import person_zone
from heartwork.core.errors import ApplicationError

# Every powerful browser feature is off: heartwork needs none of them. (The old
# "interest-cohort" token is gone from the spec; "browsing-topics" replaced it.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class PrivateByDefaultMiddleware:
    """Private pages are never cached by the browser or a proxy.

    Someone pressing Back on a shared computer after logging out must not see what was
    written. Static files (served earlier by WhiteNoise) keep their long cache lifetimes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Nothing of heartwork's, static files included, may be embedded by another site.
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class ApplicationErrorMiddleware:
    """Turns an ApplicationError that escaped a view into a message and a redirect back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, ApplicationError):
            return None
        messages.error(request, exception.message)
        return redirect("today:today")


class PersonTimeZoneMiddleware:
    """Every request runs in the logged-in person's own time zone.

    With it active, ``timezone.localdate()``, ``timezone.localtime()`` and every date or
    time a template prints are the person's own: one rule for the whole app, as Django's
    time-zone documentation shows. Anonymous requests use UTC.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = person_zone(user) if user is not None and user.is_authenticated else None
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# Methods that change nothing: every other request from a logged-in person may have.
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class PageVersionMiddleware:
    """After any request that may have changed something, the person's ``page_version``
    goes up, so a page kept for them (heartwork.today.cache) is never older than their own
    last change. The API's token auth sets ``request.user`` inside the view; reading it
    after the response sees that too. One UPDATE per write; reads pay nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method not in _SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                people = get_user_model().objects.filter(pk=user.pk)
                people.update(page_version=F("page_version") + 1)
        return response
