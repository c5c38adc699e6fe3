"""Everything that changes a bond's prompts. Views call these; rules live in domain/."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bond_day, other_members
from heartwork.core.errors import ApplicationError
from heartwork.domain.ladder import is_uncomfortable, next_depth
from heartwork.domain.prompt_changes import (
    MAX_ROUNDS_PER_DAY,
    ChangeKind,
    agreed_depth,
    lighter_depth,
    needs_agreement,
    pick_allowed,
)
from heartwork.domain.prompts import DEPTH_LABELS, MIN_DEPTH, Prompt, pick_prompt, prompt_library
from heartwork.prompts import selectors
from heartwork.prompts.models import Answer, PromptChange, PromptRound, Reply, SexualOptIn

log = logging.getLogger("heartwork.prompts")
REPLIES_PER_PERSON_PER_ROUND = 50


class PromptError(ApplicationError):
    pass


class PromptKept(PromptError):
    """Not a mistake: today's prompt simply stays, and the page says so gently."""

    gentle = True


def _require_active(bond: Bond) -> None:
    if not bond.is_active:
        raise PromptError("Prompts rest while a bond is paused or has ended.")


def _new_round(
    bond: Bond, *, day, depth: int, source: str, exclude=(), prompt: Prompt | None = None
) -> PromptRound:
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
        bond=bond,
        day=day,
        sequence=sequence,
        prompt_id=prompt.id,
        depth=prompt.depth,
        source=source,
    )


def round_for_today(*, bond: Bond) -> PromptRound:
    """Today's round for the bond, chosen the first time either person looks."""
    _require_active(bond)
    day = bond_day(bond)
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
    if current is None or current.pk != round_.pk or round_.day != bond_day(bond):
        raise PromptError("This prompt has been set aside. Today's is waiting for you.")
    if round_.status != PromptRound.Status.OPEN:
        raise PromptError("This prompt has been set aside. Today's is waiting for you.")


@transaction.atomic
def answer_submit(*, person: Person, bond: Bond, round_: PromptRound, text: str) -> Answer:
    _require_active(bond)
    _require_current_open(bond, round_)
    if selectors.is_revealed(round_):
        raise PromptError(
            "You've both answered, so the answers are fixed now. You can still reply below."
        )
    answer = Answer.objects.filter(round=round_, person=person).first() or Answer(
        round=round_, person=person
    )
    answer.text = text
    # Written with nobody else in the bond, it stays the author's even if someone joins.
    answer.written_alone = len(selectors.member_ids(bond)) < 2
    answer.full_clean(exclude=["text_sealed"])
    answer.save()
    log.info("answer saved bond=%s round=%s person=%s", bond.pk, round_.pk, person.pk)
    return answer


@transaction.atomic
def answer_share(*, person: Person, bond: Bond, round_: PromptRound) -> Answer:
    """Share an answer written before the other person joined: it now opens like any
    other once they have answered too. Only ever the author's own choice."""
    _require_active(bond)
    _require_current_open(bond, round_)
    answer = Answer.objects.filter(round=round_, person=person).first()
    if answer is None or not answer.written_alone:
        raise PromptError("There's nothing of yours waiting to be shared here.")
    if len(selectors.member_ids(bond)) < 2:
        raise PromptError("There's nobody else in this bond yet to share it with.")
    answer.written_alone = False
    answer.save(update_fields=["written_alone", "updated_at"])
    log.info("solo answer shared bond=%s round=%s person=%s", bond.pk, round_.pk, person.pk)
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
def reply_submit(
    *, person: Person, bond: Bond, round_: PromptRound, reaction: str, text: str
) -> Reply:
    if not selectors.is_revealed(round_):
        raise PromptError("Replies open once you've both answered.")
    if not reaction and not text:
        raise PromptError("Pick a reaction or write a few words.")
    if Reply.objects.filter(round=round_, person=person).count() >= REPLIES_PER_PERSON_PER_ROUND:
        raise PromptError(
            "That's a long conversation for one prompt. It might be lovely to carry it on "
            "in person."
        )
    reply = Reply(round=round_, person=person)  # each reply its own, in the thread
    reply.reaction = reaction
    reply.text = text
    reply.full_clean(exclude=["text_sealed"])
    reply.save()
    return reply


