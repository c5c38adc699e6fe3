"""Reminder choices in a person's archive (heartwork.exports): settings, nothing written."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heartwork.accounts.models import Person
from heartwork.core.archive import Reader
from heartwork.core.practices import Part
from heartwork.reminders.models import WEEKDAYS, ReminderKind, ReminderPreference


def export(person: Person) -> Part:
    return {
        "preferences": [
            {
                "kind": p.kind,
                "enabled": p.enabled,
                "local_time": p.local_time.isoformat(timespec="minutes"),
                "weekday": p.weekday,
                "by_email": p.by_email,
            }
            for p in ReminderPreference.objects.filter(person=person).order_by("kind")
        ]
    }


def restore(person: Person, bonds: Mapping[str, Any], part: Mapping[str, Any]) -> None:
    for record in part.get("preferences", []):
        read = Reader(record, "a reminder choice")
        ReminderPreference.objects.update_or_create(
            person=person,
            kind=read.choice("kind", ReminderKind.values),
            defaults={
                "enabled": read.flag("enabled"),
                "local_time": read.time_of_day("local_time"),
                "weekday": read.number("weekday", 0, len(WEEKDAYS) - 1),
                "by_email": read.flag("by_email"),
            },
        )
