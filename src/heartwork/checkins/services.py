"""Writing check-ins and responding to shared ones."""

from __future__ import annotations

import logging
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.checkins import selectors
from heartwork.checkins.models import Acknowledgement, CheckIn, SharedFeelingTally, quarter_hour
from heartwork.core.clock import local_today
from heartwork.core.errors import ApplicationError
from heartwork.domain.checkins import i_statement
from heartwork.domain.feelings import feelings_wheel

log = logging.getLogger("heartwork.checkins")


class CheckInError(ApplicationError):
    pass


def feeling_cores(feelings: list[str]) -> Counter:
    """Core -> how many of ``feelings`` belong to it (words not on the wheel are skipped)."""
    wheel = feelings_wheel()
    found = (wheel.get(word) for word in feelings)
    return Counter(feeling.core for feeling in found if feeling is not None)


def _tally_add(checkin: CheckIn, bond_id, sign: int) -> None:
    """Count ``checkin``'s cores in (sign 1) or out of (sign -1) its bond's tally."""
    quarter = quarter_hour(checkin.created_at)
    for core, n in feeling_cores(checkin.feelings).items():
        rows = SharedFeelingTally.objects.filter(bond_id=bond_id, quarter=quarter, core=core)
        if rows.update(count=F("count") + sign * n) or sign < 0:
            continue
        try:
            with transaction.atomic():  # a savepoint: someone may create the row first
                SharedFeelingTally.objects.create(
                    bond_id=bond_id, quarter=quarter, core=core, count=n
                )
        except IntegrityError:
            rows.update(count=F("count") + n)
    SharedFeelingTally.objects.filter(bond_id=bond_id, quarter=quarter, count__lte=0).delete()


def feeling_tally_recount(*, bond: Bond) -> None:
    """Rebuild ``bond``'s feeling tally from its shared check-ins (opening each): after
    check-ins leave the bond in bulk, and to check the running tally against."""
    counts: Counter = Counter()
    for checkin in CheckIn.objects.filter(shared_with=bond).only(
        "id", "person_id", "created_at", "payload_sealed"
    ):
        quarter = quarter_hour(checkin.created_at)
        for core, n in feeling_cores(checkin.feelings).items():
            counts[(quarter, core)] += n
    SharedFeelingTally.objects.filter(bond=bond).delete()
    SharedFeelingTally.objects.bulk_create(
        [SharedFeelingTally(bond=bond, quarter=q, core=c, count=n) for (q, c), n in counts.items()],
        batch_size=500,
    )


@transaction.atomic
def checkin_record(
    *,
    person: Person,
    feelings: list[str],
    intensity: int,
    note: str = "",
    feel: str = "",
    when: str = "",
    because: str = "",
    share_with: Bond | None = None,
) -> CheckIn:
    wheel = feelings_wheel()
    if not feelings or any(wheel.get(word) is None for word in feelings):
        raise CheckInError("Pick your feelings from the wheel.")
    if not 1 <= intensity <= 5:
        raise CheckInError("Choose how strongly, from 1 to 5.")
    if share_with is not None and share_with.pk not in {
        b.pk for b in selectors.shareable_bonds(person)
    }:
        raise CheckInError(
            "You can only share with an active bond you're in, with someone else in it."
        )
    checkin = CheckIn(person=person, day=local_today(person), shared_with=share_with)
    checkin.payload = {
        "feelings": feelings,
        "intensity": intensity,
        "note": note.strip(),
        "statement": i_statement(feel, when, because),
    }
    checkin.save()
    if share_with is not None:
        _tally_add(checkin, share_with.pk, 1)
    log.info(
        "check-in recorded person=%s shared=%s", person.pk, share_with.pk if share_with else None
    )
    return checkin


@transaction.atomic
def checkin_unshare(*, person: Person, checkin: CheckIn) -> None:
    if checkin.person_id != person.pk:
        raise CheckInError("Only the person who wrote a check-in can change who sees it.")
    if checkin.shared_with_id is not None:
        _tally_add(checkin, checkin.shared_with_id, -1)
    checkin.shared_with = None
    checkin.save(update_fields=["shared_with", "updated_at"])


@transaction.atomic
def checkin_delete(*, person: Person, checkin: CheckIn) -> None:
    if checkin.person_id != person.pk:
        raise CheckInError("Only the person who wrote a check-in can delete it.")
    if checkin.shared_with_id is not None:
        _tally_add(checkin, checkin.shared_with_id, -1)
    checkin.delete()


@transaction.atomic
def acknowledge(*, person: Person, checkin: CheckIn, phrase: str, reply: str) -> Acknowledgement:
    if checkin.person_id == person.pk:
        raise CheckInError("This is your own check-in.")
    ack = Acknowledgement.objects.filter(checkin=checkin, person=person).first() or Acknowledgement(
        checkin=checkin, person=person
    )
    ack.phrase = phrase
    ack.reply = reply
    ack.save()
    return ack


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """A person leaving a bond takes back what they shared there: their check-ins become
    private again (they stay in their own history) and their replies are deleted."""
    CheckIn.objects.filter(person=person, shared_with=bond).update(shared_with=None)
    Acknowledgement.objects.filter(person=person, checkin__shared_with=bond).delete()
    feeling_tally_recount(bond=bond)
