"""Repair in the API: open one, and the person responsible writes and sends it.

What they write reaches the one who was hurt only once sent (repair_view decides, as on
the page). Repair is offered only where the private safety check allows it; the answer
for anyone else is the same refusal the page gives, and says nothing of why.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from heartwork.api.common import HELP_FIELD, help_link, responses
from heartwork.api.links import BODY_ID, links, same
from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.repair import selectors, services
from heartwork.repair.models import TEXT_MAX
from heartwork.safety.selectors import repair_is_offered

router = Router(tags=["repair"])

_BOND = "/bonds/{uuid:bond_id}/repairs"
_ONE = _BOND + "/{uuid:repair_id}"


class CommitmentOut(Schema):
    change: str
    evidence: str


class RepairOut(Schema):
    id: uuid.UUID
    stage: str
    i_was_hurt: bool
    can: list[str] = Field(description="What I may do next.")
    visible: bool = Field(description="Whether what was written is open to me yet.")
    accountability: str | None = Field(description="Null unless visible.")
    apology: str | None = Field(description="Null unless visible.")
    commitments: list[CommitmentOut]
    created_at: datetime.datetime
    help: str | None = HELP_FIELD


class RepairsOut(Schema):
    offered: bool
    current: RepairOut | None


class OpenIn(Schema):
    i_was_hurt: bool


class WriteIn(Schema):
    accountability: str = Field(default="", max_length=TEXT_MAX)
    apology: str = Field(default="", max_length=TEXT_MAX)


def repair_out(person, bond, repair, help: str | None = None) -> RepairOut:
    others = other_members(bond, person)
    view = selectors.repair_view(
        person, repair, others[0].display_name if others else "", timezone.now()
    )
    return RepairOut(
        id=repair.pk,
        stage=str(repair.stage),
        i_was_hurt=view.is_hurt,
        can=sorted(str(getattr(a, "value", a)) for a in view.can),
        visible=view.visible,
        accountability=repair.accountability if view.visible else None,
        apology=repair.apology if view.visible else None,
        commitments=[CommitmentOut(change=c.change, evidence=c.evidence) for c in view.commitments],
        created_at=repair.created_at,
        help=help,
    )


@router.get(_BOND, response=responses(RepairsOut), summary="Whether repair is offered, and now")
def repairs(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    current = selectors.open_repair(bond)
    return RepairsOut(
        offered=repair_is_offered(request.user, bond),
        current=repair_out(request.user, bond, current) if current else None,
    )


@router.post(
    _BOND,
    response=responses(RepairOut, 201),
    summary="Open a repair",
    openapi_extra=links(
        201,
        "repair_repair_detail",
        "repair_repair_write",
        "repair_repair_send",
        bond_id=same("bond_id"),
        repair_id=BODY_ID,
    ),
)
def repair_open(request: HttpRequest, bond_id: uuid.UUID, payload: OpenIn):
    bond = bond_for_member(request.user, bond_id)
    repair = services.repair_open(person=request.user, bond=bond, i_was_hurt=payload.i_was_hurt)
    return Status(201, repair_out(request.user, bond, repair))


@router.get(_ONE, response=responses(RepairOut), summary="One repair")
def repair_detail(request: HttpRequest, bond_id: uuid.UUID, repair_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    return repair_out(request.user, bond, selectors.repair_for_member(bond, repair_id))


@router.post(
    _ONE + "/write",
    response=responses(RepairOut),
    summary="Write, until it is sent",
    openapi_extra=links(
        200,
        "repair_repair_detail",
        "repair_repair_send",
        bond_id=same("bond_id"),
        repair_id=BODY_ID,
    ),
)
def repair_write(request: HttpRequest, bond_id: uuid.UUID, repair_id: uuid.UUID, payload: WriteIn):
    bond = bond_for_member(request.user, bond_id)
    repair = selectors.repair_for_member(bond, repair_id)
    services.repair_write(
        person=request.user,
        repair=repair,
        accountability=payload.accountability,
        apology=payload.apology,
    )
    link = help_link(payload.accountability, payload.apology)
    return repair_out(request.user, bond, repair, link)


@router.post(_ONE + "/send", response=responses(RepairOut), summary="Send it to them")
def repair_send(request: HttpRequest, bond_id: uuid.UUID, repair_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    repair = selectors.repair_for_member(bond, repair_id)
    return repair_out(request.user, bond, services.repair_send(person=request.user, repair=repair))
