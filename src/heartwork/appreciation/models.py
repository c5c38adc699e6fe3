"""Notes of thanks between the two people in a bond, the short thank-you that answers one,
and each person's private list of things they appreciate about the other.

All free text is encrypted per author (see heartwork.accounts.keys), bound to its model,
field, row and author. Who sent what to whom, and when, is stored in the clear.

What a person writes hangs off their membership of the bond: when they leave the bond it
goes with them (the bond's rule, see ``heartwork.bonds.services.bond_leave``), while the
other person keeps what they wrote themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heartwork.bonds.models import Bond, Membership
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedText


class Note(BaseModel):
    class Source(models.TextChoices):
        WRITTEN = "written", "Written as a note"
        LIST = "list", "Shared from the private list"

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="appreciation_notes")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sender_membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    # Null once the recipient has deleted their account; the sender keeps what they gave.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text_sealed = models.TextField()
    text = SealedText(author="sender_id")
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WRITTEN)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="appreciation_note_unread"),
            models.Index(fields=["bond", "created_at"], name="appreciation_note_bond_time"),
        ]

    def __str__(self) -> str:
        return f"note {self.id}"


class ThankYou(BaseModel):
    """The recipient's short answer to a note: a reaction, a few words, or both."""

    class Reaction(models.TextChoices):
        THANKS = "thanks", "Thank you"
        SMILE = "smile", "This made me smile"
        NEEDED = "needed", "I needed to hear that"
        HUG = "hug", "Sending a hug"
        LOVE = "love", "Right back at you"

    note = models.OneToOneField(Note, on_delete=models.CASCADE, related_name="thank_you")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reaction = models.CharField(max_length=8, choices=Reaction.choices, blank=True)
    text_sealed = models.TextField(blank=True)
    text = SealedText(author="person_id")
    seen_at = models.DateTimeField(null=True, blank=True)  # when the note's sender saw it

    def __str__(self) -> str:
        return f"thank-you {self.id}"


class ListItem(BaseModel):
    """One entry in a person's private "things I appreciate about you" list for a bond.

    Private until its author shares it, which sends it to the other person as a note.
    """

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    text_sealed = models.TextField()
    text = SealedText(author="person_id")
    shared_note = models.OneToOneField(
        Note, null=True, blank=True, on_delete=models.SET_NULL, related_name="from_list_item"
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bond", "person"], name="appreciation_item_owner")]

    def __str__(self) -> str:
        return f"list item {self.id}"


class NudgeSetting(BaseModel):
    """A person's choice about the daily suggestion for one bond: rest it, or turn it off."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="+")
    quiet_until = models.DateField(null=True, blank=True)  # the nudge returns on this day
    off = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"nudge setting {self.id}"
