"""Notes of thanks in the API: send, read (which marks read, as on the page), answer
with a thank-you, and the private list that only its author ever sees."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heartwork.api.common import HELP_FIELD, Page, PageQuery, help_link, paginate, responses
from heartwork.api.links import BODY_ID, links, same
from heartwork.appreciation import selectors, services
from heartwork.appreciation.models import ThankYou
from heartwork.bonds.selectors import bond_for_member
from heartwork.domain.appreciation import ITEM_MAX, NOTE_MAX, REPLY_MAX

router = Router(tags=["notes of thanks"])

_NOTES = "/bonds/{uuid:bond_id}/notes"


class ThankYouOut(Schema):
    reaction: str
    text: str
    created_at: datetime.datetime


class NoteOut(Schema):
    id: uuid.UUID
    text: str
    from_me: bool
    read: bool = Field(description="Whether the person it was sent to has opened it.")
    thank_you: ThankYouOut | None
    created_at: datetime.datetime
    help: str | None = HELP_FIELD


class WaitingOut(Schema):
    new_notes: int = Field(description="Notes to me not yet opened.")
    newest_note_id: uuid.UUID | None
    new_thanks: int = Field(description="Thank-yous for my notes not yet seen.")


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=NOTE_MAX)


class ThankYouIn(Schema):
    reaction: ThankYou.Reaction | None = None
    text: str = Field(default="", max_length=REPLY_MAX)


class ItemOut(Schema):
    id: uuid.UUID
    text: str
    created_at: datetime.datetime


class ItemIn(Schema):
    text: str = Field(min_length=1, max_length=ITEM_MAX)


def note_out(person, note, help: str | None = None) -> NoteOut:
    thanks = getattr(note, "thank_you", None) if hasattr(note, "thank_you") else None
    return NoteOut(
        id=note.pk,
        text=note.text,
        from_me=note.sender_id == person.pk,
        read=note.read_at is not None,
        thank_you=ThankYouOut(
            reaction=thanks.reaction, text=thanks.text, created_at=thanks.created_at
        )
        if thanks
        else None,
        created_at=note.created_at,
        help=help,
    )


@router.get(_NOTES, response=responses(Page[NoteOut]), summary="Notes between us, newest first")
def note_list(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    bond = bond_for_member(request.user, bond_id)
    notes = selectors.notes_for(request.user, bond)
    return paginate(
        notes, cursor=page.cursor, limit=page.limit, out=lambda n: note_out(request.user, n)
    )


@router.get(_NOTES + "/waiting", response=responses(WaitingOut), summary="What is new for me")
def notes_waiting(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    section = selectors.today_section(request.user, bond=bond, with_nudge=False)
    notes = next(iter(section.new_notes), None)
    thanks = next(iter(section.new_thanks), None)
    return WaitingOut(
        new_notes=notes.count if notes else 0,
        newest_note_id=notes.note_id if notes else None,
        new_thanks=thanks.count if thanks else 0,
    )


@router.post(
    _NOTES,
    response=responses(NoteOut, 201),
    summary="Send a note of thanks",
    # Not to thank_you: that is the other member's to send, never the sender's.
    openapi_extra=links(201, "appreciation_note_detail", bond_id=same("bond_id"), note_id=BODY_ID),
)
def note_send(request: HttpRequest, bond_id: uuid.UUID, payload: NoteIn):
    bond = bond_for_member(request.user, bond_id)
    note = services.note_send(sender=request.user, bond=bond, text=payload.text)
    return Status(201, note_out(request.user, note, help_link(note.text)))


@router.get(_NOTES + "/{uuid:note_id}", response=responses(NoteOut), summary="Open a note")
def note_detail(request: HttpRequest, bond_id: uuid.UUID, note_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    note = selectors.note_for_member(request.user, bond, note_id)
    services.note_open(person=request.user, note=note)
    return note_out(request.user, note)


@router.post(
    _NOTES + "/{uuid:note_id}/thank-you", response=responses(NoteOut), summary="Answer a note"
)
def thank_you(request: HttpRequest, bond_id: uuid.UUID, note_id: uuid.UUID, payload: ThankYouIn):
    bond = bond_for_member(request.user, bond_id)
    note = selectors.note_for_member(request.user, bond, note_id)
    services.thank_you_send(
        person=request.user,
        bond=bond,
        note=note,
        reaction=payload.reaction or "",
        text=payload.text,
    )
    note = selectors.note_for_member(request.user, bond, note_id)
    return note_out(request.user, note, help_link(payload.text))


@router.get(
    "/bonds/{uuid:bond_id}/thanks-list",
    response=responses(Page[ItemOut]),
    summary="My private list",
)
def item_list(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    bond = bond_for_member(request.user, bond_id)
    items = selectors.items_for(request.user, bond)
    return paginate(items, cursor=page.cursor, limit=page.limit, out=lambda i: ItemOut.from_orm(i))


@router.post(
    "/bonds/{uuid:bond_id}/thanks-list", response=responses(ItemOut, 201), summary="Add to it"
)
def item_add(request: HttpRequest, bond_id: uuid.UUID, payload: ItemIn):
    bond = bond_for_member(request.user, bond_id)
    item = services.item_add(person=request.user, bond=bond, text=payload.text)
    return Status(201, ItemOut(id=item.pk, text=item.text, created_at=item.created_at))