def ladder_evaluate(*, bond: Bond, new_rating: int | None = None) -> None:
    state = selectors.ladder_for(bond)
    step = next_depth(state.depth, selectors.rounds_at_depth(bond, state), new_rating=new_rating)
    if step.depth != state.depth:
        log.info(
            "ladder moved bond=%s from=%s to=%s reason=%s",
            bond.pk,
            state.depth,
            step.depth,
            step.reason,
        )
        state.depth, state.depth_since, state.last_change = step.depth, timezone.now(), step.reason
        state.save(update_fields=["depth", "depth_since", "last_change", "updated_at"])


def _describe_depth(depth: int) -> str:
    return DEPTH_LABELS[depth].lower()


def _other_name(person: Person, bond: Bond) -> str:
    others = other_members(bond, person)
    return others[0].display_name if others else "They"


@transaction.atomic
def change_propose(*, person: Person, bond: Bond, kind: str, prompt_id: str = "") -> PromptChange:
    """Ask to change today's prompt: for another one, something lighter, or a pick from
    the deck. In a bond of two it waits for the other's yes (``change_answer``); in a bond
    of one it changes at once. Asking again replaces one's own waiting request.

    Nothing anyone wrote is set aside without their say: an answer already written stays
    with the old prompt in Past prompts, and the request tells each person so.
    """
    _require_active(bond)
    try:
        wanted = ChangeKind(kind)
    except ValueError:
        raise PromptError("Choose another prompt, a lighter one or one from the deck.") from None
    current = round_for_today(bond=bond)
    if current.sequence + 1 >= MAX_ROUNDS_PER_DAY:
        raise PromptError("That's plenty of prompts for one day. A fresh one arrives tomorrow.")
    members = len(selectors.member_ids(bond))
    waiting = list(
        PromptChange.objects.select_for_update().filter(
            round=current, status=PromptChange.Status.OPEN
        )
    )
    if any(r.proposer_id != person.pk for r in waiting) and needs_agreement(members):
        raise PromptKept(
            f"{_other_name(person, bond)} has already asked to change today's prompt. "
            "Say yes or no to that first."
        )
    ladder = selectors.ladder_for(bond)
    chosen = ""
    if wanted is ChangeKind.LIGHTER:
        depth = lighter_depth(round_depth=current.depth, ladder_depth=ladder.depth)
        if depth is None:
            raise PromptError(
                "Today's prompt is already one of the lightest. You can ask for another one."
            )
    elif wanted is ChangeKind.ANOTHER:
        depth = ladder.depth
    else:
        prompt = _deck_prompt(bond, prompt_id)
        if prompt.id == current.prompt_id:
            raise PromptKept("That's already today's prompt.")
        if not pick_allowed(prompt_depth=prompt.depth, ladder_depth=ladder.depth, members=members):
            raise PromptError(
                f"That one goes deeper than the {_describe_depth(ladder.depth)} prompts your "
                "bond is at. Deeper prompts wait until there are two of you to agree to them."
            )
        depth, chosen = prompt.depth, prompt.id
    for request in waiting:
        _close(request, PromptChange.Status.WITHDRAWN)  # replaced by this one
    change = PromptChange.objects.create(
        round=current, proposer=person, kind=wanted.value, prompt_id=chosen, depth=depth
    )
    log.info(
        "prompt change asked bond=%s round=%s change=%s kind=%s",
        bond.pk,
        current.pk,
        change.pk,
        wanted.value,
    )
    if not needs_agreement(members):  # a bond of one: nobody else to ask
        _apply(change, bond=bond, by=person)
    return change


def _deck_prompt(bond: Bond, prompt_id: str) -> Prompt:
    prompt = prompt_library().get(prompt_id)
    eligible = prompt is not None and prompt in prompt_library().eligible(
        kind=bond.kind_enum, sexual_allowed=selectors.sexual_allowed(bond)
    )
    if prompt is None or not eligible:
        raise PromptError("That prompt isn't in this bond's deck.")
    return prompt


def _close(change: PromptChange, status: str, *, by: Person | None = None) -> None:
    change.status = status
    change.answered_by = by
    change.answered_at = timezone.now() if by is not None else None
    change.save(update_fields=["status", "answered_by", "answered_at", "updated_at"])


def _waiting_request(bond: Bond, change_id) -> PromptChange:
    """The request waiting for a yes or no on today's prompt (the one named, if named)."""
    current = selectors.current_round(bond, bond_day(bond))
    found = (
        PromptChange.objects.select_for_update()
        .filter(round=current, status=PromptChange.Status.OPEN)
        .first()
        if current is not None
        else None
    )
    if found is None or (change_id is not None and str(found.pk) != str(change_id)):
        raise PromptKept("That request has already been answered or withdrawn.")
    return found


