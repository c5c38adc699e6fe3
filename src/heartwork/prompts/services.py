"""Everything that changes a bond's prompts. Views call these; rules live in domain/."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.core.errors import ApplicationError
from heartwork.domain.bonds import BondStatus
from heartwork.domain.ladder import is_uncomfortable, next_depth
from heartwork.domain.prompts import MIN_DEPTH, Prompt, pick_prompt, prompt_library
from heartwork.prompts import selectors
from heartwork.prompts.models import Answer, PromptRound, Reply, SexualOptIn

log = logging.getLogger("heartwork.prompts")
MAX_ROUNDS_PER_DAY = 8


class PromptError(ApplicationError):
    pass


class PromptKept(PromptError):
    """Not a mistake: today's prompt simply stays, and the page says so gently."""


def _require_active(bond: Bond) -> None:
    if bond.status != BondStatus.ACTIVE:
        raise PromptError("Prompts rest while a bond is paused or has ended.")


def _new_round(bond: Bond, *, day, depth: int, source: str, exclude=(), prompt: Prompt | None = None) -> PromptRound:
    latest = selectors.current_round(bond, day)
    sequence = 0 if latest is None else latest.sequence + 1
    if sequence >= MAX_ROUNDS_PER_DAY:
        raise PromptError("That's plenty of prompts for one day. A fresh one arrives tomorrow.")
    if prompt is None:
        prompt = pick_prompt(
            prompt_library(),
            kind=bond.kind_enum,
            depth=depth,
            history=selectors.selection_history(bond),
            sexual_allowed=selectors.sexual_allowed(bond),
            seed=f"{bond.pk}|{day.isoformat()}|{sequence}",
            exclude=exclude,
        )
    return PromptRound.objects.create(
        bond=bond, day=day, sequence=sequence, prompt_id=prompt.id, depth=prompt.depth, source=source
    )


def round_for_today(*, bond: Bond) -> PromptRound:
    """Today's round for the bond, chosen the first time either person looks."""
    _require_active(bond)
    day = selectors.bond_day(bond)
    existing = selectors.current_round(bond, day)
    if existing is not None:
        return existing
    state = selectors.ladder_for(bond)
    try:
        with transaction.atomic():
            return _new_round(bond, day=day, depth=state.depth, source=PromptRound.Source.DAILY)
    except IntegrityError:  # the other person's request made it a moment earlier
        return selectors.current_round(bond, day)


def _require_current_open(bond: Bond, round_: PromptRound) -> None:
    current = selectors.current_round(bond, round_.day)
    if current is None or current.pk != round_.pk or round_.day != selectors.bond_day(bond):
        raise PromptError("This prompt has been set aside. Today's is waiting for you.")
    if round_.status != PromptRound.Status.OPEN:
        raise PromptError("This prompt has been set aside. Today's is waiting for you.")


@transaction.atomic
def answer_submit(*, person: Person, bond: Bond, round_: PromptRound, text: str) -> Answer:
    _require_active(bond)
    _require_current_open(bond, round_)
    if selectors.is_revealed(round_):
        raise PromptError("You've both answered, so the answers are fixed now. You can still reply below.")
    answer = Answer.objects.filter(round=round_, person=person).first() or Answer(round=round_, person=person)
    answer.set_text(text)
    answer.full_clean(exclude=["text_sealed"])
    answer.save()
    log.info("answer saved bond=%s round=%s person=%s", bond.pk, round_.pk, person.pk)
    return answer


@transaction.atomic
def comfort_rate(*, person: Person, bond: Bond, round_: PromptRound, rating: int) -> None:
    if not 1 <= rating <= 5:
        raise PromptError("Choose a number from 1 to 5.")
    answer = Answer.objects.filter(round=round_, person=person).first()
    solo = len(selectors.member_ids(bond)) < 2
    if answer is None or not (solo or selectors.is_revealed(round_)):
        raise PromptError("You can say how it felt once the answers are open.")
    # Only a rating that has newly become uneasy steps back: saying "uneasy" again on
    # the same prompt must not step back twice.
    newly_uneasy = is_uncomfortable(rating) and not is_uncomfortable(answer.comfort)
    answer.comfort = rating
    answer.save(update_fields=["comfort", "updated_at"])
    ladder_evaluate(bond=bond, new_rating=rating if newly_uneasy else None)


