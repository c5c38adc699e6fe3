"""Everything that changes a bond. Views call these; the rules live here and in domain/."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Invite, Membership
from heartwork.core.errors import ApplicationError
from heartwork.domain.bonds import MAX_MEMBERS, BondKind, BondStatus, can_resume
from heartwork.domain.invites import InviteState, hash_invite_token, new_invite_token

log = logging.getLogger("heartwork.bonds")


class BondError(ApplicationError):
    pass


@transaction.atomic
def bond_create(*, person: Person, name: str, kind: BondKind) -> Bond:
    bond = Bond(name=name.strip(), kind=kind.value, created_by=person)
    bond.full_clean()
    bond.save()
    Membership.objects.create(bond=bond, person=person)
    log.info("bond created bond=%s person=%s", bond.pk, person.pk)
    return bond


@dataclass(frozen=True)
class IssuedInvite:
    invite: Invite
    token: str  # shown once, to the person who made it; only its hash is stored


@transaction.atomic
def invite_create(*, person: Person, bond: Bond) -> IssuedInvite:
    """Make a fresh one-time link. Any earlier open link for this bond stops working."""
    bond = Bond.objects.select_for_update().get(pk=bond.pk)
    if bond.status != BondStatus.ACTIVE:
        raise BondError("Invites can only be sent from an active bond.")
    if bond.memberships.count() >= MAX_MEMBERS:
        raise BondError("This bond already has two people in it.")
    now = timezone.now()
    bond.invites.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    token = new_invite_token()
    invite = Invite.objects.create(
        bond=bond,
        created_by=person,
        token_hash=hash_invite_token(token),
        expires_at=now + settings.INVITE_LIFETIME,
    )
    log.info("invite created bond=%s invite=%s", bond.pk, invite.pk)
    return IssuedInvite(invite=invite, token=token)


@transaction.atomic
def invite_revoke(*, person: Person, bond: Bond) -> int:
    count = bond.invites.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    log.info("invites revoked bond=%s person=%s count=%s", bond.pk, person.pk, count)
    return count


_STATE_MESSAGES = {
    InviteState.ACCEPTED: "This invite has already been used. Ask for a new link if you need one.",
    InviteState.EXPIRED: "This invite has expired. Ask the person who sent it for a new link.",
    InviteState.REVOKED: "This invite link was replaced by a newer one, or withdrawn.",
}


@transaction.atomic
def invite_accept(*, person: Person, invite_id) -> Bond:
    # Lock the invite row so two simultaneous accepts cannot both succeed.
    invite = Invite.objects.select_for_update().select_related("bond").get(pk=invite_id)
    state = invite.state(timezone.now())
    if state is not InviteState.OPEN:
        raise BondError(_STATE_MESSAGES[state])
    bond = invite.bond
    if invite.created_by_id == person.pk or bond.memberships.filter(person=person).exists():
        raise BondError("You're already in this bond, so this invite is for someone else.")
    if bond.status != BondStatus.ACTIVE:
        raise BondError("This bond isn't taking new members right now.")
    if bond.memberships.count() >= MAX_MEMBERS:
        raise BondError("This bond already has two people in it.")
    try:
        with transaction.atomic():
            Membership.objects.create(bond=bond, person=person)
            invite.accepted_at = timezone.now()
            invite.accepted_by = person
            invite.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    except IntegrityError:
        raise BondError(_STATE_MESSAGES[InviteState.ACCEPTED]) from None
    log.info("invite accepted bond=%s invite=%s person=%s", bond.pk, invite.pk, person.pk)
    return bond


@transaction.atomic
def bond_pause(*, person: Person, bond: Bond) -> Bond:
    if bond.status != BondStatus.ACTIVE:
        raise BondError("Only an active bond can be paused.")
    bond.status, bond.paused_by, bond.paused_at = BondStatus.PAUSED, person, timezone.now()
    bond.save(update_fields=["status", "paused_by", "paused_at", "updated_at"])
    log.info("bond paused bond=%s person=%s", bond.pk, person.pk)
    return bond


@transaction.atomic
def bond_resume(*, person: Person, bond: Bond) -> Bond:
    if bond.status != BondStatus.PAUSED:
        raise BondError("This bond isn't paused.")
    if not can_resume(paused_by_person=bond.paused_by_id == person.pk):
        raise BondError("The person who paused this bond is the one who can resume it.")
    bond.status, bond.paused_by, bond.paused_at = BondStatus.ACTIVE, None, None
    bond.save(update_fields=["status", "paused_by", "paused_at", "updated_at"])
    log.info("bond resumed bond=%s person=%s", bond.pk, person.pk)
    return bond


# Each practice that keeps a person's writing inside a bond removes it when that person
# leaves: ``forget_person_in_bond(person=..., bond=...)`` in each of these modules.
# (Listed here rather than wired through signals, so the order and the set are plain.)
LEAVE_CLEANUPS = (
    "heartwork.prompts.services",
    "heartwork.checkins.services",
    "heartwork.together.services",
    "heartwork.appreciation.services",
)


@transaction.atomic
def bond_leave(*, person: Person, bond: Bond) -> None:
    """Leave a bond. If nobody is left it is deleted; otherwise it ends for the other person.

    What the leaving person wrote in the bond goes with them; the other person keeps
    what they wrote themselves.
    """
    for module in LEAVE_CLEANUPS:
        importlib.import_module(module).forget_person_in_bond(person=person, bond=bond)
    Membership.objects.filter(bond=bond, person=person).delete()
    if not bond.memberships.exists():
        bond.delete()
        log.info("bond deleted on leave bond=%s", bond.pk)
        return
    bond.invites.filter(accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=timezone.now())
    bond.status, bond.ended_at = BondStatus.ENDED, timezone.now()
    bond.save(update_fields=["status", "ended_at", "updated_at"])
    log.info("bond left bond=%s person=%s", bond.pk, person.pk)
