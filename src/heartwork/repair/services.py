"""Everything that changes a repair. The stage rules live in heartwork.domain.repair."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.core.clock import local_today
from heartwork.core.errors import ApplicationError
from heartwork.domain.charts import week_start
from heartwork.domain.repair import (
    COOLING_OFF_CHOICES,
    Action,
    NotAllowed,
    RepairFacts,
    Role,
    next_stage,
    restart_agreed,
)
from heartwork.repair.models import (
    COMMITMENT_MAX,
    COMMITMENTS_MAX,
    TEXT_MAX,
    Commitment,
    Rating,
    Repair,
)
from heartwork.safety.selectors import repair_is_offered

log = logging.getLogger("heartwork.repair")


class RepairError(ApplicationError):
    pass


_REFUSALS = {
    Action.SEND: "This can't be sent right now. If they asked for time, it waits until then.",
    Action.WRITE: "This can't be changed now: it's with them.",
}


def role_of(person: Person, repair: Repair) -> Role:
    return Role.HURT if repair.hurt_id == person.pk else Role.RESPONSIBLE


def _facts(repair: Repair) -> RepairFacts:
    return RepairFacts(repair.stage_enum, repair.cooling_until)


def _move(person: Person, repair: Repair, action: Action, now: datetime.datetime) -> None:
    try:
        repair.stage = next_stage(_facts(repair), role_of(person, repair), action, now).value
    except NotAllowed:
        raise RepairError(_REFUSALS.get(action, "That isn't possible at this point.")) from None


def _clean(text: str, *, limit: int, what: str, required: bool = True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise RepairError(f"Write {what} first, in your own words.")
    if len(text) > limit:
        raise RepairError(
            f"Please keep {what} to {limit} characters or fewer (this is {len(text)})."
        )
    return text


@transaction.atomic
def repair_open(*, person: Person, bond: Bond, i_was_hurt: bool) -> Repair:
    """Open a repair in a bond of two: either member can, as the one who was hurt or the
    one who caused the hurt."""
    others = list(bond.memberships.exclude(person=person).values_list("person_id", flat=True))
    if not bond.is_active or not others:
        raise RepairError("A repair needs the two of you in an active bond.")
    if not repair_is_offered(person, bond):
        raise RepairError("Repair isn't offered here right now.")
    other = others[0]
    hurt, responsible = (person.pk, other) if i_was_hurt else (other, person.pk)
    try:
        with transaction.atomic():
            repair = Repair.objects.create(
                bond=bond, hurt_id=hurt, responsible_id=responsible, opened_by=person
            )
    except IntegrityError:
        raise RepairError("There's already a repair open in this bond.") from None
    log.info("repair opened bond=%s repair=%s", bond.pk, repair.pk)
    return repair


@transaction.atomic
def repair_write(*, person: Person, repair: Repair, accountability: str, apology: str) -> Repair:
    """The person responsible writes (and rewrites, until it is sent) what they did and
    their apology. Each is kept as it is typed; nothing is shown to the other yet."""
    _move(person, repair, Action.WRITE, timezone.now())
    repair.accountability = _clean(
        accountability, limit=TEXT_MAX, what="what happened", required=False
    )
    repair.apology = _clean(apology, limit=TEXT_MAX, what="your apology", required=False)
    repair.save(update_fields=["accountability_sealed", "apology_sealed", "stage", "updated_at"])
    return repair


@transaction.atomic
def commitment_add(*, person: Person, repair: Repair, change: str, evidence: str) -> Commitment:
    _move(person, repair, Action.WRITE, timezone.now())
    if repair.commitments.count() >= COMMITMENTS_MAX:
        raise RepairError(f"{COMMITMENTS_MAX} commitments is plenty. A few you can keep beat many.")
    commitment = Commitment(repair=repair, author=person, position=repair.commitments.count())
    commitment.change = _clean(change, limit=COMMITMENT_MAX, what="the change you'll make")
    commitment.evidence = _clean(
        evidence, limit=COMMITMENT_MAX, what="how they'll see it", required=False
    )
    commitment.save()
    return commitment


@transaction.atomic
def commitment_remove(*, person: Person, repair: Repair, commitment_id) -> None:
    _move(person, repair, Action.WRITE, timezone.now())
    deleted, _ = repair.commitments.filter(pk=commitment_id).delete()
    if not deleted:
        raise RepairError("That commitment isn't here any more.")


@transaction.atomic
def repair_send(*, person: Person, repair: Repair) -> Repair:
    if not repair.accountability or not repair.apology or not repair.commitments.exists():
        raise RepairError(
            "Before sending, write what happened, your apology, and at least one commitment."
        )
    now = timezone.now()
    _move(person, repair, Action.SEND, now)
    repair.times_sent += 1
    repair.sent_at, repair.read_at, repair.decided_at = now, None, None
    repair.save(
        update_fields=["stage", "times_sent", "sent_at", "read_at", "decided_at", "updated_at"]
    )
    log.info("repair sent repair=%s", repair.pk)
    return repair


def repair_mark_read(*, person: Person, repair: Repair) -> None:
    """The hurt person chose to read it now. Never shown to the person responsible."""
    if role_of(person, repair) is Role.HURT and repair.read_at is None:
        Repair.objects.filter(pk=repair.pk, read_at__isnull=True).update(read_at=timezone.now())


_DECISIONS = {"accept": Action.ACCEPT, "not-yet": Action.NOT_YET, "decline": Action.DECLINE}


@transaction.atomic
def repair_decide(*, person: Person, repair: Repair, decision: str, note: str = "") -> Repair:
    """The hurt person's answer: accept, not yet, or no, with optional words of their own."""
    action = _DECISIONS.get(decision)
    if action is None:
        raise RepairError("Choose one of the answers offered.")
    now = timezone.now()
    _move(person, repair, action, now)
    repair.hurt_note = _clean(note, limit=TEXT_MAX, what="your words", required=False)
    repair.decided_at = now
    if action is not Action.DECLINE:
        repair.cooling_until = (
            repair.cooling_until if repair.cooling_until and repair.cooling_until > now else None
        )
    if action is not Action.ACCEPT:
        repair.closed_at = now if action is Action.DECLINE else None
    repair.save()
    log.info("repair decided repair=%s decision=%s", repair.pk, decision)
    return repair


