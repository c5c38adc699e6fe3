"""Reads of a bond's prompts, always for one person, and the reveal rule.

The reveal rule lives in ``answers_visible_to``: before both people have answered a
round, a person's query returns only their own answer, so the other answer never
reaches a template, a fragment or any other response.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.domain import prompt_changes
from heartwork.domain.bonds import BondKind
from heartwork.domain.ladder import Round
from heartwork.domain.prompts import DEPTH_LABELS, PastPrompt, Prompt, prompt_library
from heartwork.domain.reveal import REVEAL_AT, Contribution
from heartwork.domain.reveal import is_revealed as reveal_rule
from heartwork.prompts.models import (
    Answer,
    LadderState,
    PromptChange,
    PromptRound,
    Reply,
    SexualOptIn,
)


def ladder_for(bond: Bond) -> LadderState:
    state, _ = LadderState.objects.get_or_create(bond=bond)
    return state


def member_ids(bond: Bond) -> list:
    return list(bond.memberships.values_list("person_id", flat=True))


def has_opted_in(bond: Bond, person: Person) -> bool:
    return SexualOptIn.objects.filter(bond=bond, person=person).exists()


def sexual_allowed(bond: Bond) -> bool:
    """Desire prompts appear only in partner bonds where both people have opted in."""
    if bond.kind != BondKind.PARTNER:
        return False
    members = member_ids(bond)
    return (
        len(members) == REVEAL_AT
        and SexualOptIn.objects.filter(bond=bond, person_id__in=members).count() == REVEAL_AT
    )


def selection_history(bond: Bond) -> list[PastPrompt]:
    """Every prompt the bond has had, oldest first (read on the first view of each day)."""
    ids = bond.prompt_rounds.order_by("day", "sequence").values_list("prompt_id", flat=True)
    return prompt_library().history(list(ids))


def current_round(bond: Bond, day: datetime.date) -> PromptRound | None:
    return bond.prompt_rounds.filter(day=day).order_by("-sequence").first()


def round_for_member(bond: Bond, round_id: uuid.UUID | str) -> PromptRound:
    """A round of this bond (the caller has already checked membership), or 404."""
    try:
        return bond.prompt_rounds.get(pk=round_id)
    except (PromptRound.DoesNotExist, ValueError, TypeError):
        raise Http404("No such prompt.") from None


def _contributions(round_: PromptRound) -> list[Contribution]:
    return [
        Contribution(person, alone)
        for person, alone in round_.answers.values_list("person_id", "written_alone")
    ]


def is_revealed(round_: PromptRound) -> bool:
    """Both members answered, each while the other was in the bond (the reveal rule)."""
    return reveal_rule(member_ids(round_.bond), _contributions(round_))


def answers_visible_to(person: Person, round_: PromptRound) -> QuerySet[Answer]:
    """Every answer of the round that ``person`` may see: only their own until both answered."""
    answers = Answer.objects.filter(round=round_)
    if is_revealed(round_):
        return answers.filter(person_id__in=member_ids(round_.bond))
    return answers.filter(person=person)


def replies_visible_to(person: Person, round_: PromptRound) -> QuerySet[Reply]:
    """The round's replies this person may see, oldest first: a thread, in the order said."""
    replies = Reply.objects.filter(round=round_).order_by("created_at", "id")
    return replies if is_revealed(round_) else replies.filter(person=person)


@dataclass(frozen=True)
class RoundView:
    round: PromptRound
    prompt: Prompt
    revealed: bool
    solo: bool
    my_answer: Answer | None
    their_answer: Answer | None
    replies: list[Reply]  # the thread, oldest first (only what this person may see)
    other: Person | None
    viewer_id: uuid.UUID | None = None

    @property
    def my_reply(self) -> Reply | None:
        """My latest reply (the whole thread is ``replies``)."""
        return next((r for r in reversed(self.replies) if r.person_id == self.viewer_id), None)

    @property
    def their_reply(self) -> Reply | None:
        """Their latest reply (the whole thread is ``replies``)."""
        return next((r for r in reversed(self.replies) if r.person_id != self.viewer_id), None)

    @property
    def can_answer(self) -> bool:
        return self.round.status == PromptRound.Status.OPEN and not self.revealed

    @property
    def kept_private(self) -> bool:
        """My answer was written before the other person joined, so it stays mine for now."""
        return self.my_answer is not None and self.my_answer.written_alone and not self.solo

    @property
    def can_rate(self) -> bool:
        return self.my_answer is not None and (self.revealed or self.solo)


