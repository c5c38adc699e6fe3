"""Reads of check-ins, for one person. A private check-in is only ever read by its author."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bonds_for_person, name_bonds
from heartwork.checkins.models import CheckIn
from heartwork.core.rawsql import datetime_param, uuid_param
from heartwork.domain.bonds import BondStatus
from heartwork.domain.checkins import CheckInFacts


def own_checkins(person: Person, *, since: datetime.date | None = None) -> QuerySet[CheckIn]:
    checkins = CheckIn.objects.filter(person=person)
    return checkins.filter(day__gte=since) if since else checkins


def own_checkin(person: Person, checkin_id) -> CheckIn:
    try:
        return own_checkins(person).get(pk=checkin_id)
    except (CheckIn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such check-in.") from None


def facts(checkins) -> list[CheckInFacts]:
    return [CheckInFacts(c.day, tuple(c.feelings), c.intensity) for c in checkins]


def shareable_bonds(person: Person) -> list[Bond]:
    """Active bonds with someone else in them: the only places a check-in can be shared."""
    bonds = [
        bond
        for bond in bonds_for_person(person)
        .filter(status=BondStatus.ACTIVE)
        .prefetch_related("memberships")
        if len(bond.memberships.all()) > 1
    ]
    return name_bonds(person, bonds)


def shared_in_bond(person: Person, bond: Bond) -> QuerySet[CheckIn]:
    """Check-ins either member shared with this bond (the caller has checked membership)."""
    return (
        CheckIn.objects.filter(shared_with=bond)
        .filter(Q(person=person) | Q(person__memberships__bond=bond))
        .select_related("person")
        .prefetch_related("acknowledgements")
        .distinct()
    )


def shared_checkin_for_other(person: Person, bond: Bond, checkin_id) -> CheckIn:
    """A check-in the *other* member shared with this bond, or 404."""
    try:
        return shared_in_bond(person, bond).exclude(person=person).get(pk=checkin_id)
    except (CheckIn.DoesNotExist, ValueError, TypeError):
        raise Http404("No such check-in.") from None


# Read on every Today visit, so written by hand (see heartwork.core.rawsql): in one run on
# the demo data, Django's ORM took 1.05-1.22 ms for it and this SQL 0.11-0.14 ms, about
# nine times less (docs/benchmarks.md, "Hand-written SQL"). Only check-ins shared into
# bonds ``me`` is a member of, by someone else, not yet answered.
_SHARED_WITH_ME_SQL = """
SELECT c.id, c.created_at, c.updated_at, c.person_id, c.day, c.payload_sealed, c.shared_with_id,
       p.display_name AS author_name
  FROM checkins_checkin c
  JOIN bonds_membership mine ON mine.bond_id = c.shared_with_id AND mine.person_id = %(me)s
  JOIN accounts_person p ON p.id = c.person_id
 WHERE c.created_at >= %(since)s AND c.person_id <> %(me)s
   AND NOT EXISTS (SELECT 1 FROM checkins_acknowledgement a
                    WHERE a.checkin_id = c.id AND a.person_id = %(me)s)
 ORDER BY c.created_at DESC
 LIMIT 5
"""


def recently_shared_with_me(person: Person, days: int = 3) -> list[CheckIn]:
    """Check-ins others shared into my bonds lately that I haven't answered yet (five at most).

    Each carries ``author_name``, the display name of the person who shared it.
    """
    since = timezone.now() - datetime.timedelta(days=days)
    params = {"me": uuid_param(person.pk), "since": datetime_param(since)}
    return list(CheckIn.objects.raw(_SHARED_WITH_ME_SQL, params))
