"""The check-up and the private reflections in the API.

Each member answers the check-up alone, all at once (skipped items simply don't count);
the side by side view opens only once both have taken it in the same round (the reveal
rule, heartwork.domain.reveal, decided in heartwork.checkup.services). Before that, no
response holds anything of the other's, nor says whether they have taken it. The
reflections are the reader's alone: there is no read of anyone else's.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from heartwork.api.common import HELP_FIELD, Page, PageQuery, paginate, responses, safety_help
from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.checkup import selectors, services
from heartwork.domain.checkup import (
    ANSWER_LABELS,
    CLOSENESS_LABELS,
    CLOSENESS_STEPS,
    HIGHEST,
    LOWEST,
    item_bank,
    points_to_fear,
    result_from_dict,
)
from heartwork.domain.reflections import score_reflection

router = Router(tags=["check-up"])

_BOND = "/bonds/{uuid:bond_id}"
_CHECKUP = _BOND + "/checkup"

Answer = int | None
Rating = Annotated[int, Field(ge=LOWEST, le=HIGHEST)]


class ScoreOut(Schema):
    dimension: str
    label: str
    now: int | None = Field(description="0 to 100; null when too few items were answered.")
    wished: int | None = Field(description="How I'd like it, 0 to 100; or null.")


class CheckupOut(Schema):
    id: uuid.UUID
    taken_at: datetime.datetime
    written_alone: bool = Field(description="Taken before the other joined: stays mine alone.")
    closeness_now: int | None = Field(description="The circles, 1 far apart … 7 almost one.")
    closeness_wished: int | None
    scores: list[ScoreOut]
    revealed: bool = Field(description="Both took this round: it is side by side.")
    theirs: list[ScoreOut] | None = Field(
        description="The other's scores from the same round: always null until revealed."
    )
    created_at: datetime.datetime


class MyAnswerOut(Schema):
    item: str
    text: str
    now: int | None
    wished: int | None
    shared: bool = Field(description="I chose to show it to the other (once both took it).")


class LatestOut(CheckupOut):
    answers: list[MyAnswerOut] = Field(description="My own answers: only ever shown to me.")


class PairOut(Schema):
    now: int | None
    wished: int | None


class RowOut(Schema):
    dimension: str
    label: str
    mine: PairOut
    theirs: PairOut
    difference: int | None = Field(description="How far apart our two views of now are.")
    my_gap: int | None
    their_gap: int | None


class HighlightOut(Schema):
    dimension: str
    label: str
    suggestion: str
    link: str = Field(description="Where the suggestion leads: a practice of this bond.")


class SharedAnswerOut(Schema):
    text: str
    now: str
    wished: str


class ComparisonOut(Schema):
    completed_at: datetime.datetime
    rows: list[RowOut]
    differ_most: HighlightOut | None = Field(description="Where our views of now differ most.")
    want_most: HighlightOut | None = Field(description="Where we'd both like more.")
    my_closeness: int | None
    their_closeness: int | None
    their_shared: list[SharedAnswerOut] = Field(description="Answers the other chose to show.")


class OverviewOut(Schema):
    taken: bool
    due: bool = Field(description="A month or more since my last one (or never taken).")
    waiting: bool = Field(
        description="My latest is not side by side yet. Says nothing of whether the other "
        "has taken theirs."
    )
    taken_alone: bool = Field(description="My latest was taken before the other joined.")
    latest: LatestOut | None
    comparison: ComparisonOut | None = Field(
        description="The latest round we both took, side by side; null until there is one."
    )


class DimensionOut(Schema):
    id: str
    label: str
    about: str


class CheckupItemOut(Schema):
    id: str
    dimension: str
    text: str = Field(description="Worded about the other member, as the page asks it.")


class ChoiceOut(Schema):
    value: int
    label: str


class ItemsOut(Schema):
    dimensions: list[DimensionOut]
    items: list[CheckupItemOut] = Field(description="The items for this bond's kind, in order.")
    answers: list[ChoiceOut] = Field(description="Each item is answered with one of these.")
    closeness: list[ChoiceOut] = Field(description="The circles, for closeness now and wished.")


class CheckupAnswerIn(Schema):
    now: Answer = Field(default=None, ge=LOWEST, le=HIGHEST, description="Null: skipped.")
    wished: Answer = Field(default=None, ge=LOWEST, le=HIGHEST, description="Null: skipped.")


class CheckupIn(Schema):
    answers: dict[str, CheckupAnswerIn] = Field(
        default_factory=dict, description="Item id -> my answers; leave out any to skip."
    )
    closeness_now: Answer = Field(default=None, ge=1, le=CLOSENESS_STEPS)
    closeness_wished: Answer = Field(default=None, ge=1, le=CLOSENESS_STEPS)


class CheckupTaken(LatestOut):
    help: str | None = HELP_FIELD


class ShareIn(Schema):
    items: list[str] = Field(
        default_factory=list, max_length=200, description="Item ids to show; the rest stop."
    )


class SharedOut(Schema):
    shared: list[str]


class QuestionOut(Schema):
    id: str
    text: str


class EarlierOut(Schema):
    score: int | None
    created_at: datetime.datetime


class SelfReflectionResultOut(Schema):
    score: int | None = Field(description="0 to 100, higher meaning closer or safer.")
    band: str = Field(description="The result's title.")
    guidance: str
    created_at: datetime.datetime


class SelfReflectionOut(Schema):
    id: str
    title: str
    intro: str
    questions: list[QuestionOut]
    needed: int = Field(description="How many questions must be answered for a result.")
    latest: SelfReflectionResultOut | None
    earlier: list[EarlierOut]


class SelfReflectionIn(Schema):
    kind: str = Field(max_length=40, description="A reflection's id (GET …/reflections).")
    answers: dict[str, Rating | None] = Field(
        default_factory=dict, description="Question id -> 1 to 5; leave out any to skip."
    )


class SelfReflectionWritten(SelfReflectionResultOut):
    kind: str
    help: str | None = HELP_FIELD


def _other_name(bond, person) -> str:
    others = other_members(bond, person)
    return others[0].display_name if others else ""


def _labels() -> dict[str, str]:
    return {d.id: d.label for d in item_bank().dimensions}


def _scores(stored: dict) -> list[ScoreOut]:
    labels, pairs = _labels(), result_from_dict(stored)
    return [
        ScoreOut(dimension=d, label=labels.get(d, d), now=pairs[d][0], wished=pairs[d][1])
        for d in labels
        if d in pairs
    ]


def _checkup(entry, theirs, cls: type[CheckupOut] = CheckupOut, **extra) -> CheckupOut:
    return cls(
        id=entry.pk,
        taken_at=entry.taken_at,
        written_alone=entry.written_alone,
        closeness_now=entry.closeness_now,
        closeness_wished=entry.closeness_wished,
        scores=_scores(entry.scores),
        revealed=theirs is not None,
        theirs=_scores(theirs.scores) if theirs is not None else None,
        created_at=entry.created_at,
        **extra,
    )


def _latest(person, bond, entry, cls: type[LatestOut] = LatestOut, **extra) -> LatestOut:
    theirs = selectors.theirs_where_complete(person, [entry]).get(entry.round_id)
    answers = [
        MyAnswerOut(item=a.item.id, text=a.text, now=a.now, wished=a.wished, shared=a.shared)
        for a in selectors.my_answers(entry, _other_name(bond, person))
    ]
    return _checkup(entry, theirs, cls, answers=answers, **extra)  # type: ignore[return-value]


def _highlight(bond, revealed, row) -> HighlightOut | None:
    if row is None:
        return None
    suggestion = revealed.suggestion(row.dimension)
    return HighlightOut(
        dimension=row.dimension,
        label=_labels().get(row.dimension, row.dimension),
        suggestion=suggestion.text,
        link=selectors.suggestion_url(bond, suggestion),
    )


def _comparison(bond, revealed) -> ComparisonOut:
    labels = _labels()
    return ComparisonOut(
        completed_at=revealed.round.completed_at,
        rows=[
            RowOut(
                dimension=r.dimension,
                label=labels.get(r.dimension, r.dimension),
                mine=PairOut(now=r.mine[0], wished=r.mine[1]),
                theirs=PairOut(now=r.theirs[0], wished=r.theirs[1]),
                difference=r.difference,
                my_gap=r.my_gap,
                their_gap=r.their_gap,
            )
            for r in revealed.comparison.rows
        ],
        differ_most=_highlight(bond, revealed, revealed.comparison.differ_most),
        want_most=_highlight(bond, revealed, revealed.comparison.want_most),
        my_closeness=revealed.mine.entry.closeness_now,
        their_closeness=revealed.theirs.entry.closeness_now,
        their_shared=[
            SharedAnswerOut(text=a.text, now=a.now, wished=a.wished) for a in revealed.their_shared
        ],
    )


@router.get(_CHECKUP, response=responses(OverviewOut), summary="My check-up, and side by side")
def overview(request: HttpRequest, bond_id: uuid.UUID):
    person = request.user
    bond = bond_for_member(person, bond_id)
    revealed = selectors.latest_revealed(person, bond, person.display_name)
    mine = selectors.my_latest(person, bond)
    return OverviewOut(
        taken=mine is not None,
        due=selectors.retake_due(person, bond),
        waiting=selectors.waiting_to_compare(mine, revealed),
        taken_alone=bool(mine and mine.written_alone and _other_name(bond, person)),
        latest=_latest(person, bond, mine) if mine is not None else None,
        comparison=_comparison(bond, revealed) if revealed is not None else None,
    )


@router.get(_CHECKUP + "/items", response=responses(ItemsOut), summary="The questions, for us")
def items(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    other_name = _other_name(bond, request.user)
    return ItemsOut(
        dimensions=[
            DimensionOut(id=d.id, label=d.label, about=d.about) for d in item_bank().dimensions
        ],
        items=[
            CheckupItemOut(id=i.id, dimension=i.dimension, text=i.worded_for(other_name))
            for i in selectors.items_for(bond)
        ],
        answers=[ChoiceOut(value=v, label=label) for v, label in ANSWER_LABELS.items()],
        closeness=[ChoiceOut(value=v, label=label) for v, label in CLOSENESS_LABELS.items()],
    )


@router.post(_CHECKUP, response=responses(CheckupTaken, 201), summary="Take the check-up")
def checkup_take(request: HttpRequest, bond_id: uuid.UUID, payload: CheckupIn):
    person = request.user
    bond = bond_for_member(person, bond_id)
    answers = {item: (a.now, a.wished) for item, a in payload.answers.items()}
    entry = services.checkup_record(
        person=person,
        bond=bond,
        answers=answers,
        closeness=(payload.closeness_now, payload.closeness_wished),
    )
    afraid = points_to_fear(selectors.items_for(bond), answers)
    return Status(201, _latest(person, bond, entry, CheckupTaken, help=safety_help(afraid)))


@router.get(
    _CHECKUP + "/history", response=responses(Page[CheckupOut]), summary="My check-ups in a bond"
)
def checkup_history(request: HttpRequest, bond_id: uuid.UUID, page: Query[PageQuery]):
    person = request.user
    bond = bond_for_member(person, bond_id)
    found = paginate(selectors.my_entries(person, bond), cursor=page.cursor, limit=page.limit)
    theirs = selectors.theirs_where_complete(person, found["items"])
    found["items"] = [_checkup(e, theirs.get(e.round_id)) for e in found["items"]]
    return found


@router.post(_CHECKUP + "/share", response=responses(SharedOut), summary="Show them answers")
def checkup_share(request: HttpRequest, bond_id: uuid.UUID, payload: ShareIn):
    person = request.user
    bond = bond_for_member(person, bond_id)
    entry = selectors.my_latest(person, bond)
    if entry is None:
        raise services.CheckupError("Take the check-up first.")
    services.checkup_share_items(person=person, entry=entry, item_ids=payload.items)
    return SharedOut(shared=entry.shared_items)


@router.get(
    _BOND + "/reflections", response=responses(list[SelfReflectionOut]), summary="My reflections"
)
def reflection_list(request: HttpRequest, bond_id: uuid.UUID):
    person = request.user
    bond = bond_for_member(person, bond_id)
    other_name = _other_name(bond, person)
    return [
        _reflection(s, other_name) for s in selectors.reflections_shown(person, bond, other_name)
    ]


def _reflection(shown, other_name: str) -> SelfReflectionOut:
    reflection, latest = shown.reflection, shown.latest
    return SelfReflectionOut(
        id=reflection.id,
        title=reflection.title,
        intro=shown.intro,
        questions=[
            QuestionOut(id=q.id, text=q.worded_for(other_name)) for q in reflection.questions
        ],
        needed=reflection.needed,
        latest=(
            SelfReflectionResultOut(
                score=latest.score,
                band=shown.band.title,
                guidance=shown.guidance,
                created_at=latest.created_at,
            )
            if latest is not None and shown.band is not None
            else None
        ),
        earlier=[EarlierOut(score=e.score, created_at=e.created_at) for e in shown.earlier],
    )


@router.post(
    _BOND + "/reflections", response=responses(SelfReflectionWritten, 201), summary="Reflect, alone"
)
def reflection_record(request: HttpRequest, bond_id: uuid.UUID, payload: SelfReflectionIn):
    person = request.user
    bond = bond_for_member(person, bond_id)
    entry = services.reflection_record(
        person=person, bond=bond, kind=payload.kind, answers=payload.answers
    )
    shown = next(
        s
        for s in selectors.reflections_shown(person, bond, _other_name(bond, person))
        if s.reflection.id == entry.kind
    )
    afraid = score_reflection(shown.reflection, payload.answers).afraid
    return Status(
        201,
        SelfReflectionWritten(
            kind=entry.kind,
            score=entry.score,
            band=shown.band.title if shown.band else "",
            guidance=shown.guidance,
            created_at=entry.created_at,
            help=safety_help(afraid),
        ),
    )
