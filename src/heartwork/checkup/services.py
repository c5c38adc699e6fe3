"""Everything that changes a check-up. Items and scoring live in heartwork.domain.checkup."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.db import transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.checkup.models import CheckupEntry, CheckupRound, ReflectionEntry
from heartwork.checkup.selectors import items_for, open_round
from heartwork.core.errors import ApplicationError
from heartwork.domain.checkup import CLOSENESS_STEPS, item_bank, score_checkup, valid_answer
from heartwork.domain.reflections import reflections, score_reflection
from heartwork.domain.reveal import Contribution, is_revealed

log = logging.getLogger("heartwork.checkup")


class CheckupError(ApplicationError):
    pass


def _closeness(value: object) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= CLOSENESS_STEPS:
        raise CheckupError(f"Choose one of the {CLOSENESS_STEPS} pictures, or leave it out.")
    return value


@transaction.atomic
def checkup_record(
    *,
    person: Person,
    bond: Bond,
    answers: Mapping[str, tuple[int | None, int | None]],
    closeness: tuple[int | None, int | None] = (None, None),
) -> CheckupEntry:
    """Keep one person's check-up. Taken again before the other has taken theirs, it
    replaces the first; once both have, the round is complete and a new one begins."""
    if not bond.is_active:
        raise CheckupError("This bond is paused or has ended, so the check-up is resting too.")
    items = items_for(bond)
    asked = {i.id for i in items}
    cleaned: dict[str, list[int | None]] = {}
    for item_id, pair in answers.items():
        if item_id not in asked:
            raise CheckupError("Some answers don't belong to this check-up. Nothing was saved.")
        now, wished = pair
        for value in (now, wished):
            if value is not None and not valid_answer(value):
                raise CheckupError("Each answer runs from 1 to 5. Nothing was saved.")
        if now is not None or wished is not None:
            cleaned[item_id] = [now, wished]
    close_now, close_wished = _closeness(closeness[0]), _closeness(closeness[1])
    if not cleaned and close_now is None:
        raise CheckupError(
            "Answer at least a few questions first. Any you skip simply don't count."
        )

    result = score_checkup(items, {k: (v[0], v[1]) for k, v in cleaned.items()})
    members = list(bond.memberships.values_list("person_id", flat=True))
    round_ = open_round(bond) or CheckupRound.objects.create(bond=bond)
    entry = CheckupEntry.objects.filter(round=round_, person=person).first() or CheckupEntry(
        round=round_, person=person
    )
    entry.written_alone = len(members) < 2
    entry.version = item_bank().version
    entry.asked = sorted(asked)
    entry.answers = cleaned
    entry.closeness_now, entry.closeness_wished = close_now, close_wished
    entry.scores = result.as_dict()
    entry.shared_items = []
    entry.taken_at = timezone.now()
    entry.full_clean(exclude=["round", "person"])
    entry.save()
    contributions = [
        Contribution(author=e.person_id, written_alone=e.written_alone)
        for e in round_.entries.all()
    ]
    if is_revealed(members, contributions):
        round_.completed_at = timezone.now()
        round_.save(update_fields=["completed_at", "updated_at"])
    log.info("checkup recorded bond=%s round=%s", bond.pk, round_.pk)
    return entry


@transaction.atomic
def checkup_share_items(*, person: Person, entry: CheckupEntry, item_ids: Iterable[str]) -> int:
    """Show the other member one's own answers to these items (and stop showing the rest).
    Only items this person answered can be shared."""
    if entry.person_id != person.pk:
        raise CheckupError("Only your own answers can be shared.")
    wanted = set(item_ids)
    answered = set(entry.answers)
    if not wanted <= answered:
        raise CheckupError("Only questions you answered can be shared.")
    entry.shared_items = sorted(wanted)
    entry.save(update_fields=["shared_items", "updated_at"])
    return len(wanted)


@transaction.atomic
def reflection_record(
    *, person: Person, bond: Bond, kind: str, answers: Mapping[str, int | None]
) -> ReflectionEntry:
    """Keep one person's answers to a reflection, privately, with its score."""
    reflection = reflections().get(kind)
    if reflection is None:
        raise CheckupError("There's no such reflection.")
    asked = {q.id for q in reflection.questions}
    if not set(answers) <= asked:
        raise CheckupError("Some answers don't belong to this reflection. Nothing was saved.")
    cleaned = {k: v for k, v in answers.items() if v is not None}
    if any(not valid_answer(v) for v in cleaned.values()):
        raise CheckupError("Each answer runs from 1 to 5. Nothing was saved.")
    result = score_reflection(reflection, cleaned)
    if result.score is None:
        raise CheckupError(
            f"Answer at least {reflection.needed} of the {len(asked)} questions, so there's "
            "something to reflect on. Nothing was saved."
        )
    entry = ReflectionEntry(bond=bond, person=person, kind=kind, score=result.score)
    entry.answers = cleaned
    entry.save()
    return entry


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """Someone leaving takes their check-ups and reflections with them; rounds left empty
    go too."""
    ReflectionEntry.objects.filter(bond=bond, person=person).delete()
    CheckupEntry.objects.filter(round__bond=bond, person=person).delete()
    CheckupRound.objects.filter(bond=bond, entries__isnull=True).delete()
