"""Hard conversations in the API: the composer's reading of a draft (analyze_message),
drafts, and messages sent between the two members.

As on the page, writing that sounds like danger is never given rewrite advice: the
writer gets the neutral help link instead, and nothing is stored or told to anyone.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from heartwork.api.common import HELP_FIELD, clean_with, help_link, responses
from heartwork.api.links import BODY_ID, links, same
from heartwork.bonds.selectors import bond_for_member
from heartwork.conflict import selectors, services
from heartwork.conflict.forms import DraftForm
from heartwork.conflict.models import DRAFT_MAX
from heartwork.conflict.views import KIND_LABELS, STRENGTH_LABELS  # the page's own words
from heartwork.domain.composer import PART_MAX
from heartwork.domain.language import analyze_message

router = Router(tags=["hard conversations"])

_BOND = "/bonds/{uuid:bond_id}"


class FindingOut(Schema):
    kind: str
    label: str
    start: int = Field(description="text[start:end] is the flagged words, as written.")
    end: int
    explanation: str
    suggestion: str


class ReadingOut(Schema):
    findings: list[FindingOut]
    strengths: list[str]
    help: str | None = HELP_FIELD


class ReadIn(Schema):
    text: str = Field(max_length=DRAFT_MAX)


class MessageOut(Schema):
    id: uuid.UUID
    text: str
    from_me: bool
    sent_at: datetime.datetime | None = Field(description="Null while it is a draft.")
    observation: str
    feeling: str
    need: str
    request: str
    created_at: datetime.datetime
    help: str | None = HELP_FIELD


class MessagesOut(Schema):
    drafts: list[MessageOut]
    sent: list[MessageOut]
    received: list[MessageOut]


class DraftIn(Schema):
    text: str = Field(min_length=1, max_length=DRAFT_MAX)
    observation: str = Field(default="", max_length=PART_MAX)
    feeling: str = Field(default="", max_length=PART_MAX)
    need: str = Field(default="", max_length=PART_MAX)
    request: str = Field(default="", max_length=PART_MAX)


def message_out(person, message, help: str | None = None) -> MessageOut:
    parts = message.parts or {}
    return MessageOut(
        id=message.pk,
        text=message.text,
        from_me=message.author_id == person.pk,
        sent_at=message.sent_at,
        observation=parts.get("observation", ""),
        feeling=parts.get("feeling", ""),
        need=parts.get("need", ""),
        request=parts.get("request", ""),
        created_at=message.created_at,
        help=help,
    )


@router.post(
    _BOND + "/composer/reading", response=responses(ReadingOut), summary="Read a draft gently"
)
def composer_reading(request: HttpRequest, bond_id: uuid.UUID, payload: ReadIn):
    bond_for_member(request.user, bond_id)
    if link := help_link(payload.text):
        return ReadingOut(findings=[], strengths=[], help=link)
    analysis = analyze_message(payload.text)
    return ReadingOut(
        findings=[
            FindingOut(
                kind=f.kind,
                label=KIND_LABELS.get(f.kind, f.kind),
                start=f.start,
                end=f.end,
                explanation=f.explanation,
                suggestion=f.suggestion,
            )
            for f in sorted(analysis.findings, key=lambda f: f.start)
        ],
        strengths=[STRENGTH_LABELS[s] for s in analysis.strengths if s in STRENGTH_LABELS],
    )


@router.get(_BOND + "/messages", response=responses(MessagesOut), summary="Drafts and messages")
def message_list(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    found = selectors.messages_for(request.user, bond)
    return MessagesOut(
        drafts=[message_out(request.user, m) for m in found.drafts],
        sent=[message_out(request.user, m) for m in found.sent],
        received=[message_out(request.user, m) for m in found.received],
    )


@router.post(
    _BOND + "/messages",
    response=responses(MessageOut, 201),
    summary="Save a draft",
    openapi_extra=links(
        201,
        "conflict_message_send",
        "conflict_message_remove",
        bond_id=same("bond_id"),
        message_id=BODY_ID,
    ),
)
def draft_save(request: HttpRequest, bond_id: uuid.UUID, payload: DraftIn):
    bond = bond_for_member(request.user, bond_id)
    form = DraftForm  # the page's form checks the same fields
    data = clean_with(form, payload.dict())
    parts = {k: data.get(k, "") for k in ("observation", "feeling", "need", "request")}
    message = services.message_save(
        person=request.user, bond=bond, message=None, text=data["text"], parts=parts
    )
    written = [data["text"], *parts.values()]
    return Status(201, message_out(request.user, message, help_link(*written)))


@router.post(
    _BOND + "/messages/{uuid:message_id}/send", response=responses(MessageOut), summary="Send it"
)
def message_send(request: HttpRequest, bond_id: uuid.UUID, message_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    message = selectors.message_for_member(request.user, bond, message_id)
    return message_out(request.user, services.message_send(person=request.user, message=message))


@router.delete(
    _BOND + "/messages/{uuid:message_id}",
    response=responses(None, 204),
    summary="Delete a draft, or put a message away from my list",
)
def message_remove(request: HttpRequest, bond_id: uuid.UUID, message_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    message = selectors.message_for_member(request.user, bond, message_id)
    services.message_remove(person=request.user, message=message)
    return Status(204, None)
