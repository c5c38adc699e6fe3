"""Ids for the URL walks (tests/bonds/test_authorization.py, the hostile-content walk)."""

from heartwork.accounts.models import Person
from heartwork.bonds.models import Membership
from heartwork.conflict import services


def _pair(bond, person):
    """A talk takes two: a second person joins a bond of one first."""
    if not bond.memberships.exclude(person=person).exists():
        other = Person.objects.create_user(
            f"talk-{bond.pk}@example.com", None, display_name="Other"
        )
        Membership.objects.create(bond=bond, person=other)


def _message(bond, person):
    found = bond.conflict_messages.filter(author=person).first()
    if found is None:
        found = services.message_save(
            person=person, bond=bond, message=None, text="When the bins were left out…", parts={}
        )
    return found.pk


def _talk(bond, person):
    _pair(bond, person)
    existing = bond.talks.exclude(step__in=["not-now", "agreed", "ended"]).first()
    return (existing or services.talk_start(person=person, bond=bond)).pk


URL_KWARGS = {"message_id": _message, "talk_id": _talk}