@transaction.atomic
def reply_submit(*, person: Person, bond: Bond, round_: PromptRound, reaction: str, text: str) -> Reply:
    if not selectors.is_revealed(round_):
        raise PromptError("Replies open once you've both answered.")
    if not reaction and not text:
        raise PromptError("Pick a reaction or write a few words.")
    reply = Reply.objects.filter(round=round_, person=person).first() or Reply(round=round_, person=person)
    reply.reaction = reaction
    reply.set_text(text)
    reply.full_clean(exclude=["text_sealed"])
    reply.save()
    return reply


def ladder_evaluate(*, bond: Bond, new_rating: int | None = None) -> None:
    state = selectors.ladder_for(bond)
    step = next_depth(state.depth, selectors.rounds_at_depth(bond, state), new_rating=new_rating)
    if step.depth != state.depth:
        log.info("ladder moved bond=%s from=%s to=%s reason=%s", bond.pk, state.depth, step.depth, step.reason)
        state.depth, state.depth_since, state.last_change = step.depth, timezone.now(), step.reason
        state.save(update_fields=["depth", "depth_since", "last_change", "updated_at"])


KEPT_FOR_THEM = (
    "Their answer to this one is already waiting, so it stays as today's prompt. "
    "You don't have to answer it: a fresh prompt comes tomorrow."
)


def _require_not_kept_for_them(person: Person, round_: PromptRound) -> None:
    """An open round with the other person's answer in it is not set aside."""
    if round_.status == PromptRound.Status.OPEN and selectors.other_has_answered(person, round_):
        raise PromptKept(KEPT_FOR_THEM)


@transaction.atomic
def round_skip(*, person: Person, bond: Bond, lighter: bool = False) -> PromptRound:
    """Set today's prompt aside, with no reason asked, and bring another (or a lighter one)."""
    current = round_for_today(bond=bond)
    _require_not_kept_for_them(person, current)
    if not selectors.is_revealed(current):  # after both answered, "another" is not a skip
        PromptRound.objects.filter(pk=current.pk).update(status=PromptRound.Status.SKIPPED, updated_at=timezone.now())
        ladder_evaluate(bond=bond)
    depth = selectors.ladder_for(bond).depth
    source = PromptRound.Source.ANOTHER
    if lighter:
        depth = max(MIN_DEPTH, min(depth, current.depth) - 1)
        source = PromptRound.Source.LIGHTER
    log.info("round skipped bond=%s round=%s lighter=%s", bond.pk, current.pk, lighter)
    return _new_round(bond, day=current.day, depth=depth, source=source, exclude=[current.prompt_id])


@transaction.atomic
def round_choose(*, person: Person, bond: Bond, prompt_id: str) -> PromptRound:
    """Use a prompt the two of them picked from the deck as today's."""
    _require_active(bond)
    prompt = prompt_library().get(prompt_id)
    eligible = prompt is not None and prompt in prompt_library().eligible(
        kind=bond.kind_enum, sexual_allowed=selectors.sexual_allowed(bond)
    )
    if not eligible:
        raise PromptError("That prompt isn't in this bond's deck.")
    day = selectors.bond_day(bond)
    current = selectors.current_round(bond, day)
    if current is not None and current.prompt_id == prompt.id and current.status == PromptRound.Status.OPEN:
        return current
    if current is not None:
        _require_not_kept_for_them(person, current)
    if current is not None and current.status == PromptRound.Status.OPEN and not current.answers.exists():
        PromptRound.objects.filter(pk=current.pk).update(status=PromptRound.Status.REPLACED)
    return _new_round(bond, day=day, depth=prompt.depth, source=PromptRound.Source.CHOSEN, prompt=prompt)


@transaction.atomic
def ladder_step_back(*, person: Person, bond: Bond) -> int:
    state = selectors.ladder_for(bond)
    if state.depth <= MIN_DEPTH:
        raise PromptError("You're already at the lightest level.")
    state.depth, state.depth_since, state.last_change = state.depth - 1, timezone.now(), "step-back"
    state.save(update_fields=["depth", "depth_since", "last_change", "updated_at"])
    log.info("ladder stepped back bond=%s person=%s", bond.pk, person.pk)
    return state.depth


def sexual_opt_in_set(*, person: Person, bond: Bond, opted_in: bool) -> None:
    if bond.kind != "partner":
        raise PromptError("These prompts are only offered in partner bonds.")
    if opted_in:
        SexualOptIn.objects.get_or_create(bond=bond, person=person)
    else:
        SexualOptIn.objects.filter(bond=bond, person=person).delete()


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """Remove what a person wrote in a bond's prompts (they are leaving it)."""
    Answer.objects.filter(person=person, round__bond=bond).delete()
    Reply.objects.filter(person=person, round__bond=bond).delete()
    SexualOptIn.objects.filter(person=person, bond=bond).delete()
