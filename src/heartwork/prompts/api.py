"""Prompts in the API: today's prompt for a bond, answers, the thread of replies, comfort,
and asking to change today's prompt (which, as on the page, waits for the other's yes).

The reveal rule holds here as on the page (heartwork.prompts.selectors.round_view, which
asks heartwork.domain.reveal): the other member's answer and replies are absent from
every response until both have answered, and nothing says whether they have.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Query, Router, Schema
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
from heartwork.api.links import BODY_ID, links, same
from heartwork.bonds.selectors import bond_day, bond_for_member
from heartwork.domain.prompt_changes import ChangeKind
from heartwork.prompts import selectors, services
from heartwork.prompts.forms import AnswerForm, ComfortForm, ReplyForm
from heartwork.prompts.models import ANSWER_MAX, REPLY_MAX, Reply

router = Router(tags=["prompts"])

_BOND = "/bonds/{uuid:bond_id}/prompt"
_ROUND = _BOND + "/{uuid:round_id}"


class PromptOut(Schema):
    id: str
    text: str
    type: str
    depth: int
    theme: str
    follow_ups: list[str]


class AnswerOut(Schema):
    text: str
    comfort: int | None
    written_alone: bool = Field(description="Written before anyone else was in the bond.")
    updated_at: datetime.datetime


class ReplyOut(Schema):
    mine: bool = Field(description="Written by me (false: by the other member).")
    reaction: str
    text: str
    written_at: datetime.datetime


class ChangeOut(Schema):
    id: uuid.UUID
    mine: bool = Field(description="I asked (it waits for the other's yes); false: they did.")
    kind: str = Field(description="another, lighter or chosen (a prompt from the deck).")
    depth: int = Field(description="The depth of the prompt a yes brings.")
    deeper: bool = Field(description="Deeper than the bond's depth: a yes agrees to it.")
    prompt: PromptOut | None = Field(description="The deck's pick, for kind=chosen.")
    created_at: datetime.datetime


class RoundOut(Schema):
    id: uuid.UUID
    day: datetime.date
    status: str
    prompt: PromptOut
    revealed: bool = Field(description="Both have answered: both answers are open.")
    can_answer: bool
    can_rate: bool
    my_answer: AnswerOut | None
    their_answer: AnswerOut | None = Field(description="Always null until revealed.")
    replies: list[ReplyOut] = Field(
        description="The thread of replies, oldest first (only mine until revealed)."
    )
    my_reply: ReplyOut | None = Field(description="My latest reply (the thread is replies).")
    their_reply: ReplyOut | None = Field(
        description="Their latest reply; always null until revealed."
    )
    change: ChangeOut | None = Field(
        description="A request to change today's prompt, waiting for a yes or no."
    )
    created_at: datetime.datetime
    help: str | None = HELP_FIELD


class AnswerIn(Schema):
    text: str = Field(min_length=1, max_length=ANSWER_MAX)


class ReplyIn(Schema):
    reaction: Reply.Reaction | None = None
    text: str = Field(default="", max_length=REPLY_MAX)


class ComfortIn(Schema):
    rating: int = Field(ge=1, le=5, description="1 not comfortable … 5 very comfortable")


class SkipIn(Schema):
    lighter: bool = False


class ChangeAnswerIn(Schema):
    accept: bool = Field(description="true: change today's prompt; false: keep it.")
    change: uuid.UUID | None = Field(
        default=None, description="The request's id, so a yes never lands on another one."
    )


class ChangeWithdrawIn(Schema):
    change: uuid.UUID | None = None


def _answer(answer) -> AnswerOut | None:
    if answer is None:
        return None
    return AnswerOut(
        text=answer.text,
        comfort=answer.comfort,
        written_alone=answer.written_alone,
        updated_at=answer.updated_at,
    )


def _reply(view, reply) -> ReplyOut | None:
    if reply is None:
        return None
    return ReplyOut(
        mine=reply.person_id == view.viewer_id,
        reaction=reply.reaction,
        text=reply.text,
        written_at=reply.created_at,
    )


def _prompt(prompt) -> PromptOut:
    return PromptOut(
        id=prompt.id,
        text=prompt.text,
        type=str(prompt.type),
        depth=prompt.depth,
        theme=prompt.theme,
        follow_ups=list(prompt.follow_ups),
    )


def _change(change) -> ChangeOut | None:
    if change is None or change.request is None:
        return None
    return ChangeOut(
        id=change.request.pk,
        mine=change.mine,
        kind=change.request.kind,
        depth=change.request.depth,
        deeper=change.deeper,
        prompt=_prompt(change.prompt) if change.prompt else None,
        created_at=change.request.created_at,
    )


def round_out(view, help: str | None = None, change=None) -> RoundOut:
    return RoundOut(
        id=view.round.pk,
        day=view.round.day,
        status=view.round.status,
        prompt=_prompt(view.prompt),
        revealed=view.revealed,
        can_answer=view.can_answer,
        can_rate=view.can_rate,
        my_answer=_answer(view.my_answer),
        # round_view already applies the reveal rule; this states it again where it matters.
        their_answer=_answer(view.their_answer) if view.revealed else None,
        replies=[_reply(view, r) for r in view.replies],
        my_reply=_reply(view, view.my_reply),
        their_reply=_reply(view, view.their_reply) if view.revealed else None,
        change=_change(change),
        created_at=view.round.created_at,
        help=help,
    )


def _view(request: HttpRequest, bond_id, round_id=None):
    bond = bond_for_member(request.user, bond_id)
    if round_id is None:
        return bond, None
    return bond, selectors.round_for_member(bond, round_id)


def _out(request: HttpRequest, bond, round_, help: str | None = None) -> RoundOut:
    """A round as this person sees it; today's with any request to change it."""
    today = selectors.current_round(bond, bond_day(bond))
    change = None
    if today is not None and today.pk == round_.pk:
        change = selectors.change_view(request.user, bond, round_)
    return round_out(selectors.round_view(request.user, bond, round_), help, change=change)


