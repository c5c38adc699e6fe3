"""Small helpers shared by the together tests."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from heartwork.together import services

HX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, bond, **kwargs) -> str:
    return reverse(f"together:{name}", kwargs={"bond_id": bond.pk, **kwargs})


def log_time(person, bond, *, hours_ago: float = 2, **fields):
    values = {
        "kind": "walk",
        "minutes": 45,
        "when": timezone.now() - datetime.timedelta(hours=hours_ago),
    }
    values.update(fields)
    return services.time_log(person=person, bond=bond, **values)


def plan_time(person, bond, *, hours_ahead: float = 24, **fields):
    return log_time(person, bond, hours_ago=-hours_ahead, **fields)


def local_input(when: datetime.datetime, zone: str = "Europe/London") -> str:
    """A datetime as a person in ``zone`` would type it in the form."""
    import zoneinfo

    return when.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%dT%H:%M")


def form_data(zone: str = "Europe/London", **overrides) -> dict:
    """The log/edit form as a person in ``zone`` fills it in (an hour ago, by their clock)."""
    data = {
        "kind": "walk",
        "title": "",
        "when": local_input(timezone.now() - datetime.timedelta(hours=1), zone),
        "minutes": "40",
        "reflection": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def every_page(bond, *, time=None, session=None) -> list[str]:
    """Every GET page of the together app for this bond, plus the pages around it."""
    pages = [
        url("home", bond),
        url("log", bond),
        url("ideas", bond),
        url("nophone", bond),
        url("ritual", bond),
        url("ritual_entries", bond),
        url("ritual_past", bond),
        reverse("bonds:detail", args=[bond.pk]),
        reverse("today:today"),
    ]
    if time is not None:
        pages += [
            url("time", bond, quality_time_id=time.pk),
            url("edit", bond, quality_time_id=time.pk),
        ]
    if session is not None:
        pages.append(url("nophone_status", bond, nophone_id=session.pk))
    return pages
