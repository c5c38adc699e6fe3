"""Changes to a person's own account."""

from __future__ import annotations

import logging

from django.db import transaction

from heartwork.accounts.keys import forget_cached_key
from heartwork.accounts.models import Person
from heartwork.bonds.services import bond_leave

log = logging.getLogger("heartwork.accounts")


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Delete a person and everything they wrote.

    They leave each bond first, so a bond they shared ends for the other person (who keeps
    their own entries) and a bond nobody else is in is deleted outright.
    """
    person_id = person.pk
    for membership in list(person.memberships.select_related("bond")):
        bond_leave(person=person, bond=membership.bond)
    person.delete()  # takes their data key with it: their writing in old backups is unreadable
    forget_cached_key(person_id)
    log.info("person deleted person=%s", person_id)
