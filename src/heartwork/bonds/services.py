"""Everything that changes a bond. Views call these; the rules live here and in domain/."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Invite, Membership
from heartwork.core.errors import ApplicationError
from heartwork.core.practices import forget_person_in_bond
from heartwork.domain.bonds import BOND_NAME_MAX, MAX_MEMBERS, BondKind, BondStatus, can_resume
from heartwork.domain.invites import InviteState, hash_invite_token, new_invite_token

log = logging.getLogger("heartwork.bonds")


class BondError(ApplicationError):
    pass


@transaction.atomic
def bond_create(*, person: Person, name: str, kind: BondKind) -> Bond:
    name = _clean_name(name)
    bond = Bond(kind=kind.value, created_by=person)
    bond.full_clean()
    bond.save()
    membership = Membership(bond=bond, person=person)
    membership.name = name
    membership.save()
    bond.name = name
    log.info("bond created bond=%s person=%s", bond.pk, person.pk)
    return bond


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise BondError("Give this bond a name, even a simple one.")
    if len(name) > BOND_NAME_MAX:
        raise BondError(f"Keep the name to {BOND_NAME_MAX} characters or fewer.")
    return name


@transaction.atomic
def bond_rename(*, person: Person, bond: Bond, name: str) -> Bond:
    """Change what this person calls the bond. The other member's name for it is theirs."""
    name = _clean_name(name)
    membership = Membership.objects.get(bond=bond, person=person)
    membership.name = name
    membership.save(update_fields=["name_sealed", "updated_at"])
    bond.name = name
    log.info("bond renamed bond=%s person=%s", bond.pk, person.pk)
    return bond


@dataclass(frozen=True)
class IssuedInvite:
    invite: Invite
    token: str  # for the link; stored as a hash for lookup and sealed for its maker


INVITES_PER_BOND_PER_HOUR = 10
INVITES_PER_PERSON_PER_DAY = 30


def _require_invite_allowance(*, person: Person, bond: Bond, now) -> None:
    """Generous for a person re-sending a link, a wall for a script minting thousands."""
    hour, day = now - timedelta(hours=1), now - timedelta(days=1)
    if Invite.objects.filter(bond=bond, created_at__gte=hour).count() >= INVITES_PER_BOND_PER_HOUR:
        raise BondError(
            "That's a lot of new links for one hour. The last one still works; try again later."
        )
    if (
        Invite.objects.filter(created_by=person, created_at__gte=day).count()
        >= INVITES_PER_PERSON_PER_DAY
    ):
        raise BondError("You've made many invite links today. Please try again tomorrow.")


def _require_invitable(bond: Bond) -> None:
    if not bond.is_active:
        raise BondError("Invites can only be sent from an active bond.")
    if bond.memberships.count() >= MAX_MEMBERS:
        raise BondError("This bond already has two people in it.")


@transaction.atomic
def invite_create(*, person: Person, bond: Bond) -> IssuedInvite:
    """Make a fresh one-time link. Any earlier open link for this bond stops working."""
    bond = Bond.objects.select_for_update().get(pk=bond.pk)
    _require_invitable(bond)
    now = timezone.now()
    _require_invite_allowance(person=person, bond=bond, now=now)
    bond.invites.pending().update(revoked_at=now, token_sealed="")
    token = new_invite_token()
    invite = Invite(
        bond=bond,
        created_by=person,
        token_hash=hash_invite_token(token),
        expires_at=now + settings.INVITE_LIFETIME,
    )
    invite.token = token  # sealed with the inviter's key, bound to this row
    invite.save(force_insert=True)
    log.info("invite created bond=%s invite=%s", bond.pk, invite.pk)
    return IssuedInvite(invite=invite, token=token)


def shown_invite(*, person: Person, bond: Bond) -> IssuedInvite | None:
    """The bond's open link as its maker can see it again, or None.

    Only the person who made it gets it (the token is sealed with their key); a link made
    before tokens were kept, or by someone else, cannot be shown and counts as none here.
    """
    invite = bond.invites.open().filter(created_by=person).order_by("-created_at").first()
    if invite is None or not invite.token:
        return None
    return IssuedInvite(invite=invite, token=invite.token)


@transaction.atomic
def invite_open_or_create(*, person: Person, bond: Bond) -> tuple[IssuedInvite, bool]:
    """The open link if there is one to show, else a new one: asking twice (a reload, a
    resent form, a double tap) never replaces a link already sent. True when new."""
    bond = Bond.objects.select_for_update().get(pk=bond.pk)
    _require_invitable(bond)
    shown = shown_invite(person=person, bond=bond)
    if shown is not None:
        return shown, False
    return invite_create(person=person, bond=bond), True


def invite_step_hide(*, person: Person, bond: Bond) -> None:
    """ "Not now" to Today's first-run invite step for this bond: it stops asking. Inviting
    stays one tap away on the bond's page."""
    Membership.objects.filter(bond=bond, person=person, invite_step_hidden_at__isnull=True).update(
        invite_step_hidden_at=timezone.now()
    )
    log.info("invite step hidden bond=%s person=%s", bond.pk, person.pk)


@transaction.atomic
def invite_revoke(*, person: Person, bond: Bond) -> int:
    count = bond.invites.pending().update(revoked_at=timezone.now(), token_sealed="")
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
    if not bond.is_active:
        raise BondError("This bond isn't taking new members right now.")
    if bond.memberships.count() >= MAX_MEMBERS:
        raise BondError("This bond already has two people in it.")
    try:
        with transaction.atomic():
            Membership.objects.create(bond=bond, person=person)
            invite.accepted_at = timezone.now()
            invite.accepted_by = person
            invite.token = ""  # used: nobody needs to see this link again
            invite.save(update_fields=["accepted_at", "accepted_by", "token_sealed", "updated_at"])
    except IntegrityError:
        raise BondError(_STATE_MESSAGES[InviteState.ACCEPTED]) from None
    log.info("invite accepted bond=%s invite=%s person=%s", bond.pk, invite.pk, person.pk)
    return bond


@transaction.atomic
def bond_pause(*, person: Person, bond: Bond) -> Bond:
    if not bond.is_active:
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


@transaction.atomic
def bond_leave(*, person: Person, bond: Bond) -> None:
    """Leave a bond. If nobody is left it is deleted; otherwise it ends for the other person.

    What the leaving person wrote in the bond goes with them; the other person keeps
    what they wrote themselves.
    """
    # Each practice removes what this person wrote in the bond (its registry hook).
    forget_person_in_bond(person=person, bond=bond)
    Membership.objects.filter(bond=bond, person=person).delete()
    if not bond.memberships.exists():
        bond.delete()
        log.info("bond deleted on leave bond=%s", bond.pk)
        return
    bond.invites.pending().update(revoked_at=timezone.now(), token_sealed="")
    bond.status, bond.ended_at = BondStatus.ENDED, timezone.now()
    bond.save(update_fields=["status", "ended_at", "updated_at"])
    log.info("bond left bond=%s person=%s", bond.pk, person.pk)