def _today(request: HttpRequest, bond) -> RoundOut:
    return _out(request, bond, services.round_for_today(bond=bond))


@router.get(
    _BOND,
    response=responses(RoundOut),
    summary="Today's prompt for a bond",
    openapi_extra=links(
        200, "prompts_answer", "prompts_comfort", bond_id=same("bond_id"), round_id=BODY_ID
    ),
)
def prompt_today(request: HttpRequest, bond_id: uuid.UUID):
    bond, _ = _view(request, bond_id)
    return _today(request, bond)


@router.post(
    _ROUND + "/answer",
    response=responses(RoundOut),
    summary="Write or change my answer",
    openapi_extra=links(
        200,
        ("prompts_prompt_today", {"bond_id": same("bond_id")}),
        "prompts_reply",
        "prompts_answer_share",
        bond_id=same("bond_id"),
        round_id=BODY_ID,
    ),
)
def answer(request: HttpRequest, bond_id: uuid.UUID, round_id: uuid.UUID, payload: AnswerIn):
    bond, round_ = _view(request, bond_id, round_id)
    text = clean_with(AnswerForm, {"text": payload.text})["text"]
    services.answer_submit(person=request.user, bond=bond, round_=round_, text=text)
    return _out(request, bond, round_, help_link(text))


@router.post(_ROUND + "/share", response=responses(RoundOut), summary="Share a solo answer")
def answer_share(request: HttpRequest, bond_id: uuid.UUID, round_id: uuid.UUID):
    bond, round_ = _view(request, bond_id, round_id)
    services.answer_share(person=request.user, bond=bond, round_=round_)
    return _out(request, bond, round_)


@router.post(
    _ROUND + "/reply",
    response=responses(RoundOut),
    summary="Reply once both answered",
    openapi_extra=links(200, "prompts_prompt_today", bond_id=same("bond_id")),
)
def reply(request: HttpRequest, bond_id: uuid.UUID, round_id: uuid.UUID, payload: ReplyIn):
    bond, round_ = _view(request, bond_id, round_id)
    data = clean_with(ReplyForm, {"reaction": payload.reaction or "", "text": payload.text})
    services.reply_submit(person=request.user, bond=bond, round_=round_, **data)
    return _out(request, bond, round_, help_link(data["text"]))


@router.post(_ROUND + "/comfort", response=responses(RoundOut), summary="How it felt, 1 to 5")
def comfort(request: HttpRequest, bond_id: uuid.UUID, round_id: uuid.UUID, payload: ComfortIn):
    bond, round_ = _view(request, bond_id, round_id)
    rating = clean_with(ComfortForm, {"comfort": payload.rating})["comfort"]
    services.comfort_rate(person=request.user, bond=bond, round_=round_, rating=rating)
    return _out(request, bond, round_)


@router.post(
    _BOND + "/skip",
    response=responses(RoundOut),
    summary="Ask for another prompt (or a lighter one) today",
    description="In a bond of two this asks the other member, and today's prompt changes "
    "once they say yes (`change` in the response is the request); in a bond of one it "
    "changes at once.",
)
def prompt_skip(request: HttpRequest, bond_id: uuid.UUID, payload: SkipIn):
    bond, _ = _view(request, bond_id)
    kind = ChangeKind.LIGHTER if payload.lighter else ChangeKind.ANOTHER
    services.change_propose(person=request.user, bond=bond, kind=kind)
    return _today(request, bond)


@router.post(
    _BOND + "/change/answer",
    response=responses(RoundOut),
    summary="Say yes or no to the other's request to change today's prompt",
)
def prompt_change_answer(request: HttpRequest, bond_id: uuid.UUID, payload: ChangeAnswerIn):
    bond, _ = _view(request, bond_id)
    services.change_answer(
        person=request.user, bond=bond, change_id=payload.change, accept=payload.accept
    )
    return _today(request, bond)


@router.post(
    _BOND + "/change/withdraw",
    response=responses(RoundOut),
    summary="Withdraw my request to change today's prompt",
)
def prompt_change_withdraw(request: HttpRequest, bond_id: uuid.UUID, payload: ChangeWithdrawIn):
    bond, _ = _view(request, bond_id)
    services.change_withdraw(person=request.user, bond=bond, change_id=payload.change)
    return _today(request, bond)


@router.get(
    "/bonds/{uuid:bond_id}/prompts/history",
    response=responses(Page[RoundOut]),
    summary="Past prompts I answered, newest first",
)
def prompt_history(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    bond, _ = _view(request, bond_id)
    views = selectors.history_for(request.user, bond)

    class _Keyed:  # the pagination key of a round view is its round's
        def __init__(self, view):
            self.view, self.created_at, self.pk = view, view.round.created_at, view.round.pk

    keyed = [_Keyed(v) for v in views]
    return paginate(keyed, cursor=page.cursor, limit=page.limit, out=lambda k: round_out(k.view))
