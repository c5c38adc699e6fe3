"""Bonds and invites in the API. Every bond id goes through ``bond_for_member``: anyone
who is not in the bond gets 404, whether or not it exists."""

from __future__ import annotations

import datetime
import uuid

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heartwork.api.common import Page, PageQuery, paginate, responses
from heartwork.api.links import BODY_ID, body, links, same
from heartwork.bonds import selectors, services
from heartwork.domain.bonds import BOND_NAME_MAX, BondKind, BondStatus

router = Router(tags=["bonds"])


class MemberOut(Schema):
    display_name: str
    is_me: bool


class BondOut(Schema):
    id: uuid.UUID
    name: str = Field(description="What I call this bond (each member names it for themselves).")
    kind: BondKind
    status: BondStatus
    members: list[MemberOut]
    paused_by_me: bool
    invite_expires_at: datetime.datetime | None = Field(
        description="When the open invite link stops working; null when there is none."
    )
    created_at: datetime.datetime


class BondIn(Schema):
    name: str = Field(min_length=1, max_length=BOND_NAME_MAX)
    kind: BondKind


class RenameIn(Schema):
    name: str = Field(min_length=1, max_length=BOND_NAME_MAX)


class InviteOut(Schema):
    link: str = Field(description="Shown once: only a hash of it is kept.")
    expires_at: datetime.datetime


class AcceptIn(Schema):
    token: str = Field(min_length=1, max_length=200, description="The token from an invite link.")


def bond_out(person, bond, members: list | None = None) -> BondOut:
    if members is None:
        members = [m.person for m in bond.memberships.select_related("person")]
    invite = selectors.open_invite(bond)
    return BondOut(
        id=bond.pk,
        name=bond.name,
        kind=BondKind(bond.kind),
        status=BondStatus(bond.status),
        members=[MemberOut(display_name=p.display_name, is_me=p.pk == person.pk) for p in members],
        paused_by_me=bond.paused_by_id == person.pk,
        invite_expires_at=invite.expires_at if invite else None,
        created_at=bond.created_at,
    )


@router.get(
    "",
    response=responses(Page[BondOut]),
    summary="My bonds, newest first",
    openapi_extra=links(
        200,
        "bonds_bond_detail",
        "prompts_prompt_today",
        "checkins_bond_checkins",
        "appreciation_note_send",
        bond_id=body("items/0/id"),
    ),
)
def bond_list(request: HttpRequest, page: Query[PageQuery]):
    person = request.user
    bonds = selectors.bonds_for_person(person).prefetch_related("memberships__person")

    def out(bond):
        selectors.name_bonds(person, [bond])
        return bond_out(person, bond, [m.person for m in bond.memberships.all()])

    return paginate(bonds, cursor=page.cursor, limit=page.limit, out=out)


@router.post(
    "",
    response=responses(BondOut, 201),
    summary="Start a bond",
    openapi_extra=links(
        201,
        "bonds_bond_detail",
        "bonds_invite_create",
        "prompts_prompt_today",
        "checkins_bond_checkins",
        "appreciation_note_send",
        "repair_repair_open",
        "conflict_draft_save",
        "together_time_log",
        bond_id=BODY_ID,
    ),
)
def bond_create(request: HttpRequest, payload: BondIn):
    bond = services.bond_create(person=request.user, name=payload.name, kind=payload.kind)
    return Status(201, bond_out(request.user, bond))


@router.get(
    "/{uuid:bond_id}",
    response=responses(BondOut),
    summary="One of my bonds",
    openapi_extra=links(200, "bonds_bond_rename", "bonds_bond_pause", bond_id=BODY_ID),
)
def bond_detail(request: HttpRequest, bond_id: uuid.UUID):
    return bond_out(request.user, selectors.bond_for_member(request.user, bond_id))


@router.patch("/{uuid:bond_id}", response=responses(BondOut), summary="Rename it, for me")
def bond_rename(request: HttpRequest, bond_id: uuid.UUID, payload: RenameIn):
    bond = selectors.bond_for_member(request.user, bond_id)
    services.bond_rename(person=request.user, bond=bond, name=payload.name)
    return bond_out(request.user, bond)


@router.post(
    "/{uuid:bond_id}/pause",
    response=responses(BondOut),
    summary="Pause the bond",
    openapi_extra=links(200, "bonds_bond_resume", bond_id=BODY_ID),
)
def bond_pause(request: HttpRequest, bond_id: uuid.UUID):
    bond = selectors.bond_for_member(request.user, bond_id)
    return bond_out(request.user, services.bond_pause(person=request.user, bond=bond))


@router.post("/{uuid:bond_id}/resume", response=responses(BondOut), summary="Resume it")
def bond_resume(request: HttpRequest, bond_id: uuid.UUID):
    bond = selectors.bond_for_member(request.user, bond_id)
    return bond_out(request.user, services.bond_resume(person=request.user, bond=bond))


@router.post("/{uuid:bond_id}/leave", response=responses(None, 204), summary="Leave the bond")
def bond_leave(request: HttpRequest, bond_id: uuid.UUID):
    bond = selectors.bond_for_member(request.user, bond_id)
    services.bond_leave(person=request.user, bond=bond)
    return Status(204, None)


@router.post(
    "/{uuid:bond_id}/invite",
    response=responses(InviteOut, 201),
    summary="New invite",
    openapi_extra=links(201, "bonds_bond_detail", "bonds_invite_revoke", bond_id=same("bond_id")),
)
def invite_create(request: HttpRequest, bond_id: uuid.UUID):
    bond = selectors.bond_for_member(request.user, bond_id)
    issued = services.invite_create(person=request.user, bond=bond)
    path = reverse("bonds:invite_open", kwargs={"token": issued.token})
    link = request.build_absolute_uri(path)
    return Status(201, InviteOut(link=link, expires_at=issued.invite.expires_at))


@router.delete("/{uuid:bond_id}/invite", response=responses(None, 204), summary="Withdraw it")
def invite_revoke(request: HttpRequest, bond_id: uuid.UUID):
    bond = selectors.bond_for_member(request.user, bond_id)
    services.invite_revoke(person=request.user, bond=bond)
    return Status(204, None)


@router.post("/join", response=responses(BondOut), summary="Accept an invite by its token")
def invite_accept(request: HttpRequest, payload: AcceptIn):
    invite, _state = selectors.invite_from_token(payload.token)
    if invite is None:
        raise Http404("No such invite.")
    bond = services.invite_accept(person=request.user, invite_id=invite.pk)
    return bond_out(request.user, selectors.bond_for_member(request.user, bond.pk))
