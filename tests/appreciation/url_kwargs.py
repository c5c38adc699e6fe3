"""Ids of appreciation objects for the bond URL walk (tests/bonds/test_authorization.py)."""

from __future__ import annotations

import uuid

from heartwork.accounts.models import Person
from heartwork.appreciation import services
from heartwork.bonds.models import Membership


def a_note(bond, person) -> uuid.UUID:
    """A note ``person`` sent in ``bond``.

    A note needs someone to receive it, so in a bond where ``person`` is alone a second
    person joins first.
    """
    if not bond.memberships.exclude(person=person).exists():
        joiner = Person.objects.create_user(
            f"{uuid.uuid4().hex}@example.com", None, display_name="Joiner"
        )
        Membership.objects.create(bond=bond, person=joiner)
    return services.note_send(sender=person, bond=bond, text="You fixed the gate on Sunday.").pk


def a_list_item(bond, person) -> uuid.UUID:
    return services.item_add(person=person, bond=bond, text="The way you hum while you cook.").pk


URL_KWARGS = {
    "note_id": a_note,
    "item_id": a_list_item,
}
