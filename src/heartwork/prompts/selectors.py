"""Reads of a bond's prompts, always for one person, and the reveal rule.

The reveal rule lives in ``answers_visible_to``: before both people have answered a
round, a person's query returns only their own answer, so the other answer never
reaches a template, a fragment or any other response.
"""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.core.rawsql import fetch_all, uuid_param
from heartwork.domain.bonds import BondKind
from heartwork.domain.ladder import Round
from heartwork.domain.prompts import PastPrompt, Prompt, prompt_library
from heartwork.prompts.models import Answer, LadderState, PromptRound, Reply, SexualOptIn

REVEAL_AT = 2  # answers from both people


def bond_day(bond: Bond, now: datetime.datetime | None = None) -> datetime.date:
    """The bond's calendar day, in the time zone of its longest-standing member.

    Both people must see the same prompt of the day, so the day follows one clock.
    """
    membership = bond.memberships.select_related("person").order_by("created_at").first()
    zone = zoneinfo.ZoneInfo(membership.person.time_zone) if membership else datetime.UTC
    return (now or timezone.now()).astimezone(zone).date()


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
    return len(members) == REVEAL_AT and SexualOptIn.objects.filter(bond=bond, person_id__in=members).count() == REVEAL_AT


# Every prompt a bond has had, oldest first: a thousand rows after three years, read on the
# first view of each day. One plain query, as the ORM's per-row work doubled its cost
# (bench/prompt_selection.py, docs/benchmarks.md).
_HISTORY_SQL = "SELECT prompt_id FROM prompts_promptround WHERE bond_id = %s ORDER BY day, sequence"


def selection_history(bond: Bond) -> list[PastPrompt]:
    rows = fetch_all(_HISTORY_SQL, [uuid_param(bond.pk)])
    return prompt_library().history([row[0] for row in rows])


def current_round(bond: Bond, day: datetime.date) -> PromptRound | None:
    return bond.prompt_rounds.filter(day=day).order_by("-sequence").first()


def round_for_member(bond: Bond, round_id: uuid.UUID | str) -> PromptRound:
    """A round of this bond (the caller has already checked membership), or 404."""
    try:
        return bond.prompt_rounds.get(pk=round_id)
    except (PromptRound.DoesNotExist, ValueError, TypeError):
        raise Http404("No such prompt.") from None


def is_revealed(round_: PromptRound) -> bool:
    return round_.answers.count() >= REVEAL_AT


def other_has_answered(person: Person, round_: PromptRound) -> bool:
    """Whether someone else's answer is waiting in a round this person has not answered
    (so the answers are not open yet). One query.

    Such a round stays today's prompt: setting it aside would quietly throw their words
    away. Only a request to set it aside is told so (the page itself never shows whether
    the other person has answered, so it never shows that they have not).
    """
    answered = set(Answer.objects.filter(round=round_).values_list("person_id", flat=True))
    return person.pk not in answered and bool(answered)


def answers_visible_to(person: Person, round_: PromptRound) -> QuerySet[Answer]:
    """Every answer of the round that ``person`` may see: only their own until both answered."""
    answers = Answer.objects.filter(round=round_)
    if is_revealed(round_):
        return answers
    return answers.filter(person=person)


def replies_visible_to(person: Person, round_: PromptRound) -> QuerySet[Reply]:
    replies = Reply.objects.filter(round=round_)
    return replies if is_revealed(round_) else replies.filter(person=person)


@dataclass(frozen=True)
class RoundView:
    round: PromptRound
    prompt: Prompt
    revealed: bool
    solo: bool
    my_answer: Answer | None
    their_answer: Answer | None
    my_reply: Reply | None
    their_reply: Reply | None
    other: Person | None

    @property
    def can_answer(self) -> bool:
        return self.round.status == PromptRound.Status.OPEN and not self.revealed

    @property
    def can_rate(self) -> bool:
        return self.my_answer is not None and (self.revealed or self.solo)


def round_view(person: Person, bond: Bond, round_: PromptRound) -> RoundView:
    answers = list(answers_visible_to(person, round_).select_related("person"))
    replies = list(replies_visible_to(person, round_))
    others = [m.person for m in bond.memberships.select_related("person") if m.person_id != person.pk]
    prompt = prompt_library().get(round_.prompt_id)
    if prompt is None:
        raise Http404("This prompt is no longer in the library.")
    return RoundView(
        round=round_,
        prompt=prompt,
        revealed=len(answers) >= REVEAL_AT,
        solo=not others,
        my_answer=next((a for a in answers if a.person_id == person.pk), None),
        their_answer=next((a for a in answers if a.person_id != person.pk), None),
        my_reply=next((r for r in replies if r.person_id == person.pk), None),
        their_reply=next((r for r in replies if r.person_id != person.pk), None),
        other=others[0] if others else None,
    )


def rounds_at_depth(bond: Bond, state: LadderState) -> list[Round]:
    """The rounds the ladder looks at: those given at the bond's depth since it got there."""
    rounds = (
        bond.prompt_rounds.filter(depth=state.depth, created_at__gte=state.depth_since)
        .exclude(status=PromptRound.Status.REPLACED)
        .prefetch_related("answers")
        .order_by("day", "sequence")
    )
    return [
        Round(
            both_answered=len(r.answers.all()) >= REVEAL_AT,
            comfort=tuple(a.comfort for a in r.answers.all() if a.comfort is not None),
            skipped=r.status == PromptRound.Status.SKIPPED,
        )
        for r in rounds
    ]


def history_for(person: Person, bond: Bond, limit: int = 60) -> list[RoundView]:
    """Past rounds the person took part in, newest first, with only what they may see."""
    rounds = bond.prompt_rounds.filter(answers__person=person).order_by("-day", "-sequence").distinct()[:limit]
    return [round_view(person, bond, r) for r in rounds]