def round_view(person: Person, bond: Bond, round_: PromptRound) -> RoundView:
    revealed = is_revealed(round_)
    answers = list(answers_visible_to(person, round_).select_related("person"))
    replies = list(replies_visible_to(person, round_))
    others = [
        m.person for m in bond.memberships.select_related("person") if m.person_id != person.pk
    ]
    prompt = prompt_library().get(round_.prompt_id)
    if prompt is None:
        raise Http404("This prompt is no longer in the library.")
    return RoundView(
        round=round_,
        prompt=prompt,
        revealed=revealed,
        solo=not others,
        my_answer=next((a for a in answers if a.person_id == person.pk), None),
        their_answer=next((a for a in answers if a.person_id != person.pk), None),
        replies=replies,
        other=others[0] if others else None,
        viewer_id=person.pk,
    )


def rounds_at_depth(bond: Bond, state: LadderState) -> list[Round]:
    """The rounds the ladder looks at: those given at the bond's depth since it got there."""
    members = member_ids(bond)
    rounds = (
        bond.prompt_rounds.filter(depth=state.depth, created_at__gte=state.depth_since)
        .exclude(status=PromptRound.Status.REPLACED)
        .prefetch_related("answers")
        .order_by("day", "sequence")
    )
    return [
        Round(
            both_answered=reveal_rule(
                members, [Contribution(a.person_id, a.written_alone) for a in r.answers.all()]
            ),
            comfort=tuple(a.comfort for a in r.answers.all() if a.comfort is not None),
            skipped=r.status == PromptRound.Status.SKIPPED,
        )
        for r in rounds
    ]


def history_for(person: Person, bond: Bond, limit: int = 60) -> list[RoundView]:
    """Past rounds the person took part in, newest first, with only what they may see."""
    rounds = (
        bond.prompt_rounds.filter(answers__person=person)
        .order_by("-day", "-sequence")
        .distinct()[:limit]
    )
    return [round_view(person, bond, r) for r in rounds]


def open_change(round_: PromptRound) -> PromptChange | None:
    """The request to change this round's prompt that is waiting for a yes or no, if any."""
    return round_.changes.filter(status=PromptChange.Status.OPEN).first()


@dataclass(frozen=True)
class ChangeView:
    """What the page says about changing today's prompt, for one person."""

    together: bool  # a change waits for the other's yes
    offer: prompt_changes.Offer  # what this person may ask for now
    request: PromptChange | None  # the request waiting for a yes or no
    mine: bool  # this person made it
    prompt: Prompt | None  # the deck's pick it asks for
    ladder_depth: int
    declined: bool  # this person's latest request for today's prompt was turned down

    @property
    def what(self) -> str:
        return prompt_changes.what_was_asked(self.request.kind) if self.request else ""

    @property
    def depth_label(self) -> str:
        return DEPTH_LABELS[self.request.depth] if self.request else ""

    @property
    def deeper(self) -> bool:
        """The request brings a prompt deeper than the bond's depth: a yes agrees to it."""
        return self.request is not None and prompt_changes.deeper_than_ladder(
            self.request.depth, self.ladder_depth
        )

    @property
    def ladder_label(self) -> str:
        return DEPTH_LABELS[self.ladder_depth]


def change_view(person: Person, bond: Bond, round_: PromptRound) -> ChangeView:
    members = len(member_ids(bond))
    ladder_depth = ladder_for(bond).depth
    request = open_change(round_)
    latest_mine = round_.changes.filter(proposer=person).order_by("-created_at").first()
    offer = prompt_changes.offers(
        round_depth=round_.depth,
        ladder_depth=ladder_depth,
        rounds_today=round_.sequence + 1,
    )
    return ChangeView(
        together=prompt_changes.needs_agreement(members),
        offer=offer if request is None else prompt_changes.NOTHING,
        request=request,
        mine=request is not None and request.proposer_id == person.pk,
        prompt=prompt_library().get(request.prompt_id) if request and request.prompt_id else None,
        ladder_depth=ladder_depth,
        declined=request is None
        and latest_mine is not None
        and latest_mine.status == PromptChange.Status.DECLINED,
    )