@transaction.atomic
def change_answer(*, person: Person, bond: Bond, change_id=None, accept: bool) -> PromptChange:
    """Say yes (today's prompt changes) or no (it stays) to the other person's request."""
    _require_active(bond)
    change = _waiting_request(bond, change_id)
    if change.proposer_id == person.pk:
        raise PromptKept(f"That's your own request: it's waiting for {_other_name(person, bond)}.")
    if accept:
        _apply(change, bond=bond, by=person)
    else:
        _close(change, PromptChange.Status.DECLINED, by=person)
    log.info("prompt change answered bond=%s change=%s accepted=%s", bond.pk, change.pk, accept)
    return change


@transaction.atomic
def change_withdraw(*, person: Person, bond: Bond, change_id=None) -> PromptChange:
    """Take back one's own request, before the other has answered it."""
    _require_active(bond)
    change = _waiting_request(bond, change_id)
    if change.proposer_id != person.pk:
        raise PromptKept("Only the person who asked can withdraw it. You can say yes or no.")
    _close(change, PromptChange.Status.WITHDRAWN)
    log.info("prompt change withdrawn bond=%s change=%s", bond.pk, change.pk)
    return change


_SOURCES = {
    ChangeKind.ANOTHER: PromptRound.Source.ANOTHER,
    ChangeKind.LIGHTER: PromptRound.Source.LIGHTER,
    ChangeKind.CHOSEN: PromptRound.Source.CHOSEN,
}


def _apply(change: PromptChange, *, bond: Bond, by: Person) -> PromptRound:
    """Both agreed (or there is only one person): set today's prompt aside and bring the
    new one. Answers to the old prompt stay with it, in Past prompts."""
    current = change.round
    if not PromptRound.objects.filter(pk=current.pk, status=PromptRound.Status.OPEN).exists():
        raise PromptKept("Today's prompt has already changed, so there's nothing to change now.")
    kind = ChangeKind(change.kind)
    if not selectors.is_revealed(current):  # once both answered, another is not a skip
        status = (
            PromptRound.Status.REPLACED if kind is ChangeKind.CHOSEN else PromptRound.Status.SKIPPED
        )
        PromptRound.objects.filter(pk=current.pk).update(status=status, updated_at=timezone.now())
        ladder_evaluate(bond=bond)
    ladder = selectors.ladder_for(bond)
    now = ladder.depth
    if kind is ChangeKind.LIGHTER:
        now = lighter_depth(round_depth=current.depth, ladder_depth=ladder.depth) or MIN_DEPTH
    prompt = prompt_library().get(change.prompt_id) if kind is ChangeKind.CHOSEN else None
    _close(change, PromptChange.Status.ACCEPTED, by=by)
    new = _new_round(
        bond,
        day=current.day,
        depth=agreed_depth(kind, asked=change.depth, now=now),
        source=_SOURCES[kind],
        exclude=[current.prompt_id],
        prompt=prompt,
    )
    log.info("prompt changed bond=%s from=%s to=%s", bond.pk, current.pk, new.pk)
    return new


@transaction.atomic
def ladder_step_back(*, person: Person, bond: Bond) -> int:
    state = selectors.ladder_for(bond)
    if state.depth <= MIN_DEPTH:
        raise PromptError("You're already at the lightest level.")
    state.depth, state.depth_since, state.last_change = state.depth - 1, timezone.now(), "step-back"
    state.save(update_fields=["depth", "depth_since", "last_change", "updated_at"])
    log.info("ladder stepped back bond=%s person=%s", bond.pk, person.pk)
    return state.depth


@transaction.atomic
def ladder_restart(*, bond: Bond) -> None:
    """Start the depth ladder again from the lightest prompts (after a repair both agreed
    to begin again, "it will be different")."""
    state = selectors.ladder_for(bond)
    state.depth, state.depth_since, state.last_change = MIN_DEPTH, timezone.now(), "restart"
    state.save(update_fields=["depth", "depth_since", "last_change", "updated_at"])
    log.info("ladder restarted bond=%s", bond.pk)


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
    PromptChange.objects.filter(proposer=person, round__bond=bond).delete()
    # A request still waiting can no longer be answered by both of them.
    PromptChange.objects.filter(round__bond=bond, status=PromptChange.Status.OPEN).update(
        status=PromptChange.Status.LAPSED, updated_at=timezone.now()
    )
