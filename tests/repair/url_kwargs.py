"""Ids for the URL walks (tests/bonds/test_authorization.py, the hostile-content walk)."""

from heartwork.accounts.models import Person
from heartwork.bonds.models import Membership
from heartwork.repair import services


def _repair(bond, person):
    """An open repair in the bond, the person the one responsible (a second person joins a
    bond of one first: a repair takes two)."""
    if not bond.memberships.exclude(person=person).exists():
        other = Person.objects.create_user(
            f"repair-{bond.pk}@example.com", None, display_name="Other"
        )
        Membership.objects.create(bond=bond, person=other)
    existing = bond.repairs.exclude(stage__in=["declined", "closed"]).first()
    return existing or services.repair_open(person=person, bond=bond, i_was_hurt=False)


def _commitment(bond, person):
    repair = _repair(bond, person)
    found = repair.commitments.first()
    if found is None:
        found = services.commitment_add(
            person=repair.responsible,
            repair=repair,
            change="I will call when I'm late.",
            evidence="You'll get a call.",
        )
    return found.pk


URL_KWARGS = {
    "repair_id": lambda bond, person: _repair(bond, person).pk,
    "commitment_id": _commitment,
}
