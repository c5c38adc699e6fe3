"""Changes to a person's "keep your circle warm" choices. Nothing else of insights is stored."""

from __future__ import annotations

import datetime

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.core.errors import ApplicationError
from heartwork.domain.insights import CADENCES, default_cadence
from heartwork.insights.models import CircleSetting


class InsightsError(ApplicationError):
    pass


def _setting(person: Person, bond: Bond) -> CircleSetting:
    membership = Membership.objects.get(person=person, bond=bond)
    setting = CircleSetting.objects.filter(membership=membership).first()
    return setting or CircleSetting(membership=membership, cadence=default_cadence(bond.kind))


def circle_cadence_set(*, person: Person, bond: Bond, cadence: object) -> CircleSetting:
    """How many quiet days before Today offers an idea for this bond (0: never)."""
    try:
        days = int(str(cadence))
    except ValueError:
        days = -1
    if days not in CADENCES:
        raise InsightsError("Choose one of the options.")
    setting = _setting(person, bond)
    setting.cadence = days
    setting.resting_until = None
    setting.full_clean()
    setting.save()
    return setting


def circle_rest(*, person: Person, bond: Bond, today: datetime.date) -> CircleSetting:
    """ "Not now": the idea for this bond rests for one cadence (or a month when off)."""
    setting = _setting(person, bond)
    setting.resting_until = today + datetime.timedelta(days=setting.cadence or 30)
    setting.full_clean()
    setting.save()
    return setting


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    CircleSetting.objects.filter(membership__bond=bond, membership__person=person).delete()
