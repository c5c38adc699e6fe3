"""Writing check-ins and responding to shared ones."""

from __future__ import annotations

import logging

from django.db import transaction

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.checkins import selectors
from heartwork.checkins.models import Acknowledgement, CheckIn
from heartwork.core.errors import ApplicationError
from heartwork.domain.checkins import i_statement
from heartwork.domain.feelings import feelings_wheel

log = logging.getLogger("heartwork.checkins")


class CheckInError(ApplicationError):
    pass


@transaction.atomic
def checkin_record(
    *, person: Person, feelings: list[str], intensity: int, note: str = "",
    feel: str = "", when: str = "", because: str = "", share_with: Bond | None = None,
) -> CheckIn:
    wheel = feelings_wheel()
    if not feelings or any(wheel.get(word) is None for word in feelings):
        raise CheckInError("Pick your feelings from the wheel.")
    if not 1 <= intensity <= 5:
        raise CheckInError("Choose how strongly, from 1 to 5.")
    if share_with is not None and share_with.pk not in {b.pk for b in selectors.shareable_bonds(person)}:
        raise CheckInError("You can only share with an active bond you're in, with someone else in it.")
    checkin = CheckIn(person=person, day=selectors.local_today(person), shared_with=share_with)
    checkin.seal({
        "feelings": feelings,
        "intensity": intensity,
        "note": note.strip(),
        "statement": i_statement(feel, when, because),
    })
    checkin.save()
    log.info("check-in recorded person=%s shared=%s", person.pk, share_with.pk if share_with else None)
    return checkin


@transaction.atomic
def checkin_unshare(*, person: Person, checkin: CheckIn) -> None:
    if checkin.person_id != person.pk:
        raise CheckInError("Only the person who wrote a check-in can change who sees it.")
    checkin.shared_with = None
    checkin.save(update_fields=["shared_with", "updated_at"])


@transaction.atomic
def checkin_delete(*, person: Person, checkin: CheckIn) -> None:
    if checkin.person_id != person.pk:
        raise CheckInError("Only the person who wrote a check-in can delete it.")
    checkin.delete()


@transaction.atomic
def acknowledge(*, person: Person, checkin: CheckIn, phrase: str, reply: str) -> Acknowledgement:
    if checkin.person_id == person.pk:
        raise CheckInError("This is your own check-in.")
    ack = Acknowledgement.objects.filter(checkin=checkin, person=person).first() or Acknowledgement(checkin=checkin, person=person)
    ack.phrase = phrase
    ack.set_reply(reply)
    ack.save()
    return ack


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """A person leaving a bond takes back what they shared there: their check-ins become
    private again (they stay in their own history) and their replies are deleted."""
    CheckIn.objects.filter(person=person, shared_with=bond).update(shared_with=None)
    Acknowledgement.objects.filter(person=person, checkin__shared_with=bond).delete()
