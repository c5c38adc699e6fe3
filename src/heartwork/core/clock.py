"""A person's own clock: the one place that turns "now" into their local date and time.

Requests run in the person's zone already (``PersonTimeZoneMiddleware``), so views use
``timezone.localdate()``. Code that acts for a person outside their own request (the
reminder scheduler, a service called for someone else, a Today section about another
member) asks here instead.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.utils import timezone


def zone_named(name: str | None) -> zoneinfo.ZoneInfo:
    """A zone by its name; UTC if it is unset or no longer known to this machine."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def person_zone(person: Any) -> zoneinfo.ZoneInfo:
    return zone_named(getattr(person, "time_zone", None))


def today_in(zone: str | None, now: datetime.datetime | None = None) -> datetime.date:
    return (now or timezone.now()).astimezone(zone_named(zone)).date()


def local_now(person: Any, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()).astimezone(person_zone(person))


def local_today(person: Any, now: datetime.datetime | None = None) -> datetime.date:
    return local_now(person, now).date()
