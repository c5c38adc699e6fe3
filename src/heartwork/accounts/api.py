"""The API's "me": who I am and my settings (the same form as Settings checks them)."""

from __future__ import annotations

import datetime
import uuid
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heartwork.accounts.forms import ProfileForm
from heartwork.accounts.models import DISPLAY_NAME_MAX
from heartwork.api.common import responses

router = Router(tags=["me"])

ThemeName = Literal["system", "light", "dark"]  # accounts.models.Theme


class MeOut(Schema):
    id: uuid.UUID
    email: str
    display_name: str
    time_zone: str
    reminder_time: str = Field(description="HH:MM, in the person's own time zone.")
    theme: ThemeName = Field(description="system (the device's own setting), light or dark.")
    date_joined: datetime.datetime


class MeIn(Schema):
    display_name: str | None = Field(default=None, min_length=1, max_length=DISPLAY_NAME_MAX)
    time_zone: str | None = Field(default=None, description="An IANA zone, e.g. Europe/London.")
    reminder_time: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}$")
    theme: ThemeName | None = Field(default=None, description="system, light or dark.")


def _me(person) -> MeOut:
    return MeOut(
        id=person.pk,
        email=person.email,
        display_name=person.display_name,
        time_zone=person.time_zone,
        reminder_time=person.reminder_time.strftime("%H:%M"),
        theme=person.theme,
        date_joined=person.date_joined,
    )


@router.get("", response=responses(MeOut), summary="Who I am, and my settings")
def me(request: HttpRequest):
    return _me(request.user)


@router.patch(
    "", response=responses(MeOut), summary="Change my name, time zone, reminder time or theme"
)
def me_update(request: HttpRequest, payload: MeIn):
    person = request.user
    data = {
        "display_name": person.display_name,
        "time_zone": person.time_zone,
        "reminder_time": person.reminder_time.strftime("%H:%M"),
        "theme": person.theme,
    }
    data.update(payload.dict(exclude_none=True))
    form = ProfileForm(data, instance=person)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    form.save()
    return _me(person)
