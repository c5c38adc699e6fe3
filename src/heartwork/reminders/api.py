"""My reminder settings in the API: read them, and change one kind at a time.

Reminders belong to a person, not to a bond, and carry no content. The same form as the
settings page checks what is sent (heartwork.reminders.forms), and the same service saves
it. Devices for notifications stay on the page: a browser subscribes itself there.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heartwork.api.common import clean_with, responses
from heartwork.reminders import services
from heartwork.reminders.forms import PreferenceForm
from heartwork.reminders.models import CADENCE, ReminderKind

router = Router(tags=["reminders"])


class ReminderOut(Schema):
    kind: ReminderKind
    label: str
    cadence: str = Field(description="daily or weekly")
    enabled: bool
    local_time: str = Field(description="HH:MM, in my own time zone.")
    weekday: int = Field(description="For a weekly reminder: Monday 0 … Sunday 6.")
    by_email: bool
    snoozed_until: datetime.date | None


class ReminderIn(Schema):
    kind: ReminderKind
    enabled: bool | None = None
    local_time: str | None = Field(default=None, max_length=5, description="HH:MM")
    weekday: int | None = Field(default=None, ge=0, le=6)
    by_email: bool | None = None


def _reminders(person) -> list[ReminderOut]:
    return [
        ReminderOut(
            kind=ReminderKind(p.kind),
            label=ReminderKind(p.kind).label,
            cadence=str(CADENCE[ReminderKind(p.kind)]),
            enabled=p.enabled,
            local_time=p.local_time.strftime("%H:%M"),
            weekday=p.weekday,
            by_email=p.by_email,
            snoozed_until=p.snoozed_until,
        )
        for p in services.preferences_for(person)
    ]


@router.get("/reminders", response=responses(list[ReminderOut]), summary="My reminders")
def reminder_list(request: HttpRequest):
    return _reminders(request.user)


@router.patch("/reminders", response=responses(list[ReminderOut]), summary="Change a reminder")
def reminder_update(request: HttpRequest, payload: ReminderIn):
    person = request.user
    current = next(p for p in services.preferences_for(person) if p.kind == payload.kind)
    data = {
        "enabled": current.enabled,
        "local_time": current.local_time.strftime("%H:%M"),
        "weekday": current.weekday,
        "by_email": current.by_email,
    }
    data.update(payload.dict(exclude_none=True, exclude={"kind"}))
    cleaned = clean_with(PreferenceForm, data)
    services.preference_save(person=person, kind=payload.kind.value, **cleaned)
    return _reminders(person)
