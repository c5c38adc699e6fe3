"""Bonds between two people, who is in them, and the invites that bring someone in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedText
from heartwork.domain.bonds import BondKind, BondStatus
from heartwork.domain.invites import InviteState, invite_state


class Bond(BaseModel):
    # A bond has no name of its own: each member gives it theirs (Membership.name, sealed).
    # Selectors set ``name`` to the viewer's name for the bond they return.
    kind = models.CharField(max_length=16, choices=[(k.value, k.label) for k in BondKind])
    status = models.CharField(
        max_length=8,
        choices=[(s.value, s.value.title()) for s in BondStatus],
        default=BondStatus.ACTIVE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paused_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"bond {self.id}"  # names are private; the admin shows them in their own column

    @property
    def name(self) -> str:
        return getattr(self, "_name_for_viewer", "")

    @name.setter
    def name(self, value: str) -> None:
        self._name_for_viewer = value

    @property
    def is_active(self) -> bool:
        """Practices run only in an active bond; a paused or ended one rests."""
        return self.status == BondStatus.ACTIVE

    @property
    def kind_enum(self) -> BondKind:
        return BondKind(self.kind)

    @property
    def status_enum(self) -> BondStatus:
        return BondStatus(self.status)


class Membership(BaseModel):
    """A person's place in a bond. Leaving deletes the row; the bond then ends for the other."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    # What this member calls the bond ("Sam and me", "Mum"), sealed with their own key.
    # Empty until they name it: pages then use the other person's name.
    name_sealed = models.TextField(blank=True)
    name = SealedText(author="person_id")
    # When this member said "Not now" to the first-run invite step for this bond: Today
    # then stops asking. The bond's page still offers an invite whenever they like.
    invite_step_hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bond", "person"], name="one_membership_per_person_per_bond"
            ),
        ]

    def __str__(self) -> str:
        return f"membership {self.id}"


class InviteQuerySet(models.QuerySet):
    def pending(self) -> InviteQuerySet:
        """Neither used nor withdrawn (it may have expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def open(self, now=None) -> InviteQuerySet:
        """Still usable: pending and not yet expired."""
        return self.pending().filter(expires_at__gt=now or timezone.now())


class Invite(BaseModel):
    objects = InviteQuerySet.as_manager()

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="invites")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)  # how an opened link is found
    # The token itself, sealed with the inviter's key, so the invite page can show the
    # same link again to them (and only them). Emptied once the link is used or withdrawn.
    token_sealed = models.TextField(blank=True)
    token = SealedText(author="created_by_id")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # At most one invite per bond may be accepted, even under a race.
            models.UniqueConstraint(
                fields=["bond"],
                condition=Q(accepted_at__isnull=False),
                name="one_accepted_invite_per_bond",
            ),
        ]

    def __str__(self) -> str:
        return f"invite {self.id}"

    def state(self, now) -> InviteState:
        return invite_state(
            now=now,
            expires_at=self.expires_at,
            accepted_at=self.accepted_at,
            revoked_at=self.revoked_at,
        )
