"""Time together in the API: plans and times shared, reflections (private unless shared)
and the evening check-in, which opens to both only once both have given theirs."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heartwork.api.common import HELP_FIELD, Page, PageQuery, help_link, paginate, responses
from heartwork.api.links import BODY_ID, links, same
from heartwork.bonds.selectors import bond_day, bond_for_member
from heartwork.domain.together import (
    MINUTES_MAX,
    MINUTES_MIN,
    REFLECTION_MAX,
    RITUAL_TEXT_MAX,
    TITLE_MAX,
    ActivityKind,
)
from heartwork.together import selectors, services

router = Router(tags=["time together"])

_BASE = "/bonds/{uuid:bond_id}/together"
_TIME = _BASE + "/times/{uuid:quality_time_id}"


class ReflectionOut(Schema):
    text: str
    shared: bool


class TimeOut(Schema):
    id: uuid.UUID
    kind: ActivityKind
    heading: str
    when: datetime.datetime
    minutes: int
    phones_away: bool
    status: str
    mine: ReflectionOut | None = Field(description="My reflection, shared or not.")
    theirs: ReflectionOut | None = Field(description="Theirs, only if they shared it.")
    created_at: datetime.datetime
    help: str | None = HELP_FIELD


class TimesOut(Schema):
    upcoming: list[TimeOut]
    due: list[TimeOut] = Field(description="Plans whose time has passed: did they happen?")


class TimeIn(Schema):
    kind: ActivityKind
    when: datetime.datetime = Field(description="Ahead: a plan. Up to now: a time that happened.")
    minutes: int = Field(ge=MINUTES_MIN, le=MINUTES_MAX)
    phones_away: bool = False
    title: str = Field(default="", max_length=TITLE_MAX)
    reflection: str = Field(default="", max_length=REFLECTION_MAX)
    share_reflection: bool = False


class ReflectionIn(Schema):
    text: str = Field(min_length=1, max_length=REFLECTION_MAX)
    shared: bool = False


class EntryOut(Schema):
    high: str
    low: str
    feeling: str


class EveningOut(Schema):
    day: datetime.date
    revealed: bool = Field(description="Both have given theirs: both are open.")
    mine: EntryOut | None
    theirs: EntryOut | None = Field(description="Always null until revealed.")
    help: str | None = HELP_FIELD


class EveningIn(Schema):
    high: str = Field(min_length=1, max_length=RITUAL_TEXT_MAX)
    low: str = Field(min_length=1, max_length=RITUAL_TEXT_MAX)
    feeling: str = Field(min_length=1, max_length=40, description="A word from the wheel.")


def _reflection(reflection) -> ReflectionOut | None:
    return (
        None
        if reflection is None
        else ReflectionOut(text=reflection.text, shared=reflection.shared)
    )


def time_out(person, bond, time, help: str | None = None) -> TimeOut:
    view = selectors.time_view(person, bond, time)
    return TimeOut(
        id=time.pk,
        kind=ActivityKind(time.kind),
        heading=time.heading,
        when=time.when,
        minutes=time.minutes,
        phones_away=time.phones_away,
        status=time.status,
        mine=_reflection(view.mine),
        theirs=_reflection(view.theirs),
        created_at=time.created_at,
        help=help,
    )


def _entry(entry) -> EntryOut | None:
    return (
        None if entry is None else EntryOut(high=entry.high, low=entry.low, feeling=entry.feeling)
    )


@router.get(_BASE, response=responses(TimesOut), summary="Plans ahead, and plans now due")
def times(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    person = request.user
    return TimesOut(
        upcoming=[time_out(person, bond, t) for t in selectors.upcoming_times(person, bond)],
        due=[time_out(person, bond, t) for t in selectors.due_times(person, bond)],
    )


@router.get(_BASE + "/past", response=responses(Page[TimeOut]), summary="Time we shared")
def past(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    bond = bond_for_member(request.user, bond_id)
    rows = selectors.past_times(request.user, bond)
    return paginate(
        rows, cursor=page.cursor, limit=page.limit, out=lambda t: time_out(request.user, bond, t)
    )


@router.post(
    _BASE,
    response=responses(TimeOut, 201),
    summary="Plan a time, or log one",
    openapi_extra=links(
        201,
        "together_time_detail",
        "together_reflect",
        bond_id=same("bond_id"),
        quality_time_id=BODY_ID,
    ),
)
def time_log(request: HttpRequest, bond_id: uuid.UUID, payload: TimeIn):
    bond = bond_for_member(request.user, bond_id)
    when = payload.when if timezone.is_aware(payload.when) else timezone.make_aware(payload.when)
    time = services.time_log(
        person=request.user,
        bond=bond,
        kind=payload.kind.value,
        when=when,
        minutes=payload.minutes,
        phones_away=payload.phones_away,
        title=payload.title,
        reflection=payload.reflection,
        share_reflection=payload.share_reflection,
    )
    link = help_link(payload.title, payload.reflection)
    return Status(201, time_out(request.user, bond, time, link))


@router.get(_TIME, response=responses(TimeOut), summary="One time")
def time_detail(request: HttpRequest, bond_id: uuid.UUID, quality_time_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    return time_out(request.user, bond, selectors.time_for_member(bond, quality_time_id))


@router.post(_TIME + "/reflection", response=responses(TimeOut), summary="Write my reflection")
def reflect(
    request: HttpRequest, bond_id: uuid.UUID, quality_time_id: uuid.UUID, payload: ReflectionIn
):
    bond = bond_for_member(request.user, bond_id)
    time = selectors.time_for_member(bond, quality_time_id)
    services.reflection_save(
        person=request.user, bond=bond, time=time, text=payload.text, shared=payload.shared
    )
    return time_out(request.user, bond, time, help_link(payload.text))


@router.get(_BASE + "/evening", response=responses(EveningOut), summary="Tonight's check-in")
def evening(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    view = selectors.ritual_view(request.user, bond, bond_day(bond))
    return EveningOut(
        day=view.day,
        revealed=view.revealed,
        mine=_entry(view.mine),
        theirs=_entry(view.theirs) if view.revealed else None,
    )


@router.post(_BASE + "/evening", response=responses(EveningOut), summary="Give my high and low")
def evening_submit(request: HttpRequest, bond_id: uuid.UUID, payload: EveningIn):
    bond = bond_for_member(request.user, bond_id)
    day = bond_day(bond)
    services.ritual_submit(
        person=request.user,
        bond=bond,
        day=day,
        high=payload.high,
        low=payload.low,
        feeling=payload.feeling,
    )
    view = selectors.ritual_view(request.user, bond, day)
    return EveningOut(
        day=view.day,
        revealed=view.revealed,
        mine=_entry(view.mine),
        theirs=_entry(view.theirs) if view.revealed else None,
        help=help_link(payload.high, payload.low),
    )
