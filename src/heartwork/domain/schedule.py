"""When a reminder is due, in the person's own time zone, across daylight-saving changes.

A reminder belongs to a *slot*: the local date it is for (for weekly reminders, the date
of that week's chosen weekday). A slot is sent at most once; the runner records it
before sending. If the runner was down, a slot is still sent late — but only within
``LATE_WINDOW`` of its time, so nobody gets yesterday's nudge at midnight.
"""

from __future__ import annotations

import datetime
import enum
import zoneinfo
from dataclasses import dataclass

LATE_WINDOW = datetime.timedelta(hours=3)


class Cadence(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class ReminderRule:
    local_time: datetime.time
    zone: str
    cadence: Cadence = Cadence.DAILY
    weekday: int = 6  # Monday 0 … Sunday 6, for weekly reminders
    snoozed_until: datetime.date | None = None


def local_moment(
    day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo
) -> datetime.datetime:
    """The instant ``at`` happens on ``day`` in ``zone``, in UTC.

    On the spring-forward day a time inside the gap (say 01:30 where clocks jump from 01:00
    to 02:00) does not exist; it is read with the offset from before the jump, so the
    reminder comes just after the jump, as late as the gap is long (02:30). On the
    fall-back day a time that happens twice is taken the first time. Both are what
    ``fold=0`` means in Python's zoneinfo.
    """
    return datetime.datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(datetime.UTC)


def due_slot(
    rule: ReminderRule, now: datetime.datetime
) -> tuple[datetime.date, datetime.datetime] | None:
    """The slot that is due at ``now`` (an aware datetime) and when it fell due, or None."""
    zone = zoneinfo.ZoneInfo(rule.zone)
    today = now.astimezone(zone).date()
    for day in (today, today - datetime.timedelta(days=1)):  # a slot late from before midnight
        if rule.cadence is Cadence.WEEKLY and day.weekday() != rule.weekday:
            continue
        if rule.snoozed_until is not None and day <= rule.snoozed_until:
            continue
        moment = local_moment(day, rule.local_time, zone)
        if moment <= now < moment + LATE_WINDOW:
            return day, moment
    return None


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Monday-to-Sunday week ``day`` falls in. A weekly reminder is sent once in it,
    even when its weekday is changed after this week's was sent."""
    start = day - datetime.timedelta(days=day.weekday())
    return start, start + datetime.timedelta(days=6)


def is_new_slot(slot: datetime.date, newest_claimed: datetime.date | None) -> bool:
    """Slots only move forward. If the clock steps back (an NTP correction, a restored
    VM), a slot before the newest already claimed is never claimed again, so nobody gets
    a second reminder for an evening that already had one."""
    return newest_claimed is None or slot > newest_claimed
