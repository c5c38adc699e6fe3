"""Check-ins and the feelings wheel in the API.

A check-in is private unless its author shares it with a bond; the bond's list holds
only what either member shared there (heartwork.checkins.selectors).
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heartwork.api.common import (
    HELP_FIELD,
    Page,
    PageQuery,
    clean_with,
    help_link,
    paginate,
    responses,
)
from heartwork.api.links import BODY_ID, links
from heartwork.bonds.selectors import bond_for_member
from heartwork.checkins import selectors, services
from heartwork.checkins.forms import AcknowledgementForm, CheckInForm
from heartwork.checkins.models import NOTE_MAX, STATEMENT_PART_MAX
from heartwork.domain.feelings import feelings_wheel
from heartwork.safety.routing import heavy_feelings_line

router = Router(tags=["check-ins"])


class FeelingOut(Schema):
    word: str
    definition: str
    ring: int = Field(description="1 core, 2 second ring, 3 most specific")
    core: str
    parent: str | None
    tone: str


class WheelOut(Schema):
    cores: list[str]
    feelings: list[FeelingOut]


class AcknowledgementOut(Schema):
    phrase: str
    reply: str
    is_mine: bool


class CheckInOut(Schema):
    id: uuid.UUID
    day: datetime.date = Field(description="The author's local date.")
    feelings: list[str]
    intensity: int
    note: str
    statement: str = Field(description="The “I feel … when … because …” sentence, if written.")
    shared_with: uuid.UUID | None
    is_mine: bool
    author: str
    acknowledgements: list[AcknowledgementOut]
    created_at: datetime.datetime


class CheckInWritten(CheckInOut):
    help: str | None = HELP_FIELD
    kind_words: str | None = Field(
        default=None, description="A gentle line about help after a heavy check-in, or null."
    )


class CheckInIn(Schema):
    feelings: list[str] = Field(min_length=1, description="Words from the feelings wheel.")
    intensity: int = Field(ge=1, le=5)
    note: str = Field(default="", max_length=NOTE_MAX)
    feel: str = Field(default="", max_length=STATEMENT_PART_MAX)
    when: str = Field(default="", max_length=STATEMENT_PART_MAX)
    because: str = Field(default="", max_length=STATEMENT_PART_MAX)
    share_with: uuid.UUID | None = Field(default=None, description="A bond id, or null: private.")


class AcknowledgeIn(Schema):
    phrase: str = Field(default="", max_length=40)
    reply: str = Field(default="", max_length=500)


def checkin_out(person, checkin, cls: type[CheckInOut] = CheckInOut, **extra) -> CheckInOut:
    mine = checkin.person_id == person.pk
    acks = checkin.acknowledgements.all() if checkin.shared_with_id or not mine else []
    return cls(
        id=checkin.pk,
        day=checkin.day,
        feelings=checkin.feelings,
        intensity=checkin.intensity,
        note=checkin.note,
        statement=checkin.statement,
        shared_with=checkin.shared_with_id,
        is_mine=mine,
        author=checkin.person.display_name,
        acknowledgements=[
            AcknowledgementOut(phrase=a.phrase, reply=a.reply, is_mine=a.person_id == person.pk)
            for a in acks
        ],
        created_at=checkin.created_at,
        **extra,
    )


@router.get("/feelings/wheel", response=responses(WheelOut), summary="The feelings wheel")
def wheel(request: HttpRequest):
    wheel = feelings_wheel()
    return WheelOut(
        cores=list(wheel.cores),
        feelings=[
            FeelingOut(
                word=f.word,
                definition=f.definition,
                ring=f.ring,
                core=f.core,
                parent=f.parent,
                tone=str(f.tone),
            )
            for f in wheel.feelings.values()
        ],
    )


@router.get("/checkins", response=responses(Page[CheckInOut]), summary="My check-ins")
def checkin_list(request: HttpRequest, page: Query[PageQuery]):
    rows = selectors.own_checkins(request.user).select_related("person")
    rows = rows.prefetch_related("acknowledgements")
    return paginate(
        rows, cursor=page.cursor, limit=page.limit, out=lambda c: checkin_out(request.user, c)
    )


@router.post(
    "/checkins",
    response=responses(CheckInWritten, 201),
    summary="Check in",
    openapi_extra=links(
        201,
        "checkins_checkin_detail",
        "checkins_checkin_unshare",
        "checkins_checkin_delete",
        checkin_id=BODY_ID,
    ),
)
def checkin_create(request: HttpRequest, payload: CheckInIn):
    person = request.user
    bonds = selectors.shareable_bonds(person)
    data = clean_with(
        CheckInForm,
        {
            "feelings": payload.feelings,
            "intensity": payload.intensity,
            "note": payload.note,
            "feel": payload.feel,
            "when": payload.when,
            "because": payload.because,
            "share_with": str(payload.share_with) if payload.share_with else "",
        },
        bonds=bonds,
    )
    share = next((b for b in bonds if str(b.pk) == data["share_with"]), None)
    checkin = services.checkin_record(
        person=person,
        feelings=data["chosen"],
        intensity=data["intensity"],
        note=data["note"],
        feel=data["feel"],
        when=data["when"],
        because=data["because"],
        share_with=share,
    )
    line = heavy_feelings_line(person, data["chosen"], data["intensity"])
    written = (data["note"], data["feel"], data["when"], data["because"])
    out = checkin_out(person, checkin, CheckInWritten, help=help_link(*written), kind_words=line)
    return Status(201, out)


@router.get(
    "/checkins/{uuid:checkin_id}",
    response=responses(CheckInOut),
    summary="One of mine",
    openapi_extra=links(
        200, "checkins_checkin_unshare", "checkins_checkin_delete", checkin_id=BODY_ID
    ),
)
def checkin_detail(request: HttpRequest, checkin_id: uuid.UUID):
    return checkin_out(request.user, selectors.own_checkin(request.user, checkin_id))


@router.post(
    "/checkins/{uuid:checkin_id}/unshare", response=responses(CheckInOut), summary="Make private"
)
def checkin_unshare(request: HttpRequest, checkin_id: uuid.UUID):
    checkin = selectors.own_checkin(request.user, checkin_id)
    services.checkin_unshare(person=request.user, checkin=checkin)
    return checkin_out(request.user, checkin)


@router.delete("/checkins/{uuid:checkin_id}", response=responses(None, 204), summary="Delete it")
def checkin_delete(request: HttpRequest, checkin_id: uuid.UUID):
    checkin = selectors.own_checkin(request.user, checkin_id)
    services.checkin_delete(person=request.user, checkin=checkin)
    return Status(204, None)


@router.get(
    "/bonds/{uuid:bond_id}/checkins",
    response=responses(Page[CheckInOut]),
    summary="Check-ins shared in a bond",
)
def bond_checkins(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    bond = bond_for_member(request.user, bond_id)
    rows = selectors.shared_in_bond(request.user, bond)
    return paginate(
        rows, cursor=page.cursor, limit=page.limit, out=lambda c: checkin_out(request.user, c)
    )


@router.post(
    "/bonds/{uuid:bond_id}/checkins/{uuid:checkin_id}/acknowledge",
    response=responses(CheckInWritten),
    summary="Answer a check-in the other shared",
)
def acknowledge(
    request: HttpRequest, bond_id: uuid.UUID, checkin_id: uuid.UUID, payload: AcknowledgeIn
):
    bond = bond_for_member(request.user, bond_id)
    checkin = selectors.shared_checkin_for_other(request.user, bond, checkin_id)
    data = clean_with(AcknowledgementForm, {"phrase": payload.phrase, "reply": payload.reply})
    services.acknowledge(
        person=request.user, checkin=checkin, phrase=data["phrase"], reply=data["reply"]
    )
    return checkin_out(request.user, checkin, CheckInWritten, help=help_link(data["reply"]))