@transaction.atomic
def repair_ask_for_time(*, person: Person, repair: Repair, days: int) -> Repair:
    """A cooling-off: nothing can be sent again, or chased, until it passes."""
    if days not in COOLING_OFF_CHOICES:
        raise RepairError("Choose one of the lengths of time offered.")
    now = timezone.now()
    _move(person, repair, Action.ASK_FOR_TIME, now)
    repair.cooling_until = now + datetime.timedelta(days=days)
    repair.save(update_fields=["cooling_until", "updated_at"])
    return repair


@transaction.atomic
def repair_close(*, person: Person, repair: Repair) -> Repair:
    """Either of them can close it; the hurt person can end it at any time."""
    now = timezone.now()
    _move(person, repair, Action.CLOSE, now)
    repair.closed_at, repair.closed_by = now, person
    repair.save(update_fields=["stage", "closed_at", "closed_by", "updated_at"])
    log.info("repair closed repair=%s", repair.pk)
    return repair


@transaction.atomic
def repair_agree_to_restart(*, person: Person, repair: Repair) -> bool:
    """'It will be different': once both agree, the prompts start again from the lightest."""
    from heartwork.prompts.services import ladder_restart

    _move(person, repair, Action.AGREE_TO_RESTART, timezone.now())
    if role_of(person, repair) is Role.HURT:
        repair.restart_by_hurt = True
    else:
        repair.restart_by_responsible = True
    restarted = restart_agreed(repair.restart_by_hurt, repair.restart_by_responsible)
    if restarted and repair.ladder_restarted_at is None:
        ladder_restart(bond=repair.bond)
        repair.ladder_restarted_at = timezone.now()
    repair.save()
    return restarted


@transaction.atomic
def week_rate(*, person: Person, repair: Repair, ratings: dict, note: str = "") -> None:
    """This week's private ratings of each commitment (1–5), and an optional note."""
    _move(person, repair, Action.RATE, timezone.now())
    week = week_start(local_today(person))
    commitments = {str(c.pk): c for c in repair.commitments.all()}
    if set(ratings) != set(commitments):
        raise RepairError("Rate each commitment, from 1 to 5.")
    note = _clean(note, limit=TEXT_MAX, what="your note", required=False)
    for key, value in ratings.items():
        if value not in range(1, 6):
            raise RepairError("Rate each commitment, from 1 to 5.")
        rating, _ = Rating.objects.get_or_create(
            commitment=commitments[key], person=person, week=week, defaults={"rating": value}
        )
        rating.rating = value
        rating.note = note
        rating.save()


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """When either of them leaves, every repair of the bond goes: it was between them."""
    deleted, _ = Repair.objects.filter(bond=bond).delete()
    if deleted:
        log.info("repairs removed on leave bond=%s", bond.pk)
